/// The wire protocol of the service answering, which decides how a refusal is named.
public enum ServiceProtocol: Sendable, Hashable {
    /// `awsJson1_0`/`awsJson1_1`, e.g. Organizations.
    case json
    /// `restJson1`, e.g. Account.
    case restJSON
    /// `awsQuery` with XML answers, e.g. STS.
    case query
}

/// Why a request's signature was refused, with what AWS would answer for each protocol.
public struct SignatureRejection: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// No `Authorization` header (nor presigned query).
        case missingAuthentication
        /// An `Authorization` header that cannot be read or lacks a part.
        case incompleteSignature
        /// The access key id is not known.
        case unknownAccessKey
        /// The signature, or the scope's date, does not match the request.
        case signatureMismatch
        /// Signed more than the allowed skew before now.
        case expired
        /// Signed more than the allowed skew after now.
        case notYetCurrent
    }

    public let reason: Reason
    /// The credential scope when the header could be read that far, so a server can still
    /// answer in the protocol of the service the client meant.
    public let scope: CredentialScope?
    private let detail: String?

    init(_ reason: Reason, detail: String? = nil, scope: CredentialScope? = nil) {
        self.reason = reason
        self.detail = detail
        self.scope = scope
    }

    /// AWS's error code: `__type` for JSON, `x-amzn-ErrorType` for rest-JSON, `<Code>` for query.
    public func errorCode(for serviceProtocol: ServiceProtocol) -> String {
        let isQuery = serviceProtocol == .query
        switch reason {
        case .missingAuthentication: return isQuery ? "MissingAuthenticationToken" : "MissingAuthenticationTokenException"
        case .incompleteSignature: return isQuery ? "IncompleteSignature" : "IncompleteSignatureException"
        case .unknownAccessKey: return isQuery ? "InvalidClientTokenId" : "UnrecognizedClientException"
        case .signatureMismatch, .expired, .notYetCurrent: return isQuery ? "SignatureDoesNotMatch" : "InvalidSignatureException"
        }
    }

    /// AWS's HTTP status: JSON services answer 400, rest-JSON services 403, query services 403
    /// but 400 for an incomplete signature. *assumed* for missing authentication on JSON services.
    public func httpStatus(for serviceProtocol: ServiceProtocol) -> Int {
        switch serviceProtocol {
        case .json: 400
        case .restJSON: 403
        case .query: reason == .incompleteSignature ? 400 : 403
        }
    }

    public func message(for serviceProtocol: ServiceProtocol) -> String {
        switch reason {
        case .missingAuthentication:
            serviceProtocol == .query ? AuthenticationMessages.missingTokenQuery : AuthenticationMessages.missingTokenJSON
        case .unknownAccessKey:
            AuthenticationMessages.invalidToken
        case .signatureMismatch:
            detail ?? AuthenticationMessages.signatureMismatch
        case .incompleteSignature, .expired, .notYetCurrent:
            detail ?? ""
        }
    }

    public var description: String { "\(errorCode(for: .json)): \(message(for: .json))" }
}
