import AWSSigV4

/// Why a request whose signature checks out is still refused for its `X-Amz-Security-Token`:
/// a long-term key takes no token, and temporary credentials need their own token and must
/// not have expired. Checked by the endpoint, after the signature.
enum SessionTokenRefusal: Sendable, Hashable {
    /// A token with a long-term key, none or another one with a temporary key.
    case invalid
    case expired
}

extension EndpointError {
    /// AWS's answer per protocol: query `InvalidClientTokenId`/`ExpiredToken` (403), JSON
    /// `UnrecognizedClientException`/`ExpiredTokenException` (400), rest-JSON the same types (403).
    init(_ refusal: SessionTokenRefusal, in wireProtocol: ServiceProtocol) {
        let status = wireProtocol == .json ? 400 : 403
        switch refusal {
        case .invalid:
            self.init(code: wireProtocol == .query ? "InvalidClientTokenId" : "UnrecognizedClientException",
                      message: AuthenticationMessages.invalidToken, status: status)
        case .expired:
            self.init(code: wireProtocol == .query ? "ExpiredToken" : "ExpiredTokenException",
                      message: EndpointMessages.expiredToken, status: status)
        }
    }
}
