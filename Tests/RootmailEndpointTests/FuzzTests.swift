import AWSSigV4
import EmbeddedOrganization
import Foundation
import RootmailCore
import Testing

/// Throws random, truncated and tampered requests at the endpoint over loopback, with a fixed
/// seed and a bounded count, and checks that every answer is a well-formed AWS answer in one
/// of the three protocols (never a 5xx, an empty or an HTML body) and that the endpoint is up
/// at the end.
@Suite(.serialized, .tags(.socket))
struct FuzzTests {
    static let seed: UInt64 = 0x5EED_2026
    static let requestCount = 2_000

    @Test func randomRequestsGetWellFormedAnswers() async throws {
        try await RunningEndpoint.with { endpoint in
            var generator = FuzzRequestGenerator(seed: Self.seed, endpoint: endpoint,
                                                 callers: try endpoint.organization.callers(),
                                                 accountIDs: try await Self.someAccountIDs(endpoint))
            var problems: [String] = []
            var codesSeen: Set<String> = []
            var successes = 0
            for index in 0..<Self.requestCount {
                let request = try generator.next()
                let answer: RawHTTPClient.Answer
                do {
                    answer = try await RawHTTPClient.send(port: endpoint.address.port, method: request.method,
                                                          target: request.target, headers: request.headers, body: request.body)
                } catch {
                    problems.append("#\(index) \(request.summary): no answer: \(error)")
                    continue
                }
                switch Self.verdict(on: answer) {
                case .success: successes += 1
                case .error(let code): codesSeen.insert(code)
                case .malformed(let why): problems.append("#\(index) \(request.summary): \(why)")
                }
            }
            #expect(problems.isEmpty, "\(problems.count) malformed answers; first: \(problems.prefix(5).joined(separator: "\n"))")
            // The requests reached past the signature check into every service's operations.
            #expect(successes > 20, "only \(successes) requests succeeded")
            #expect(codesSeen.count >= 12, "error codes seen: \(codesSeen.sorted())")

            let member = try #require(try await Self.someAccountIDs(endpoint).first)
            let alive = try await SignedRequests(endpoint: endpoint)
                .account("/getPrimaryEmail", json: #"{"AccountId":"\#(member)"}"#, as: try endpoint.caller("admin"))
            #expect(alive.status == 200, "the endpoint no longer answers: \(alive.status) \(alive.bodyText)")
        }
    }

    enum Verdict {
        case success
        case error(code: String)
        case malformed(String)
    }

    /// Judges an answer by the shape its content type promises.
    static func verdict(on answer: RawHTTPClient.Answer) -> Verdict {
        guard answer.status < 500 else { return .malformed("status \(answer.status): \(answer.bodyText)") }
        guard answer.headers["x-amzn-requestid"]?.isEmpty == false else { return .malformed("no x-amzn-RequestId") }
        let contentType = answer.headers["content-type"] ?? ""
        switch contentType {
        case "application/json":
            guard let json = answer.json else { return .malformed("rest-json body is not a JSON object: \(answer.bodyText)") }
            guard answer.status >= 400 else { return .success }
            guard let code = answer.headers["x-amzn-errortype"], !code.isEmpty, json["message"] is String else {
                return .malformed("rest-json error without x-amzn-ErrorType or message: \(answer.bodyText)")
            }
            return .error(code: code)
        case "application/x-amz-json-1.1":
            guard let json = answer.json else { return .malformed("JSON 1.1 body is not a JSON object: \(answer.bodyText)") }
            guard answer.status >= 400 else { return .success }
            guard let code = json["__type"] as? String, !code.isEmpty, json["Message"] is String else {
                return .malformed("JSON 1.1 error without __type or Message: \(answer.bodyText)")
            }
            return .error(code: code)
        case "text/xml":
            let text = answer.bodyText
            if answer.status < 400 {
                return text.contains("<GetCallerIdentityResponse") ? .success : .malformed("XML success without a result: \(text)")
            }
            guard text.hasPrefix("<ErrorResponse"), text.contains("</ErrorResponse>"),
                  let start = text.range(of: "<Code>"), let end = text.range(of: "</Code>"), start.upperBound < end.lowerBound,
                  text.contains("<Message>"), text.contains("<RequestId>")
            else { return .malformed("query error without ErrorResponse, Code, Message, RequestId: \(text)") }
            return .error(code: String(text[start.upperBound..<end.lowerBound]))
        default:
            return .malformed("content type '\(contentType)', status \(answer.status): \(answer.bodyText.prefix(200))")
        }
    }

    private static func someAccountIDs(_ endpoint: RunningEndpoint) async throws -> [String] {
        try await endpoint.organization.backend().listAccounts(nextToken: nil, maxResults: 10).accounts.map(\.id.rawValue)
    }
}

/// Requests of six kinds: random noise; the shape of a real operation with a bad or missing
/// signature; signed requests with random JSON members; signed requests tampered with after
/// signing; broken `Authorization` headers; real operations with their bodies cut short.
struct FuzzRequestGenerator {
    struct FuzzRequest {
        let method: String
        let target: String
        let headers: [(String, String)]
        let body: [UInt8]
        var summary: String { "\(method) \(target.prefix(60)) [\(headers.map(\.0).joined(separator: ","))] \(body.count) bytes" }
    }

