import AWSSigV4

/// The AWS services the endpoint answers on its one port, each in its own wire protocol.
enum ServedService: String, CaseIterable, Sendable {
    case account
    case organizations
    case sts

    /// The signing name clients put in the credential scope.
    var signingName: String { rawValue }

    /// Also the name in error messages.
    var displayName: String {
        switch self {
        case .account: "Account"
        case .organizations: "Organizations"
        case .sts: "STS"
        }
    }

    var wireProtocol: ServiceProtocol {
        switch self {
        case .account: .restJSON
        case .organizations: .json
        case .sts: .query
        }
    }

    init?(signingName: String) {
        self.init(rawValue: signingName)
    }
}
