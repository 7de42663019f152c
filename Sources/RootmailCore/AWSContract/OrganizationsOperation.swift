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
