import Foundation
import RootmailCore

/// An IAM role of the embedded organization, which its principals assume with STS AssumeRole
/// (a profile's `role_arn`). A session of the role acts with the role's account-management
/// permissions and its account's standing, never with those of whoever assumed it.
///
/// Trust rule (one for every role, in place of trust policies): every principal of the
/// organization, its IAM users and the sessions of its roles alike, may assume every role of
/// the organization, whatever the accounts. A role ARN that names no role is refused as AWS
/// refuses a role whose trust policy leaves the caller out: AccessDenied.
public struct EmbeddedRole: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let accountID: AccountID
    /// `AROA…`, the first part of a session's AssumedRoleId.
    public let roleID: String
    /// Where the role's account stands now (it changes with the delegated administrator).
    public let standing: CallerRole
    public let permissions: Set<Permission>
    /// The longest session AssumeRole grants, in seconds (AWS allows 3600 to 43200).
    public let maxSessionDuration: Int

    public var arn: String { Self.arn(account: accountID, name: name) }

    static func arn(account: AccountID, name: String) -> String { "arn:aws:iam::\(account):role/\(name)" }

    public var description: String {
        "\(arn) (\(standing.rawValue); \(EmbeddedCaller.describe(permissions)))"
    }
}

/// Temporary credentials AssumeRole handed out, and the principal they act as.
public struct EmbeddedRoleSession: Hashable, Sendable, CustomStringConvertible {
    /// `ASIA…`
    public let accessKeyID: String
    public let secretAccessKey: String
    /// What a request signed with the key must carry in `X-Amz-Security-Token`.
    public let sessionToken: String
    public let expiration: Date
    public let roleARN: String
    public let sessionName: String
    /// `arn:aws:sts::<account>:assumed-role/<role>/<session>`, as GetCallerIdentity answers it.
    public let arn: String
    /// `AROA…:<session>`
    public let assumedRoleID: String

    /// Everything but the secret and the token.
    public var description: String { "\(arn) (\(accessKeyID), until \(expiration.formatted(.iso8601)))" }
}