    private var random: SeededGenerator
    private let endpoint: RunningEndpoint
    private let callers: [EmbeddedCaller]
    private let accountIDs: [String]
    private let host: String

    init(seed: UInt64, endpoint: RunningEndpoint, callers: [EmbeddedCaller], accountIDs: [String]) {
        random = SeededGenerator(seed: seed)
        self.endpoint = endpoint
        self.callers = callers
        self.accountIDs = accountIDs
        host = "127.0.0.1:\(endpoint.address.port)"
    }

    private static let accountPaths = ["/getPrimaryEmail", "/startPrimaryEmailUpdate", "/acceptPrimaryEmailUpdate",
                                       "/getPrimaryEmailUpdateStatus"]
    private static let organizationsOperations = [
        "DescribeOrganization", "ListAccounts", "DescribeAccount", "ListParents", "ListRoots",
        "ListOrganizationalUnitsForParent", "DescribeOrganizationalUnit", "ListAWSServiceAccessForOrganization",
        "EnableAWSServiceAccess", "DisableAWSServiceAccess", "ListDelegatedAdministrators",
        "RegisterDelegatedAdministrator", "DeregisterDelegatedAdministrator", "ListTagsForResource", "CreateAccount", "",
    ]
    private static let members = ["AccountId", "PrimaryEmail", "Otp", "MaxResults", "NextToken", "ChildId", "ParentId",
                                  "OrganizationalUnitId", "ServicePrincipal", "ResourceId", "Action", "Version"]
    private static let contentTypes = ["application/json", "application/x-amz-json-1.1", "application/x-amz-json-1.0",
                                       "application/x-www-form-urlencoded; charset=utf-8", "text/plain", "application/xml",
                                       "multipart/form-data", ";", ""]

    mutating func next() throws -> FuzzRequest {
        switch Int.random(in: 0..<6, using: &random) {
        case 0: return noise()
        case 1: return realShape(authorization: garbageAuthorization())
        case 2: return try signed(realShape(authorization: nil, body: randomJSONObject()))
        case 3: return try tampered(signed(realShape(authorization: nil, body: randomJSONObject())))
        case 4: return realShape(authorization: brokenAuthorization())
        default: return try signed(realShape(authorization: nil, body: truncated(Array(realBody().utf8))))
        }
    }

    // MARK: Kinds

    private mutating func noise() -> FuzzRequest {
        // Methods HTTP knows: a made-up one is refused by the HTTP parser before the endpoint sees it.
        let methods = ["POST", "GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND", "REPORT", "PURGE"]
        var headers: [(String, String)] = [("Host", host)]
        for _ in 0..<Int.random(in: 0...6, using: &random) {
            headers.append((randomHeaderName(), randomText(length: 0...80)))
        }
        let method = pick(methods)
        // HEAD answers carry no body by HTTP's rules, so they are judged by nothing: send POST.
        return FuzzRequest(method: method == "HEAD" ? "POST" : method, target: randomPath(), headers: headers,
                           body: randomBytes(length: 0...2_048))
    }

