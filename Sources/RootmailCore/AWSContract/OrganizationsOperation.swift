/// AWS Organizations' operations over JSON 1.1: `POST /` with `X-Amz-Target: <target>`.
public enum OrganizationsOperation: String, AWSOperation {
    case describeOrganization = "DescribeOrganization"
    case listAccounts = "ListAccounts"
    case describeAccount = "DescribeAccount"
    case listParents = "ListParents"
    case listRoots = "ListRoots"
    case listOrganizationalUnitsForParent = "ListOrganizationalUnitsForParent"
    case describeOrganizationalUnit = "DescribeOrganizationalUnit"
    case listAWSServiceAccessForOrganization = "ListAWSServiceAccessForOrganization"
    case enableAWSServiceAccess = "EnableAWSServiceAccess"
    case disableAWSServiceAccess = "DisableAWSServiceAccess"
    case listDelegatedAdministrators = "ListDelegatedAdministrators"
    case registerDelegatedAdministrator = "RegisterDelegatedAdministrator"
    case deregisterDelegatedAdministrator = "DeregisterDelegatedAdministrator"
    case listTagsForResource = "ListTagsForResource"

    /// The members of its input, as the `organizations` service model states them.
    public var input: [InputMember] {
        let nextToken = InputMember("NextToken", maximum: 100_000, pattern: .anything)
        let maxResults = InputMember("MaxResults", .integer, minimum: AWSMessages.Organizations.maxResultsRange.lowerBound,
                                     maximum: AWSMessages.Organizations.maxResultsRange.upperBound)
        let accountID = InputMember("AccountId", required: true, maximum: 12, pattern: .accountID)
        func servicePrincipal(required: Bool) -> InputMember {
            InputMember("ServicePrincipal", required: required, minimum: 1, maximum: 128, pattern: .servicePrincipal)
        }
        switch self {
        case .describeOrganization: return []
        case .listAccounts, .listRoots, .listAWSServiceAccessForOrganization: return [nextToken, maxResults]
        case .describeAccount: return [accountID]
        case .listParents:
            return [InputMember("ChildId", required: true, maximum: 100, pattern: .childID), nextToken, maxResults]
        case .listOrganizationalUnitsForParent:
            return [InputMember("ParentId", required: true, maximum: 100, pattern: .parentID), nextToken, maxResults]
        case .describeOrganizationalUnit:
            return [InputMember("OrganizationalUnitId", required: true, maximum: 68, pattern: .organizationalUnitID)]
        case .enableAWSServiceAccess, .disableAWSServiceAccess: return [servicePrincipal(required: true)]
        case .listDelegatedAdministrators: return [servicePrincipal(required: false), nextToken, maxResults]
        case .registerDelegatedAdministrator, .deregisterDelegatedAdministrator: return [accountID, servicePrincipal(required: true)]
        case .listTagsForResource:
            return [InputMember("ResourceId", required: true, maximum: 130, pattern: .taggableResourceID), nextToken]
        }
    }

    /// The error shapes the model lists for it: the only ones it may answer.
    public var modeledErrors: Set<String> {
        let common: Set<String> = ["AccessDeniedException", "AWSOrganizationsNotInUseException", "ServiceException",
                                   "TooManyRequestsException"]
        let specific: Set<String> = switch self {
        case .describeOrganization: ["ConcurrentModificationException"]
        case .listAccounts, .listRoots: ["InvalidInputException"]
        case .describeAccount: ["AccountNotFoundException", "InvalidInputException"]
        case .listParents: ["ChildNotFoundException", "InvalidInputException"]
        case .listOrganizationalUnitsForParent: ["InvalidInputException", "ParentNotFoundException"]
        case .describeOrganizationalUnit: ["InvalidInputException", "OrganizationalUnitNotFoundException"]
        case .listAWSServiceAccessForOrganization, .listDelegatedAdministrators:
            ["ConstraintViolationException", "InvalidInputException", "UnsupportedAPIEndpointException"]
        case .enableAWSServiceAccess, .disableAWSServiceAccess:
            ["ConcurrentModificationException", "ConstraintViolationException", "InvalidInputException",
             "UnsupportedAPIEndpointException"]
        case .registerDelegatedAdministrator:
            ["AccountAlreadyRegisteredException", "AccountNotFoundException", "ConcurrentModificationException",
             "ConstraintViolationException", "InvalidInputException", "UnsupportedAPIEndpointException"]
        case .deregisterDelegatedAdministrator:
            ["AccountNotFoundException", "AccountNotRegisteredException", "ConcurrentModificationException",
             "ConstraintViolationException", "InvalidInputException", "UnsupportedAPIEndpointException"]
        case .listTagsForResource: ["InvalidInputException", "TargetNotFoundException"]
        }
        return common.union(specific)
    }

    /// What every Organizations `X-Amz-Target` starts with.
    public static let targetPrefix = "AWSOrganizationsV20161128."

    /// `AWSOrganizationsV20161128.ListAccounts`
    public var target: String { Self.targetPrefix + rawValue }

    /// The operation an `X-Amz-Target` names, if any.
    public init?(target: String) {
        guard target.hasPrefix(Self.targetPrefix) else { return nil }
        self.init(rawValue: String(target.dropFirst(Self.targetPrefix.count)))
    }
}
