import Crypto

/// The arithmetic of AWS4-HMAC-SHA256: string to sign, signing key, signature.
public enum SignatureCalculation {
    public static let algorithm = "AWS4-HMAC-SHA256"

    /// `AWS4-HMAC-SHA256`, the signing time, the scope and the canonical request's hash, one a line.
    public static func stringToSign(date: AMZDate, scope: CredentialScope, canonicalRequest: CanonicalRequest) -> String {
        [algorithm, date.description, scope.description, canonicalRequest.hash].joined(separator: "\n")
    }

    /// HMAC chain `AWS4<secret>` → date → region → service → `aws4_request`.
    public static func signingKey(secretAccessKey: String, scope: CredentialScope) -> [UInt8] {
        var key = Array("AWS4\(secretAccessKey)".utf8)
        for part in [scope.dateStamp, scope.region, scope.service, CredentialScope.terminator] {
            key = hmac(key: key, message: part)
        }
        return key
    }

    /// The lowercase hex signature of `stringToSign`.
    public static func signature(signingKey: [UInt8], stringToSign: String) -> String {
        CanonicalRequest.hex(hmac(key: signingKey, message: stringToSign))
    }

    private static func hmac(key: [UInt8], message: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: SymmetricKey(data: key)))
    }
}
