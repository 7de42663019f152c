@testable import AWSSigV4
import Foundation
import Testing

@Suite(.tags(.unit)) struct VerifierTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let signedAt = AMZDate(parsing: "20260101T000000Z")!

    static func verifier(
        minutesAfterSigning minutes: Double = 1, secret: String = VerifierTests.secret
    ) -> Verifier {
        let now = signedAt.date.addingTimeInterval(minutes * 60)
        return Verifier(now: { now }) { key in key == "AKIAADMIN" ? secret : nil }
    }

    static func signedRequest(sessionToken: String? = nil) throws -> SignableRequest {
        let credentials = try Credentials(accessKeyID: "AKIAADMIN", secretAccessKey: secret, sessionToken: sessionToken)
        let signer = try Signer(credentials: credentials, region: "eu-west-1", service: "account")
        let request = SignableRequest(
            method: "POST", path: "/getPrimaryEmail", query: "",
            headers: [HeaderField("Content-Type", "application/json")],
            body: Array(#"{"AccountId": "111122223333"}"#.utf8)
        )
        return signer.sign(request, host: "127.0.0.1:4566", at: signedAt.date)
    }

    static func rejection(_ request: SignableRequest, by verifier: Verifier = VerifierTests.verifier()) -> SignatureRejection? {
        do {
            _ = try verifier.verify(request)
            return nil
        } catch {
            return error
        }
    }

    @Test func acceptsWhatTheSignerProducedAndTellsTheScope() throws {
        let verified = try Self.verifier().verify(try Self.signedRequest(sessionToken: "session-token"))
        #expect(verified.accessKeyID == "AKIAADMIN")
        #expect(verified.scope.service == "account")
        #expect(verified.scope.region == "eu-west-1")
        #expect(verified.signedAt == Self.signedAt)
        #expect(verified.sessionToken == "session-token")
        #expect(verified.signedHeaders == ["content-type", "host", "x-amz-date", "x-amz-security-token"])
    }

    @Test func acceptsHeadersAddedAfterSigning() throws {
        var request = try Self.signedRequest()
        request.headers.append(HeaderField("User-Agent", "aws-cli/2"))
        request.headers.append(HeaderField("Content-Length", "29"))
        #expect(throws: Never.self) { try Self.verifier().verify(request) }
    }

    @Test func acceptsADateJustWithinFifteenMinutesEitherWay() throws {
        let request = try Self.signedRequest()
        for minutes in [-15.0, -14, 14, 15] {
            #expect(throws: Never.self, "\(minutes) minutes") { try Self.verifier(minutesAfterSigning: minutes).verify(request) }
        }
    }

    @Test func refusesAChangedBody() throws {
        var request = try Self.signedRequest()
        request.body = Array(#"{"AccountId": "444455556666"}"#.utf8)
        let rejection = try #require(Self.rejection(request))
        #expect(rejection.reason == .signatureMismatch)
        #expect(rejection.errorCode(for: .json) == "InvalidSignatureException")
        #expect(rejection.errorCode(for: .restJSON) == "InvalidSignatureException")
        #expect(rejection.errorCode(for: .query) == "SignatureDoesNotMatch")
        #expect(rejection.httpStatus(for: .query) == 403)
        #expect(rejection.message(for: .json) == AuthenticationMessages.signatureMismatch)
        #expect(rejection.scope?.service == "account")
    }

    @Test func refusesAChangedSignedHeaderPathOrQuery() throws {
        let original = try Self.signedRequest()
        var header = original
        header.setHeader("Content-Type", to: "text/plain")
        var host = original
        host.setHeader("Host", to: "127.0.0.1:4567")
        var path = original
        path.path = "/startPrimaryEmailUpdate"
        var query = original
        query.query = "x=1"
        var method = original
        method.method = "PUT"
        for changed in [header, host, path, query, method] {
            #expect(Self.rejection(changed)?.reason == .signatureMismatch)
        }
    }

    @Test func refusesAWrongSecret() throws {
        let rejection = Self.rejection(try Self.signedRequest(), by: Self.verifier(secret: "another-secret"))
        #expect(rejection?.reason == .signatureMismatch)
    }

    @Test func refusesAnUnknownAccessKey() throws {
        var request = try Self.signedRequest()
        let authorization = try #require(request.headerValue(named: "Authorization"))
        request.setHeader("Authorization", to: authorization.replacingOccurrences(of: "AKIAADMIN", with: "AKIAUNKNOWN"))
        let rejection = try #require(Self.rejection(request))
        #expect(rejection.reason == .unknownAccessKey)
        #expect(rejection.errorCode(for: .json) == "UnrecognizedClientException")
        #expect(rejection.errorCode(for: .query) == "InvalidClientTokenId")
        #expect(rejection.message(for: .query) == "The security token included in the request is invalid.")
        #expect(rejection.scope?.region == "eu-west-1")
    }

    @Test func refusesADateSixteenMinutesOldWithAWSsText() throws {
        let rejection = try #require(Self.rejection(try Self.signedRequest(), by: Self.verifier(minutesAfterSigning: 16)))
        #expect(rejection.reason == .expired)
        #expect(rejection.message(for: .query)
            == "Signature expired: 20260101T000000Z is now earlier than 20260101T000100Z (20260101T001600Z - 15 min.)")
        #expect(rejection.errorCode(for: .query) == "SignatureDoesNotMatch")
        #expect(rejection.errorCode(for: .json) == "InvalidSignatureException")
    }

    @Test func refusesADateSixteenMinutesAheadWithAWSsText() throws {
        let rejection = try #require(Self.rejection(try Self.signedRequest(), by: Self.verifier(minutesAfterSigning: -16)))
        #expect(rejection.reason == .notYetCurrent)
        #expect(rejection.message(for: .json)
            == "Signature not yet current: 20260101T000000Z is still later than 20251231T235900Z (20251231T234400Z + 15 min.)")
    }

    @Test func refusesARequestWithoutAuthorization() throws {
        var request = try Self.signedRequest()
        request.removeHeaders(named: "Authorization")
        let rejection = try #require(Self.rejection(request))
        #expect(rejection.reason == .missingAuthentication)
        #expect(rejection.scope == nil)
        #expect(rejection.errorCode(for: .json) == "MissingAuthenticationTokenException")
        #expect(rejection.errorCode(for: .query) == "MissingAuthenticationToken")
        #expect(rejection.message(for: .query) == "Request is missing Authentication Token")
    }

    @Test func refusesARequestWithoutItsDate() throws {
        var request = try Self.signedRequest()
        request.removeHeaders(named: "X-Amz-Date")
        let rejection = try #require(Self.rejection(request))
        #expect(rejection.reason == .incompleteSignature)
        #expect(rejection.errorCode(for: .json) == "IncompleteSignatureException")
        #expect(rejection.errorCode(for: .query) == "IncompleteSignature")
        #expect(rejection.message(for: .json).hasPrefix(
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 Credential=AKIAADMIN/"
        ))
    }

    @Test func explainsWhatAnAuthorizationHeaderLacks() throws {
        var request = try Self.signedRequest()
        request.setHeader("Authorization", to: "AWS4-HMAC-SHA256 Credential=AKIAADMIN/20260101/eu-west-1/account/aws4_request, SignedHeaders=host;x-amz-date")
        #expect(Self.rejection(request)?.message(for: .json)
            == "Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256 Credential=AKIAADMIN/20260101/eu-west-1/account/aws4_request, SignedHeaders=host;x-amz-date")

        request.setHeader("Authorization", to: "AWS AKIAADMIN:c2lnbmF0dXJl")
        #expect(Self.rejection(request)?.message(for: .json)
            == "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS AKIAADMIN:c2lnbmF0dXJl")

        request.setHeader("Authorization", to: "AWS4-HMAC-SHA256 Credential= AKIAADMIN/20260101/eu-west-1/account/aws4_request, SignedHeaders=host, Signature=abc, stray")
        #expect(Self.rejection(request)?.message(for: .json)
            == "'stray' not a valid key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 Credential= AKIAADMIN/20260101/eu-west-1/account/aws4_request, SignedHeaders=host, Signature=abc, stray'.")

        request.setHeader("Authorization", to: "AWS4-HMAC-SHA256 Credential=AKIAADMIN/20260101/eu-west-1/aws4_request, SignedHeaders=host, Signature=abc")
        #expect(Self.rejection(request)?.message(for: .json)
            == "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIAADMIN/20260101/eu-west-1/aws4_request'")

        request.setHeader("Authorization", to: "AWS4-HMAC-SHA256 Credential=AKIAADMIN/20260101/eu-west-1/account/aws5_request, SignedHeaders=host, Signature=abc")
        #expect(Self.rejection(request)?.message(for: .json)
            == "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.")

        request.setHeader("Authorization", to: "AWS4-HMAC-SHA256 Credential=AKIAADMIN/20260101/eu-west-1/account/aws4_request, SignedHeaders=x-amz-date, Signature=abc")
        let hostless = try #require(Self.rejection(request))
        #expect(hostless.message(for: .json) == "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
        #expect(hostless.scope?.service == "account")
    }

    @Test func refusesAScopeDateThatIsNotTheRequestsDate() throws {
        var request = try Self.signedRequest()
        let authorization = try #require(request.headerValue(named: "Authorization"))
        request.setHeader("Authorization", to: authorization.replacingOccurrences(of: "/20260101/", with: "/20260102/"))
        let rejection = try #require(Self.rejection(request))
        #expect(rejection.reason == .signatureMismatch)
        #expect(rejection.message(for: .query)
            == "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20260102' != '20260101', from '20260101T000000Z'.")
    }

    @Test func refusesAMalformedDate() throws {
        var request = try Self.signedRequest()
        request.setHeader("X-Amz-Date", to: "2026-01-01T00:00:00Z")
        let rejection = try #require(Self.rejection(request))
        #expect(rejection.reason == .incompleteSignature)
        #expect(rejection.message(for: .json).hasPrefix("Date must be in ISO-8601 'basic format'. Got '2026-01-01T00:00:00Z'."))
    }

    /// SplitMix64: a fixed seed gives the same garbage on every run.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    @Test func neverAcceptsNorCrashesOnGarbageAuthorization() throws {
        let valid = try Self.signedRequest()
        let authorization = try #require(valid.headerValue(named: "Authorization"))
        var generator = SeededGenerator(state: 20_260_101)
        let pieces = [
            "AWS4-HMAC-SHA256", " ", ",", ", ", "=", "/", ";", "Credential=", "SignedHeaders=", "Signature=",
            "AKIAADMIN", "20260101", "eu-west-1", "account", "aws4_request", "host", "x-amz-date", "\u{0}", "é", "ሴ",
            "%", "\"", "\r\n", "\t", "==", "//", "🧨",
        ]
        var candidates: [String] = (0..<authorization.count).map { String(authorization.prefix($0)) }
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...24, using: &generator)
            candidates.append((0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for _ in 0..<1_000 {
            let length = Int.random(in: 0...200, using: &generator)
            let scalars = (0..<length).compactMap { _ in Unicode.Scalar(UInt32.random(in: 0...0x2FFF, using: &generator)) }
            candidates.append(String(String.UnicodeScalarView(scalars)))
        }
        for candidate in candidates {
            var request = valid
            request.setHeader("Authorization", to: candidate)
            #expect(Self.rejection(request) != nil, "accepted \(candidate.debugDescription)")
        }
    }

    /// Garbage is refused unless it canonicalises to what was signed (an empty query and `&`
    /// are the same query).
    @Test func neverCrashesOnGarbagePathsQueriesAndDates() throws {
        let valid = try Self.signedRequest()
        let names = ["content-type", "host", "x-amz-date"]
        let signedForm = CanonicalRequest(valid, signedHeaderNames: names)
        var generator = SeededGenerator(state: 42)
        let pieces = ["/", ".", "..", "%", "%2", "%zz", "%20", "?", "&", "=", "+", "ሴ", "\u{0}", " ", "//", "~", "é"]
        for _ in 0..<2_000 {
            var request = valid
            let length = Int.random(in: 0...16, using: &generator)
            let garbage = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: request.path = garbage
            case 1: request.query = garbage
            default: request.setHeader("X-Amz-Date", to: garbage)
            }
            if Self.rejection(request) == nil {
                #expect(CanonicalRequest(request, signedHeaderNames: names) == signedForm, "accepted \(garbage.debugDescription)")
            }
        }
    }
}

