import AWSSigV4
import EmbeddedOrganization
import Foundation
import RootmailCore
import RootmailEndpoint
import RootmailStore
import Testing

/// `rootmail serve` started in the test's process on a free loopback port: what the AWS CLI,
/// boto3 and the raw socket client talk to.
struct RunningEndpoint: EndpointUnderTest {
    let directory: DataDirectory
    let organization: EmbeddedOrganization
    let address: EndpointAddress

    var url: String { address.url }
    var host: String { HostHeader.value(scheme: "http", host: "127.0.0.1", port: address.port) }

    func send(method: String, target: String, headers: [(String, String)], body: [UInt8]) async throws
        -> RawHTTPClient.Answer {
        try await RawHTTPClient.send(port: address.port, method: method, target: target, headers: headers, body: body)
    }

    /// Runs `body` against a fresh endpoint and stops the endpoint afterwards. Throttling is
    /// off unless asked for. The test's work and the endpoint's run on `TestExecutor`. `now`
    /// is the endpoint's clock.
    @discardableResult
    static func with<T>(throttling: Bool = false, now: @escaping @Sendable () -> Date = Date.init,
                        _ body: (RunningEndpoint) async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(TestExecutor.shared) {
            try await withOrganization(throttling: throttling) { directory, organization in
                try await serving(directory, organization, now: now, body)
            }
        }
    }

    private static func serving<T>(_ directory: DataDirectory, _ organization: EmbeddedOrganization,
                                   now: @escaping @Sendable () -> Date,
                                   _ body: (RunningEndpoint) async throws -> T) async throws -> T {
        let server = try EndpointServer(dataDirectory: directory, host: "127.0.0.1", port: 0, now: now)

        let (addresses, announce) = AsyncStream<EndpointAddress>.makeStream()
        let serving = Task(executorPreference: TestExecutor.shared) {
            defer { announce.finish() }
            try await server.run(stopsOnSignals: false) { address in announce.yield(address) }
        }
        var iterator = addresses.makeAsyncIterator()
        guard let address = await iterator.next() else {
            _ = try await serving.value
            throw Subprocess.Failure(description: "the endpoint stopped before it listened")
        }
        #expect(address.port > 0)
        let endpoint = RunningEndpoint(directory: directory, organization: organization, address: address)
        do {
            let result = try await body(endpoint)
            serving.cancel()
            _ = await serving.result
            return result
        } catch {
            serving.cancel()
            _ = await serving.result
            throw error
        }
    }
}