    /// A request shaped as one of the three services' operations.
    private mutating func realShape(authorization: String?, body: [UInt8]? = nil) -> FuzzRequest {
        var headers: [(String, String)] = [("Host", host)]
        let target: String
        switch Int.random(in: 0..<3, using: &random) {
        case 0:
            target = pick(Self.accountPaths + ["/", "/getprimaryemail", randomPath()])
            headers.append(("Content-Type", pick(["application/json"] + Self.contentTypes)))
        case 1:
            target = pick(["/", "/", randomPath()])
            headers.append(("Content-Type", pick(["application/x-amz-json-1.1"] + Self.contentTypes)))
            headers.append(("X-Amz-Target", "AWSOrganizationsV20161128." + pick(Self.organizationsOperations)))
        default:
            target = pick(["/", "/?Action=GetCallerIdentity&Version=2011-06-15", "/?" + randomText(length: 0...40)
                .replacingOccurrences(of: " ", with: "+")])
            headers.append(("Content-Type", pick(["application/x-www-form-urlencoded; charset=utf-8"] + Self.contentTypes)))
        }
        if let authorization {
            headers.append(("Authorization", authorization))
            headers.append(("X-Amz-Date", pick([AMZDate(Date()).description, "20260101T000000Z", randomText(length: 0...20)])))
        }
        let method = Int.random(in: 0..<10, using: &random) == 0 ? pick(["GET", "PUT", "DELETE"]) : "POST"
        return FuzzRequest(method: method, target: target, headers: headers, body: body ?? Array(realBody().utf8))
    }

    private mutating func signed(_ request: FuzzRequest) throws -> FuzzRequest {
        let caller = pick(callers)
        let contentTarget = request.headers.first { $0.0 == "X-Amz-Target" }
        let service = contentTarget != nil ? "organizations"
            : Self.accountPaths.contains(request.target) ? "account" : pick(["sts", "account", "organizations"])
        let region = pick(["us-east-1", "eu-west-1"])
        let unsigned = SignableRequest(method: request.method, target: request.target,
                                       headers: request.headers.filter { $0.0 != "Host" }.map { HeaderField($0.0, $0.1) },
                                       body: request.body)
        let result = try RequestSigning.sign(unsigned, accessKeyID: caller.accessKeyID, secretAccessKey: caller.secretAccessKey,
                                             service: service, region: region, host: host, at: Date())
        return FuzzRequest(method: request.method, target: request.target, headers: result.headers.map { ($0.name, $0.value) },
                           body: request.body)
    }

    private mutating func tampered(_ request: FuzzRequest) -> FuzzRequest {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return FuzzRequest(method: request.method, target: request.target, headers: request.headers,
                                   body: truncated(request.body))
        case 1: return FuzzRequest(method: request.method, target: request.target + "x", headers: request.headers,
                                   body: request.body)
        case 2:
            var headers = request.headers
            let index = Int.random(in: 0..<headers.count, using: &random)
            headers[index].1 = randomText(length: 0...30)
            return FuzzRequest(method: request.method, target: request.target, headers: headers, body: request.body)
        default:
            return FuzzRequest(method: request.method, target: request.target,
                               headers: request.headers.filter { $0.0 != "X-Amz-Date" || Bool.random(using: &random) },
                               body: request.body + randomBytes(length: 1...10))
        }
    }

    private mutating func garbageAuthorization() -> String {
        pick(["", randomText(length: 1...200), "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 " + randomText(length: 0...100)])
    }

    /// Authorization headers broken in one part each.
    private mutating func brokenAuthorization() -> String {
        let caller = pick(callers)
        let date = AMZDate(Date()).dateStamp
        let credential = pick([
            "\(caller.accessKeyID)/\(date)/us-east-1/account/aws4_request",
            "\(caller.accessKeyID)/\(date)/us-east-1/organizations",
            "/\(date)/us-east-1/sts/aws4_request",
            "\(caller.accessKeyID)/2026/us-east-1/sts/aws4_request",
            "\(caller.accessKeyID)/\(date)//sts/aws4_request",
            "AKIAUNKNOWN/\(date)/us-east-1/sts/aws4_request",
            randomText(length: 0...60),
        ])
        let signedHeaders = pick(["host;x-amz-date", "x-amz-date", "", "host;" + randomToken(length: 1...12)])
        let signature = pick([String(repeating: "0", count: 64), randomToken(length: 0...70), ""])
        let full = "AWS4-HMAC-SHA256 Credential=\(credential), SignedHeaders=\(signedHeaders), Signature=\(signature)"
        return String(full.prefix(Int.random(in: 10...full.count, using: &random)))
    }

    // MARK: Bodies