@Suite(.tags(.unit)) struct SigningKeyCacheTests {
    @Test func aCachedKeyIsTheKeyTheRulesDerive() throws {
        let cache = SigningKeyCache()
        let scope = try CredentialScope(dateStamp: "20261122", region: "us-east-1", service: "account")
        let derived = SignatureCalculation.signingKey(secretAccessKey: "secret-one", scope: scope)
        #expect(cache.key(secretAccessKey: "secret-one", scope: scope) == derived)
        #expect(cache.key(secretAccessKey: "secret-one", scope: scope) == derived)
    }

    @Test func everySecretAndScopeHasItsOwnKey() throws {
        let cache = SigningKeyCache()
        let today = try CredentialScope(dateStamp: "20261122", region: "us-east-1", service: "account")
        let tomorrow = try CredentialScope(dateStamp: "20261123", region: "us-east-1", service: "account")
        let otherService = try CredentialScope(dateStamp: "20261122", region: "us-east-1", service: "sts")
        let keys = [cache.key(secretAccessKey: "secret-one", scope: today),
                    cache.key(secretAccessKey: "secret-two", scope: today),
                    cache.key(secretAccessKey: "secret-one", scope: tomorrow),
                    cache.key(secretAccessKey: "secret-one", scope: otherService)]
        #expect(Set(keys).count == 4)
        #expect(keys[2] == SignatureCalculation.signingKey(secretAccessKey: "secret-one", scope: tomorrow))
    }

    @Test func pastItsCapacityItStillAnswersRight() throws {
        let cache = SigningKeyCache()
        let scope = try CredentialScope(dateStamp: "20261122", region: "us-east-1", service: "account")
        for index in 0...SigningKeyCache.capacity {
            _ = cache.key(secretAccessKey: "secret-\(index)", scope: scope)
        }
        #expect(cache.key(secretAccessKey: "secret-0", scope: scope)
            == SignatureCalculation.signingKey(secretAccessKey: "secret-0", scope: scope))
    }
}
