/// AWS's texts for the primary-email operations, kept in one place. Texts marked *assumed*
/// have no public source; correct them here when AWS's real wording is known.
public enum AWSMessages {
    public static let trustedAccessReason =
        "Your organization must first enable trusted access with AWS Account Management."
    public static let managementAccountReason =
        "The management account can only be managed using the standalone context from the management account."

    /// `User: <arn> is not authorized to perform: account:<Operation> (<reason>)`
    public static func notAuthorized(callerARN: String, operation: String, reason: String? = nil) -> String {
        let base = "User: \(callerARN) is not authorized to perform: account:\(operation)"
        return reason.map { "\(base) (\($0))" } ?? base
    }

    /// *assumed*
    public static let codeIncorrect = "The verification code is incorrect."
    /// *assumed*
    public static let codeExpired = "The verification code has expired."
    /// *assumed*
    public static func accountNotFound(_ id: AccountID) -> String {
        "The request failed because account \(id) is not a member of this organization."
    }
    /// *assumed*
    public static func noPendingUpdate(_ id: AccountID) -> String {
        "No pending primary email update matches account \(id) and the given address. Start the update again."
    }
    public static let emailInUse =
        "The request failed because the new primary email is an email address which is already in use."
    /// *assumed*
    public static let emailUnchanged =
        "The request failed because the new primary email is the same as the current primary email."
    public static let throttled = "Rate exceeded"
    public static let fieldValidationFailed = "fieldValidationFailed"
    /// *assumed*: how many wrong codes void a pending code.
    public static let maximumCodeAttempts = 5
    /// How long a started update can be completed.
    public static let codeLifetime: Double = 24 * 60 * 60
}
