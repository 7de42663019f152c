import Foundation
import RootmailCore

/// An error as an AWS service answered it, decoded from whichever shape its protocol uses.
struct AWSErrorAnswer: Sendable, Equatable {
    let httpStatus: Int
    /// The error type (`TooManyRequestsException`); nil when the body was no AWS error at all.
    let code: String?
    let message: String
    let reason: String?
    let fieldList: [FieldProblem]

    init(httpStatus: Int, code: String?, message: String, reason: String? = nil, fieldList: [FieldProblem] = []) {
        self.httpStatus = httpStatus
        self.code = code.map(Self.sanitize)
        self.message = message
        self.reason = reason
        self.fieldList = fieldList
    }

    /// Throttling: the service refused before acting, so any operation may be sent again.
    var isThrottling: Bool {
        httpStatus == 429 || code.map(Self.throttlingCodes.contains) == true
    }

    /// A fault on the service's side: worth another try for operations that change nothing.
    var isTransient: Bool {
        (500...599).contains(httpStatus) || code.map(Self.transientCodes.contains) == true
    }

    /// The request's credentials or signature were refused: a configuration problem.
    var isCredentialRefusal: Bool { code.map(Self.credentialRefusalCodes.contains) == true }

    /// `com.amazonaws.organizations.v20161128#TooManyRequestsException:http://…` → `TooManyRequestsException`
    static func sanitize(_ code: String) -> String {
        var name = Substring(code)
        if let hash = name.lastIndex(of: "#") { name = name[name.index(after: hash)...] }
        if let colon = name.firstIndex(of: ":") { name = name[..<colon] }
        return String(name).trimmingWhitespace()
    }

    // botocore's lists (retryhandler and standard retry mode), less what these services never send.
    static let throttlingCodes: Set<String> = [
        "TooManyRequestsException", "Throttling", "ThrottlingException", "ThrottledException",
        "RequestThrottledException", "RequestThrottled", "RequestLimitExceeded", "SlowDown",
        "PriorRequestNotComplete", "BandwidthLimitExceeded", "LimitExceededException",
    ]
    static let transientCodes: Set<String> = [
        "InternalServerException", "InternalFailure", "InternalError", "ServiceUnavailable",
        "ServiceUnavailableException", "RequestTimeout", "RequestTimeoutException",
    ]
    static let credentialRefusalCodes: Set<String> = [
        "SignatureDoesNotMatch", "InvalidSignatureException", "IncompleteSignature", "IncompleteSignatureException",
        "InvalidClientTokenId", "UnrecognizedClientException", "MissingAuthenticationToken",
        "MissingAuthenticationTokenException", "ExpiredToken", "ExpiredTokenException", "InvalidAccessKeyId",
        "AuthFailure", "RequestExpired",
    ]
}

/// How each protocol carries its errors.
enum AWSErrorShape: Sendable {
    /// Organizations: `{"__type": "…#Type", "Message": …}`, the header as a fallback.
    case json
    /// Account: the `x-amzn-ErrorType` header and `{"message", "reason", "fieldList"}`.
    case restJSON
    /// STS: `<ErrorResponse><Error><Type/><Code/><Message/></Error></ErrorResponse>`.
    case queryXML

    /// The error in this protocol's shape, else in the other shape (some servers, moto among
    /// them, refuse signatures in XML whatever the protocol), else an answer without a code.
    func decode(_ answer: HTTPAnswer) -> AWSErrorAnswer {
        let decoded = switch self {
        case .json, .restJSON: decodeJSON(answer) ?? Self.decodeXML(answer)
        case .queryXML: Self.decodeXML(answer) ?? decodeJSON(answer)
        }
        return decoded ?? AWSErrorAnswer(httpStatus: answer.status, code: nil,
                                         message: "HTTP \(answer.status) with \(answer.bodyExcerpt)")
    }

    private func decodeJSON(_ answer: HTTPAnswer) -> AWSErrorAnswer? {
        let body = try? JSONDecoder().decode(JSONErrorBody.self, from: Data(answer.body))
        let headerCode = answer.header("x-amzn-ErrorType").nonEmpty
        let bodyCode = body?.type ?? body?.code
        // botocore reads the JSON protocol's type from the body first, rest-json's from the header.
        guard let code = self == .restJSON ? (headerCode ?? bodyCode) : (bodyCode ?? headerCode) else { return nil }
        return AWSErrorAnswer(httpStatus: answer.status, code: code, message: body?.message ?? body?.capitalizedMessage ?? "",
                              reason: body?.reason, fieldList: body?.fieldList ?? [])
    }

    private static func decodeXML(_ answer: HTTPAnswer) -> AWSErrorAnswer? {
        guard let xml = XMLPaths(answer.body) else { return nil }
        for error in ["ErrorResponse/Error/", "ErrorResponse/Errors/Error/", "Response/Errors/Error/"] {
            if let code = xml[error + "Code"] {
                return AWSErrorAnswer(httpStatus: answer.status, code: code, message: xml[error + "Message"] ?? "")
            }
        }
        return nil
    }

    private struct JSONErrorBody: Decodable {
        let type: String?
        let code: String?
        let message: String?
        let capitalizedMessage: String?
        let reason: String?
        let fieldList: [FieldProblem]?

        enum CodingKeys: String, CodingKey {
            case type = "__type", code, message, capitalizedMessage = "Message", reason, fieldList
        }
    }
}
