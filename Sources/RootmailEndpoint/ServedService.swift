import AWSSigV4
import RootmailCore

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

extension ServedService {
    /// Runs an operation whose model lists `modeledErrors`: a refusal of the embedded
    /// organization outside that list is a fault of the endpoint, not an answer a client of
    /// the model can read, so it goes out as the service's internal error (which every
    /// operation lists), saying what was wrong.
    func answering<T>(_ operation: String, modeledErrors: Set<String>, _ run: () async throws -> T) async throws -> T {
        do {
            return try await run()
        } catch let error as RootmailError {
            guard let refusal = error.serviceError, !modeledErrors.contains(refusal.type.rawValue) else { throw error }
            throw EndpointError.internalFailure(
                "\(operation) answered \(refusal.type.rawValue) (\(refusal.message)), which its model does not list",
                in: wireProtocol)
        }
    }
}
