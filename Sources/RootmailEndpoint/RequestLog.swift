import AWSSigV4
import Foundation
import Logging

/// What `rootmail serve --log-level` writes of each request: at info, one line with the
/// operation, the caller, the status (and error code) and the time taken; at debug, also the
/// method, path, client and signing scope before it is answered. Neither bodies nor the
/// Authorization and session-token headers are ever written: they hold one-time codes,
/// addresses, signatures and tokens.
public struct RequestLog: Sendable {
    let logger: Logger

    public init(_ logger: Logger) { self.logger = logger }

    /// Writes nothing: the server's default.
    public static let silent = RequestLog(Logger(label: "rootmail.serve", factory: { _ in SwiftLogNoOpLogHandler() }))

    /// What was learned of a request while it was answered.
    struct Outcome {
        var operation: String
        /// The caller's name, or its role session's ARN, once the signature is verified.
        var caller: String?
        var errorCode: String?
    }

    func received(_ request: SignableRequest, operation: String, requestID: String) {
        logger.debug("""
            \(operation) request \(requestID): \(request.method) \(request.path), \(request.body.count) bytes, \
            client \(request.headerValue(named: "User-Agent") ?? "unnamed"), \
            signed for \(Self.credentialScope(of: request) ?? "nothing (no SigV4 Authorization header)")
            """)
    }

    func answered(_ outcome: Outcome, status: Int, requestID: String, after duration: Duration) {
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        let result = outcome.errorCode.map { "\(status) \($0)" } ?? "\(status)"
        logger.info("""
            \(outcome.operation.isEmpty ? "unknown operation" : outcome.operation) \
            by \(outcome.caller ?? "an unverified caller"): \(result) in \(String(format: "%.1f", milliseconds)) ms \
            (request \(requestID))
            """)
    }

    /// `KEY/DATE/REGION/SERVICE` of the Authorization header's `Credential=`: the access key
    /// ID names the key without being able to sign.
    private static func credentialScope(of request: SignableRequest) -> String? {
        guard let authorization = request.headerValue(named: "Authorization"),
              let credential = authorization.range(of: "Credential=") else { return nil }
        let scope = authorization[credential.upperBound...].prefix { $0 != "," && $0 != " " }
        return scope.hasSuffix("/aws4_request") ? String(scope.dropLast("/aws4_request".count)) : String(scope)
    }
}
