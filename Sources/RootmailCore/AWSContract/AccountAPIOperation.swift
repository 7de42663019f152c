/// An AWS operation rootmail calls or serves. Its raw value is the operation's name as the wire,
/// the audit log and the AWS CLI's error messages spell it.
public protocol AWSOperation: RawRepresentable, Hashable, Sendable, CaseIterable where RawValue == String {}

/// AWS Account Management's primary-email operations over rest-json: `POST /<path>` with a JSON
/// body, errors named in `x-amzn-ErrorType`.
public enum AccountAPIOperation: String, AWSOperation {
    case getPrimaryEmail = "GetPrimaryEmail"
    case startPrimaryEmailUpdate = "StartPrimaryEmailUpdate"
    case acceptPrimaryEmailUpdate = "AcceptPrimaryEmailUpdate"
    case getPrimaryEmailUpdateStatus = "GetPrimaryEmailUpdateStatus"

    /// `/getPrimaryEmail`: the operation's name with a lower-case first letter.
    public var path: String { "/" + rawValue.prefix(1).lowercased() + rawValue.dropFirst() }

    private static let byPath = Dictionary(uniqueKeysWithValues: allCases.map { ($0.path, $0) })

    /// The operation a request path names, if any.
    public init?(path: String) {
        guard let operation = Self.byPath[path] else { return nil }
        self = operation
    }

    /// The members of its input, as the `account` service model states them.
    public var input: [InputMember] {
        let accountID = InputMember("AccountId", required: self != .getPrimaryEmailUpdateStatus, pattern: .accountAPIAccountID)
        let primaryEmail = InputMember("PrimaryEmail", required: true, minimum: EmailAddress.lengthRange.lowerBound,
                                       maximum: EmailAddress.lengthRange.upperBound)
        switch self {
        case .getPrimaryEmail, .getPrimaryEmailUpdateStatus: return [accountID]
        case .startPrimaryEmailUpdate: return [accountID, primaryEmail]
        case .acceptPrimaryEmailUpdate: return [accountID, primaryEmail, InputMember("Otp", required: true, pattern: .otp)]
        }
    }

    /// The error shapes the model lists for it: the only ones it may answer.
    public var modeledErrors: Set<String> {
        var errors: Set<String> = ["ResourceNotFoundException", "AccessDeniedException", "ValidationException",
                                   "TooManyRequestsException", "InternalServerException"]
        if self == .startPrimaryEmailUpdate || self == .acceptPrimaryEmailUpdate { errors.insert("ConflictException") }
        return errors
    }

    /// The IAM action the caller needs. Reading the update status counts as reading the
    /// primary email: the Permission model has no separate action for it.
    public var permission: Permission {
        switch self {
        case .getPrimaryEmail, .getPrimaryEmailUpdateStatus: .getPrimaryEmail
        case .startPrimaryEmailUpdate: .startPrimaryEmailUpdate
        case .acceptPrimaryEmailUpdate: .acceptPrimaryEmailUpdate
        }
    }
}

/// The IAM actions of Account Management that rootmail's operations need.
public enum Permission: String, Sendable, Codable, CaseIterable {
    case getPrimaryEmail = "account:GetPrimaryEmail"
    case startPrimaryEmailUpdate = "account:StartPrimaryEmailUpdate"
    case acceptPrimaryEmailUpdate = "account:AcceptPrimaryEmailUpdate"
}

/// The service principals rootmail names in Organizations calls (trusted access, delegated
/// administrators).
public enum ServicePrincipal {
    /// AWS Account Management: its delegated administrator may change primary emails.
    public static let accountManagement = "account.amazonaws.com"
}
