import AWSSigV4
import Foundation
import Testing

/// rootmail's signer and verifier against botocore's SigV4Auth, request by request.
@Suite(.tags(.subprocess)) struct BotocoreOracleTests {
    static let accessKeyID = "AKIAROOTMAILTEST0001"
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let token = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+token/with+slashes=="
    static let timestamp = "20260101T093000Z"

    static func request(
        _ name: String, _ method: String, _ url: String, service: String, region: String = "us-east-1",
        headers: [[String]] = [], body: String = "", params: [[String]]? = nil,
        sessionToken: String? = nil, contentSHA256Header: Bool = false
    ) -> BotocoreOracle.Request {
        BotocoreOracle.Request(
            name: name, method: method, url: url, params: params, headers: headers, body: body,
            accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: sessionToken,
            region: region, service: service, timestamp: timestamp, contentSHA256Header: contentSHA256Header
        )
    }

    static let cases: [BotocoreOracle.Request] = [
        request(
            "Organizations ListAccounts, JSON 1.1", "POST", "https://organizations.us-east-1.amazonaws.com/",
            service: "organizations",
            headers: [
                ["Content-Type", "application/x-amz-json-1.1"],
                ["X-Amz-Target", "AWSOrganizationsV20161128.ListAccounts"],
                ["User-Agent", "aws-cli/2.27.0 md/Botocore#1.43.11"],
            ],
            body: #"{"MaxResults": 20, "NextToken": "page/2+more=="}"#
        ),
        request(
            "Account GetPrimaryEmail on a non-default port", "POST", "http://127.0.0.1:4566/getPrimaryEmail",
            service: "account", headers: [["Content-Type", "application/json"]],
            body: #"{"AccountId": "111122223333"}"#
        ),
        request(
            "STS GetCallerIdentity in eu-west-1 with a session token", "POST", "https://sts.eu-west-1.amazonaws.com/",
            service: "sts", region: "eu-west-1",
            headers: [["Content-Type", "application/x-www-form-urlencoded; charset=utf-8"]],
            body: "Action=GetCallerIdentity&Version=2011-06-15", sessionToken: token
        ),
        request(
            "Organizations in eu-west-1 with a session token and a unicode body", "POST",
            "http://localhost:8080/", service: "organizations", region: "eu-west-1",
            headers: [
                ["Content-Type", "application/x-amz-json-1.1"],
                ["X-Amz-Target", "AWSOrganizationsV20161128.DescribeAccount"],
            ],
            body: #"{"AccountId": "111122223333", "Note": "Café ☕ ሴ"}"#, sessionToken: token
        ),
        request("Empty body, no path at all", "GET", "https://organizations.us-east-1.amazonaws.com", service: "organizations"),
        request("Empty body on a default port written out", "GET", "http://LocalHost:80/status", service: "account"),
        request("Non-default https port", "GET", "https://account.us-east-1.amazonaws.com:8443/", service: "account"),
        request(
            "Percent-encoded path with spaces and unicode", "GET",
            "http://127.0.0.1:9000/my%20folder/%E1%88%B4/caf%C3%A9%2Fslash", service: "account", region: "eu-west-1"
        ),
        request("Raw path with spaces and unicode", "GET", "https://example.amazonaws.com/my folder/ሴ/ü/", service: "sts"),
        request("Dot segments and double slashes", "GET", "https://example.amazonaws.com/a/./b/../c//d/", service: "account"),
        request("Dot-dot beyond the root", "GET", "https://example.amazonaws.com/../../x/..", service: "account"),
        request(
            "Query with repeated keys, empty values and special characters", "GET",
            "https://example.amazonaws.com/list?b=2&a=2&a=1&empty=&flag&sp=%20%2F%2B~%E2%82%AC%3D&Z=upper",
            service: "organizations"
        ),
        request(
            "Query parameters sent with + for space", "GET", "https://sts.amazonaws.com/",
            service: "sts", params: [["Name", "a b+c/ü=é"], ["Action", "List"], ["Action", "Again"], ["Empty", ""]]
        ),
        request(
            "Header values trimmed and inner whitespace folded", "POST", "https://example.amazonaws.com/",
            service: "account",
            headers: [["X-Custom", "  a   b\t c  "], ["Content-Type", " application/json "]], body: "{}"
        ),
        request(
            "X-Amz-Content-Sha256 signed", "POST", "https://example.amazonaws.com/getPrimaryEmail",
            service: "account", headers: [["Content-Type", "application/json"]],
            body: #"{"AccountId": "111122223333"}"#, sessionToken: token, contentSHA256Header: true
        ),
    ]

    /// Host, path and query of a URL as botocore put it on the wire.
    struct WireURL {
        let host: String
        let target: String

        init(_ url: String) {
            let schemeEnd = url.range(of: "://")!
            let scheme = String(url[..<schemeEnd.lowerBound])
            let rest = url[schemeEnd.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            let hostAndPort = authority.split(separator: ":")
            host = HostHeader.value(
                scheme: scheme, host: String(hostAndPort[0]), port: hostAndPort.count > 1 ? Int(hostAndPort[1]) : nil
            )
            target = String(rest[authorityEnd...])
        }
    }

    static let signedByBotocore: Result<[BotocoreOracle.SignedRequest], any Error> = Result {
        try BotocoreOracle.sign(cases)
    }

    @Test(arguments: cases.indices)
    func signerMatchesBotocore(index: Int) throws {
        let oracle = try Self.signedByBotocore.get()[index]
        let spec = Self.cases[index]
        let wire = WireURL(oracle.wireURL)
        #expect(wire.host == oracle.host, "Host header for \(spec.name)")

        let credentials = try Credentials(accessKeyID: spec.accessKeyID, secretAccessKey: spec.secretAccessKey, sessionToken: spec.sessionToken)
        let signer = try Signer(credentials: credentials, region: spec.region, service: spec.service, addsContentSHA256Header: spec.contentSHA256Header)
        let unsigned = SignableRequest(
            method: spec.method, target: wire.target,
            headers: spec.headers.map { HeaderField($0[0], $0[1]) }, body: Array(spec.body.utf8)
        )
        let signed = signer.sign(unsigned, host: wire.host, at: try #require(AMZDate(parsing: spec.timestamp)).date)

        let canonical = CanonicalRequest(signed, signedHeaderNames: CanonicalRequest.namesToSign(in: signed))
        #expect(canonical.description == oracle.canonicalRequest, "canonical request for \(spec.name)")
        #expect(signed.headerValue(named: "Authorization") == oracle.header("Authorization"), "\(spec.name)")
        #expect(signed.headerValue(named: "X-Amz-Date") == oracle.header("X-Amz-Date"))
        #expect(signed.headerValue(named: "X-Amz-Security-Token") == oracle.header("X-Amz-Security-Token"))
        #expect(signed.headerValue(named: "X-Amz-Content-Sha256") == oracle.header("X-Amz-Content-SHA256"))
        #expect(signed.headerValue(named: "Host") == oracle.host)
    }

    @Test(arguments: cases.indices)
    func verifierAcceptsBotocoreRequests(index: Int) throws {
        let oracle = try Self.signedByBotocore.get()[index]
        let spec = Self.cases[index]
        let wire = WireURL(oracle.wireURL)
        // What a server receives: botocore's headers plus the Host its HTTP client adds.
        let received = SignableRequest(
            method: spec.method, target: wire.target,
            headers: [HeaderField("Host", oracle.host)] + oracle.headers.map { HeaderField($0[0], $0[1]) },
            body: Array(spec.body.utf8)
        )
        let signedAt = try #require(AMZDate(parsing: spec.timestamp)).date
        let verifier = Verifier(now: { signedAt.addingTimeInterval(300) }) { key in
            key == Self.accessKeyID ? Self.secret : nil
        }
        let verified = try verifier.verify(received)
        #expect(verified.accessKeyID == Self.accessKeyID)
        #expect(verified.scope.service == spec.service)
        #expect(verified.scope.region == spec.region)
        #expect(verified.sessionToken == spec.sessionToken)

        var tampered = received
        tampered.body += Array(" ".utf8)
        #expect(throws: SignatureRejection.self, "a changed body must be refused for \(spec.name)") {
            try verifier.verify(tampered)
        }
    }
}
