/// AWS's texts for refused signatures, kept in one place. Texts marked *assumed* have no public
/// source for the service flavour in question; correct them here when AWS's wording is known.
public enum AuthenticationMessages {
    /// JSON and rest-JSON services. *assumed* for Organizations and Account (the API Gateway text).
    public static let missingTokenJSON = "Missing Authentication Token"
    /// Query services such as STS.
    public static let missingTokenQuery = "Request is missing Authentication Token"

    public static let invalidToken = "The security token included in the request is invalid."

    public static let signatureMismatch =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."

    /// `now` minus the allowed skew, and `now`: "Signature expired: 20260101T000000Z is now
    /// earlier than 20260101T001600Z (20260101T003100Z - 15 min.)"
    public static func signatureExpired(signedAt: AMZDate, limit: AMZDate, now: AMZDate, skewMinutes: Int) -> String {
        "Signature expired: \(signedAt) is now earlier than \(limit) (\(now) - \(skewMinutes) min.)"
    }

    public static func signatureNotYetCurrent(signedAt: AMZDate, limit: AMZDate, now: AMZDate, skewMinutes: Int) -> String {
        "Signature not yet current: \(signedAt) is still later than \(limit) (\(now) + \(skewMinutes) min.)"
    }

    /// The sentences AWS lists for what an `Authorization` header lacks, followed by the header.
    public static func incompleteAuthorization(missingParameters: [String], missingDate: Bool, authorization: String) -> String {
        var sentences = missingParameters.map { "Authorization header requires '\($0)' parameter." }
        if missingDate {
            sentences.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
        }
        sentences.append("Authorization=\(authorization)")
        return sentences.joined(separator: " ")
    }

    public static func notKeyValuePair(_ part: String, authorization: String) -> String {
        "'\(part)' not a valid key=value pair (missing equal-sign) in Authorization header: '\(authorization)'."
    }

    public static func credentialElements(_ credential: String) -> String {
        "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '\(credential)'"
    }

    public static func credentialTerminator(_ terminator: String) -> String {
        "Credential should be scoped with a valid terminator: 'aws4_request', not '\(terminator)'."
    }

    /// *assumed*
    public static func credentialPart(_ problem: String) -> String {
        "Credential is malformed: \(problem)"
    }

    public static func dateFormat(_ date: String) -> String {
        "Date must be in ISO-8601 'basic format'. Got '\(date)'. See http://en.wikipedia.org/wiki/ISO_8601"
    }

    public static func scopeDateMismatch(scopeDate: String, requestDate: AMZDate) -> String {
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '\(scopeDate)' != '\(requestDate.dateStamp)', from '\(requestDate)'."
    }

    public static let hostNotSigned = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."
}
