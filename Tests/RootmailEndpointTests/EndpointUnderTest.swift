import EmbeddedOrganization
import Foundation
import RootmailStore
import Testing

/// An endpoint a test talks to: `rootmail serve` on a loopback socket (`RunningEndpoint`), or
/// its front end reached through the router in the test's process (`InProcessEndpoint`).
/// Either way over a data directory of its own that the test can also open, as the console would.
protocol EndpointUnderTest: Sendable {
    var directory: DataDirectory { get }
    var organization: EmbeddedOrganization { get }
    /// The `Host` that a client of this endpoint sends, and signs.
    var host: String { get }

    /// Sends the request with the headers and body exactly as given (a `Content-Length` is
    /// added unless one is given).
    func send(method: String, target: String, headers: [(String, String)], body: [UInt8]) async throws
        -> RawHTTPClient.Answer
}

extension EndpointUnderTest {
    func caller(_ name: String) throws -> EmbeddedCaller {
        try #require(try organization.callers().first { $0.name == name }, "no caller \(name)")
    }

    /// A data directory of its own in the temporary folder, with the demo organization,
    /// for `body`; removed afterwards. Throttling is off unless asked for, so that the pace of
    /// a test never decides its outcome.
    static func withOrganization<T>(throttling: Bool,
                                    _ body: (DataDirectory, EmbeddedOrganization) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("rootmail-endpoint-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let directory = DataDirectory(url: folder)
        let organization = try EmbeddedOrganization.open(in: directory)
        try organization.setThrottling(throttling)
        return try await body(directory, organization)
    }
}
