import Foundation
import Synchronization

/// What a verified signature tells the server about the caller.
public struct VerifiedSignature: Sendable, Hashable {
    public let accessKeyID: String
    /// Region and service the client signed for: a server routes by `scope.service`.
    public let scope: CredentialScope
    public let signedAt: AMZDate
    /// `X-Amz-Security-Token` as received, for temporary credentials.
    public let sessionToken: String?
    public let signedHeaders: [String]
}

/// Checks SigV4 `Authorization` headers on requests as received.
public struct Verifier: Sendable {
    public let allowedSkewMinutes: Int
    private let secretForAccessKey: @Sendable (String) -> String?
    private let now: @Sendable () -> Date
    private let signingKeys = SigningKeyCache()

    /// - Parameters:
    ///   - secretForAccessKey: the secret access key of a key id, nil for an unknown key.
    ///   - now: the clock requests' dates are compared with.
    public init(
        allowedSkewMinutes: Int = 15,
        now: @escaping @Sendable () -> Date = { Date() },
        secretForAccessKey: @escaping @Sendable (String) -> String?
    ) {
        self.allowedSkewMinutes = allowedSkewMinutes
        self.now = now
        self.secretForAccessKey = secretForAccessKey
    }

    /// Recomputes the signature over `request` exactly as received: method, raw path and query
    /// from the request line, the signed headers' values as they arrived, and the body.
    public func verify(_ request: SignableRequest) throws(SignatureRejection) -> VerifiedSignature {
        guard let authorizationText = request.headerValue(named: "Authorization") else {
            throw SignatureRejection(.missingAuthentication)
        }
        let dateText = request.headerValue(named: "X-Amz-Date")
        let authorization = try AuthorizationHeader(parsing: authorizationText, hasDate: dateText != nil)
        let scope = authorization.scope
        guard let dateText, let signedAt = AMZDate(parsing: dateText.trimmingASCIIWhitespace()) else {
            throw SignatureRejection(.incompleteSignature, detail: AuthenticationMessages.dateFormat(dateText ?? ""), scope: scope)
        }
        guard scope.dateStamp == signedAt.dateStamp else {
            throw SignatureRejection(
                .signatureMismatch,
                detail: AuthenticationMessages.scopeDateMismatch(scopeDate: scope.dateStamp, requestDate: signedAt),
                scope: scope
            )
        }
        guard let secret = secretForAccessKey(authorization.accessKeyID) else {
            throw SignatureRejection(.unknownAccessKey, scope: scope)
        }
        try checkSkew(of: signedAt, scope: scope)

        let canonical = CanonicalRequest(request, signedHeaderNames: authorization.signedHeaders)
        let expected = SignatureCalculation.signature(
            signingKey: signingKeys.key(secretAccessKey: secret, scope: scope),
            stringToSign: SignatureCalculation.stringToSign(date: signedAt, scope: scope, canonicalRequest: canonical)
        )
        guard Self.constantTimeEquals(expected, authorization.signature) else {
            throw SignatureRejection(.signatureMismatch, scope: scope)
        }
        return VerifiedSignature(
            accessKeyID: authorization.accessKeyID,
            scope: scope,
            signedAt: signedAt,
            sessionToken: request.headerValue(named: "X-Amz-Security-Token"),
            signedHeaders: authorization.signedHeaders
        )
    }

    private func checkSkew(of signedAt: AMZDate, scope: CredentialScope) throws(SignatureRejection) {
        let current = AMZDate(now())
        let skew = Int64(allowedSkewMinutes) * 60
        let earliest = current.adding(seconds: -skew)
        let latest = current.adding(seconds: skew)
        if signedAt < earliest {
            throw SignatureRejection(.expired, detail: AuthenticationMessages.signatureExpired(
                signedAt: signedAt, limit: earliest, now: current, skewMinutes: allowedSkewMinutes
            ), scope: scope)
        }
        if signedAt > latest {
            throw SignatureRejection(.notYetCurrent, detail: AuthenticationMessages.signatureNotYetCurrent(
                signedAt: signedAt, limit: latest, now: current, skewMinutes: allowedSkewMinutes
            ), scope: scope)
        }
    }

    /// Takes as long for a near miss as for a far one, so timing tells nothing about the signature.
    static func constantTimeEquals(_ expected: String, _ given: String) -> Bool {
        let lhs = Array(expected.utf8), rhs = Array(given.utf8)
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}

/// Signing keys by secret and scope. A key depends only on the secret, the day, the region and
/// the service, so a client's requests all day long share one; deriving it is four HMACs, the
/// larger part of checking a signature.
final class SigningKeyCache: Sendable {
    private struct Entry: Hashable {
        let secretAccessKey: String
        let scope: CredentialScope
    }

    /// Keys of many callers, regions and days fit; past it the cache starts over (new days
    /// would otherwise keep adding keys for as long as the server runs).
    static let capacity = 1024

    private let keys = Mutex<[Entry: [UInt8]]>([:])

    func key(secretAccessKey: String, scope: CredentialScope) -> [UInt8] {
        let entry = Entry(secretAccessKey: secretAccessKey, scope: scope)
        if let key = keys.withLock({ $0[entry] }) { return key }
        let key = SignatureCalculation.signingKey(secretAccessKey: secretAccessKey, scope: scope)
        keys.withLock { keys in
            if keys.count >= Self.capacity { keys.removeAll(keepingCapacity: true) }
            keys[entry] = key
        }
        return key
    }
}
