import Foundation
import RootmailCore

/// The web identity token of an AssumeRoleWithWebIdentity call, as `rootmail serve` reads it:
/// a JWT (three base64url parts, the first two JSON objects) whose claims name a subject
/// (`sub`) and, if they have an `exp`, have not expired.
///
/// The signature is not checked. A demo organization trusts no identity provider, and anyone
/// who can reach the demo server holds its demo keys anyway; what is checked is what a client
/// or a set-up can get wrong: a token file that holds something else than an ID token (an
/// access token, a newline after the token), or a token gone stale. A real STS checks the
/// signature against the provider's keys and the audience against the role's trust policy.
public struct WebIdentityToken: Sendable, Equatable {
    public let subject: String
    public let issuer: String?
    /// The first `aud`, which STS answers as the Audience.
    public let audience: String?

    init(_ text: String, now: Date) throws(RootmailError) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(Self.isBase64URL) }),
              Self.jsonObject(parts[0]) != nil, let claims = Self.jsonObject(parts[1])
        else {
            throw ServiceError(.stsInvalidIdentityToken, STSMessages.notAJWT).during(AssumeRoleInput.webIdentityOperation)
        }
        guard let subject = claims["sub"] as? String, !subject.isEmpty else {
            throw ServiceError(.stsInvalidIdentityToken, STSMessages.noSubject).during(AssumeRoleInput.webIdentityOperation)
        }
        if let expiration = (claims["exp"] as? NSNumber)?.intValue, expiration <= Int(now.timeIntervalSince1970) {
            throw ServiceError(.stsExpiredIdentityToken, STSMessages.tokenExpired(now: Int(now.timeIntervalSince1970),
                                                                                  expiration: expiration))
                .during(AssumeRoleInput.webIdentityOperation)
        }
        self.subject = subject
        issuer = claims["iss"] as? String
        audience = claims["aud"] as? String ?? (claims["aud"] as? [Any])?.first as? String
    }

    private static func isBase64URL(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_")
    }

    private static func jsonObject(_ part: Substring) -> [String: Any]? {
        var base64 = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}
