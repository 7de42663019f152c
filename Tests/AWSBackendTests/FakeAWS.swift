import AsyncHTTPClient
@testable import AWSBackend
import Foundation

/// `Servers/fake_aws.py`: Organizations, Account and STS on one port, with scripted faults.
struct FakeAWS {
    struct Calls {
        let count: Int
        /// `region/service` of each call's credential scope.
        let scopes: [String]
        let accessKeyIDs: [String]
    }

    /// Access key ids the server maps to the management account, the delegated administrator
    /// for account.amazonaws.com, and a plain member.
    static let managementKey = "AKIDMANAGEMENT"
    static let delegatedAdministratorKey = "AKIDDELEGATED"
    static let memberKey = "AKIDMEMBER"
    static let accountCount = 46

    let server: PythonServer

    /// - Parameter arguments: `--tls CERT KEY` for HTTPS (see test_server.py).
    static func start(arguments: [String] = []) async throws -> FakeAWS {
        FakeAWS(server: try await PythonServer(script: "fake_aws.py", arguments: arguments))
    }

    var endpoint: String { server.endpoint }

    /// The next calls of each operation take these faults in order (see fake_aws.py).
    func script(_ faults: [String: [String]], assumeRoleSeconds: Int? = nil) async throws {
        var body: [String: Any] = faults
        if let assumeRoleSeconds { body["AssumeRoleSeconds"] = assumeRoleSeconds }
        try await server.control("/__script", json: body)
    }

    func calls(_ operation: String) async throws -> Calls {
        let all = try await server.control("/__calls")
        let record = all[operation] as? [String: Any] ?? [:]
        return Calls(count: record["count"] as? Int ?? 0, scopes: record["scopes"] as? [String] ?? [],
                     accessKeyIDs: record["keys"] as? [String] ?? [])
    }

    /// A backend with environment keys, every service at this server, and quick retries.
    func backend(accessKeyID: String = FakeAWS.managementKey, region: String = "eu-west-1",
                 maxAttempts: Int = 5) async throws -> AWSBackend {
        try await AWSBackend.make(
            profile: nil, region: region, endpointURL: endpoint,
            environment: ["AWS_ACCESS_KEY_ID": accessKeyID, "AWS_SECRET_ACCESS_KEY": "fake-secret"],
            retryPolicy: .quick(maxAttempts: maxAttempts))
    }

    func stop() { server.stop() }
}

extension RetryPolicy {
    /// Retries within milliseconds, so tests of retries stay fast.
    static func quick(maxAttempts: Int = 5) -> RetryPolicy {
        RetryPolicy(maxAttempts: maxAttempts, baseDelay: .milliseconds(1), maxDelay: .milliseconds(4))
    }
}

/// Runs `body` with a backend and shuts the backend down however `body` ends.
@discardableResult
func withBackend<T>(_ make: () async throws -> AWSBackend, _ body: (AWSBackend) async throws -> T) async throws -> T {
    let backend = try await make()
    do {
        let result = try await body(backend)
        try await backend.shutdown()
        return result
    } catch {
        try? await backend.shutdown()
        throw error
    }
}