    private mutating func realBody() -> String {
        let account = pick(accountIDs)
        return pick([
            #"{"AccountId":"\#(account)"}"#,
            #"{"AccountId":"\#(account)","PrimaryEmail":"fuzz\#(Int.random(in: 0...99, using: &random))@northwind.example"}"#,
            #"{"AccountId":"\#(account)","PrimaryEmail":"fuzz@northwind.example","Otp":"123456"}"#,
            #"{"MaxResults":\#(Int.random(in: -5...30, using: &random)),"NextToken":"\#(randomToken(length: 0...20))"}"#,
            #"{"ChildId":"\#(account)"}"#, #"{"ResourceId":"\#(account)"}"#, "{}",
            "Action=GetCallerIdentity&Version=2011-06-15", "Action=\(randomToken(length: 0...12))&Version=2011-06-15",
        ])
    }

    private mutating func randomJSONObject() -> [UInt8] {
        var members: [(String, JSONFragment)] = []
        for _ in 0..<Int.random(in: 0...5, using: &random) {
            members.append((Int.random(in: 0..<5, using: &random) == 0 ? randomToken(length: 0...8) : pick(Self.members),
                            randomJSONValue(depth: 0)))
        }
        return Array(("{" + members.map { "\"\($0.0)\":\($0.1.text)" }.joined(separator: ",") + "}").utf8)
    }

    private struct JSONFragment {
        let text: String
    }

    private mutating func randomJSONValue(depth: Int) -> JSONFragment {
        let strings = accountIDs + ["", "12345678901", "1234567890123", "ou-abcd-abcdefgh", "r-abcd", "account.amazonaws.com",
                                    "x@y.z", "ABCDEF", "12345678", "é\\u00e9\\ud83d\\ude00", "\\\"", randomToken(length: 0...70)]
        switch Int.random(in: 0..<(depth < 3 ? 8 : 6), using: &random) {
        case 0: return JSONFragment(text: "null")
        case 1: return JSONFragment(text: Bool.random(using: &random) ? "true" : "false")
        case 2: return JSONFragment(text: pick(["0", "-1", "20", "21", "1e400", "3.5", "99999999999999999999"]))
        case 3, 4, 5: return JSONFragment(text: "\"\(pick(strings))\"")
        case 6:
            let elements = (0..<Int.random(in: 0...3, using: &random)).map { _ in randomJSONValue(depth: depth + 1).text }
            return JSONFragment(text: "[" + elements.joined(separator: ",") + "]")
        default:
            let members = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                "\"\(pick(Self.members))\":\(randomJSONValue(depth: depth + 1).text)"
            }
            return JSONFragment(text: "{" + members.joined(separator: ",") + "}")
        }
    }

    // MARK: Pieces

    private mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int.random(in: 0..<choices.count, using: &random)]
    }

    private mutating func truncated(_ bytes: [UInt8]) -> [UInt8] {
        bytes.isEmpty ? bytes : Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
    }

    private mutating func randomBytes(length: ClosedRange<Int>) -> [UInt8] {
        (0..<Int.random(in: length, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
    }

    private static let tokenCharacters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
    private static let pathCharacters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/%?")
    private static let textCharacters = (0x20...0x7E).map { Character(Unicode.Scalar(UInt8($0))) }

    private mutating func randomToken(length: ClosedRange<Int>) -> String {
        String((0..<Int.random(in: length, using: &random)).map { _ in pick(Self.tokenCharacters) })
    }

    private mutating func randomText(length: ClosedRange<Int>) -> String {
        String((0..<Int.random(in: length, using: &random)).map { _ in pick(Self.textCharacters) })
            .trimmingCharacters(in: .whitespaces)
    }

    private mutating func randomPath() -> String {
        "/" + String((0..<Int.random(in: 0...60, using: &random)).map { _ in pick(Self.pathCharacters) })
    }

    private mutating func randomHeaderName() -> String {
        let name = pick(["X-Amz-Target", "Content-Type", "Authorization", "X-Amz-Date", "X-Amz-Security-Token",
                         "Accept", randomToken(length: 1...20)])
        // Framing headers decide where the request ends; changing them makes the HTTP parser,
        // not the endpoint, answer.
        return ["content-length", "transfer-encoding", "connection", "host", "expect", "upgrade"]
            .contains(name.lowercased()) ? "X-Fuzz" : name
    }
}
