import RootmailCore

/// STS's error types, named as its query protocol names them (no `Exception` suffix).
extension ServiceErrorType {
    public static let stsAccessDenied = ServiceErrorType(rawValue: "AccessDenied")
    public static let stsValidation = ServiceErrorType(rawValue: "ValidationError")
    public static let stsInvalidIdentityToken = ServiceErrorType(rawValue: "InvalidIdentityToken")
    public static let stsExpiredIdentityToken = ServiceErrorType(rawValue: "ExpiredTokenException")
}

/// STS's texts for AssumeRole, kept in one place. Texts marked *assumed* have no public source;
/// correct them here when AWS's real wording is known.
public enum STSMessages {
    public static func notAuthorizedToAssume(callerARN: String, roleARN: String) -> String {
        "User: \(callerARN) is not authorized to perform: sts:AssumeRole on resource: \(roleARN)"
    }

    /// `1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: …`;
    /// a missing member is `Value null at …`.
    public static func validationFailed(_ problems: [(member: String, value: String?, constraint: String)]) -> String {
        let count = problems.count == 1 ? "1 validation error" : "\(problems.count) validation errors"
        let details = problems.map { problem in
            "Value \(problem.value.map { "'\($0)'" } ?? "null") at '\(problem.member)' failed to satisfy constraint: \(problem.constraint)"
        }
        return "\(count) detected: " + details.joined(separator: "; ")
    }

    public static func minimumLength(_ length: Int) -> String { "Member must have length greater than or equal to \(length)" }
    public static func maximumLength(_ length: Int) -> String { "Member must have length less than or equal to \(length)" }
    public static func minimumValue(_ value: Int) -> String { "Member must have value greater than or equal to \(value)" }
    public static func maximumValue(_ value: Int) -> String { "Member must have value less than or equal to \(value)" }
    public static func pattern(_ pattern: String) -> String { "Member must satisfy regular expression pattern: \(pattern)" }
    /// *assumed*: a DurationSeconds that is not a whole number.
    public static let mustBeInteger = "Member must be an integer"

    /// AWS's answer to an access token, or anything else than an ID token.
    public static let notAJWT = "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)"
    /// *assumed*: a token whose claims name no subject.
    public static let noSubject = "The ID Token provided has no sub claim."
    /// `exp` and the time now in seconds since 1970, as AWS writes them.
    public static func tokenExpired(now: Int, expiration: Int) -> String {
        "Token expired: current date/time \(now) must be before the expiration date/time \(expiration)"
    }
    /// *assumed*: AWS's wording when the role's trust policy leaves the identity provider out.
    public static let notAuthorizedWithWebIdentity = "Not authorized to perform sts:AssumeRoleWithWebIdentity"

    public static let exceedsMaxSessionDuration = "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."
    public static let exceedsChainingLimit =
        "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."
}
