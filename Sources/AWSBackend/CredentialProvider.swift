import AWSSigV4
import Foundation

/// Supplies the credentials requests are signed with. Methods throw `RootmailError`.
protocol CredentialProvider: Sendable {
    /// Where the credentials come from, for messages: `profile "demo" (credential_process)`.
    var sourceDescription: String { get }
    func credentials() async throws -> Credentials
}

/// Credentials with the moment they stop working, if they ever do.
struct ExpiringCredentials: Sendable {
    let credentials: Credentials
    let expiration: Date?
}

/// Keys that never change: from the environment or a file.
struct StaticCredentialProvider: CredentialProvider {
    let fixed: Credentials
    let sourceDescription: String

    func credentials() async throws -> Credentials { fixed }
}

/// Credentials fetched on first use (an STS call, a process), kept until shortly before they
/// expire and then fetched again. Callers arriving during a fetch share it.
actor RefreshingCredentialProvider: CredentialProvider {
    /// Shorter than the 15 minutes of the shortest AssumeRole session, so that each fetched
    /// session is used for a while; longer than any single call.
    static let refreshMargin: TimeInterval = 5 * 60

    nonisolated let sourceDescription: String
    private let fetch: @Sendable () async throws -> ExpiringCredentials
    private let now: @Sendable () -> Date
    private var cached: ExpiringCredentials?
    private var running: Task<ExpiringCredentials, any Error>?

    init(sourceDescription: String, now: @escaping @Sendable () -> Date = { Date() },
         fetch: @escaping @Sendable () async throws -> ExpiringCredentials) {
        self.sourceDescription = sourceDescription
        self.now = now
        self.fetch = fetch
    }

    func credentials() async throws -> Credentials {
        if let cached, !isDue(cached) { return cached.credentials }
        if let running { return try await running.value.credentials }
        let task = Task { try await fetch() }
        running = task
        defer { running = nil }
        let fresh = try await task.value
        cached = fresh
        return fresh.credentials
    }

    private func isDue(_ credentials: ExpiringCredentials) -> Bool {
        guard let expiration = credentials.expiration else { return false }
        return expiration.timeIntervalSince(now()) < Self.refreshMargin
    }
}
