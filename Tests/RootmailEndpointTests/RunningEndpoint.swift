import EmbeddedOrganization
import Foundation
import RootmailCore
import RootmailEndpoint
import RootmailStore
import Testing

/// `rootmail serve` started in the test's process on a free loopback port, over a data
/// directory of its own that the test can also open, as the console would.
struct RunningEndpoint: Sendable {
    let directory: DataDirectory
    let organization: EmbeddedOrganization
    let address: EndpointAddress

    var url: String { address.url }

    func caller(_ name: String) throws -> EmbeddedCaller {
        try #require(try organization.callers().first { $0.name == name }, "no caller \(name)")
    }

    /// Runs `body` against a fresh endpoint and stops the endpoint afterwards. Throttling is
    /// off unless asked for, so that the pace of a test never decides its outcome. The test's
    /// work and the endpoint's run on `TestExecutor`. `now` is the endpoint's clock.
    @discardableResult
    static func with<T>(throttling: Bool = false, now: @escaping @Sendable () -> Date = Date.init,
                        _ body: (RunningEndpoint) async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(TestExecutor.shared) {
            try await serving(throttling: throttling, now: now, body)
        }
    }

    private static func serving<T>(throttling: Bool, now: @escaping @Sendable () -> Date,
                                   _ body: (RunningEndpoint) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("rootmail-endpoint-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let directory = DataDirectory(url: folder)
        let organization = try EmbeddedOrganization.open(in: directory)
        try organization.setThrottling(throttling)
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
