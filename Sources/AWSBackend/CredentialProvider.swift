import AWSSigV4
import Foundation

/// Supplies the credentials requests are signed with. Methods throw `RootmailError`.
protocol CredentialProvider: Sendable {
    /// Where the credentials come from, for messages: `profile "demo" (credential_process)`.
    var sourceDescription: String { get }
    var method: CredentialMethod { get }
    func credentials() async throws -> Credentials
    /// When the credentials last fetched stop working; nil for keys that never expire (or none fetched yet).
    func expiration() async -> Date?
}

extension CredentialProvider {
    func expiration() async -> Date? { nil }
}

/// Which source gave the credentials, named as botocore names it (`Credentials.method`), so that
/// botocore's resolver can be compared with rootmail's.
enum CredentialMethod: String, Sendable {
    case environment = "env"
    case assumeRole = "assume-role"
    case webIdentity = "assume-role-with-web-identity"
    case sso = "sso"
    case sharedCredentialsFile = "shared-credentials-file"
    case process = "custom-process"
    case configFile = "config-file"
    case container = "container-role"
    case instanceMetadata = "iam-role"
}

/// Credentials with the moment they stop working, if they ever do.
struct ExpiringCredentials: Sendable {
    let credentials: Credentials
    let expiration: Date?

    init(credentials: Credentials, expiration: Date?) {
        self.credentials = credentials
        self.expiration = expiration
    }

    /// The JSON document the instance metadata service and the container endpoint both answer:
    /// `AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration`. Nil if any is missing or unusable.
    init?(json text: String) {
        guard let fields = try? JSONDecoder().decode(Fields.self, from: Data(text.utf8)),
              let expiration = ISO8601Timestamp.parse(fields.Expiration),
              let credentials = try? Credentials(accessKeyID: fields.AccessKeyId, secretAccessKey: fields.SecretAccessKey,
                                                 sessionToken: fields.Token)
        else { return nil }
        self.init(credentials: credentials, expiration: expiration)
    }

    private struct Fields: Decodable {
        let AccessKeyId: String
        let SecretAccessKey: String
        let Token: String
        let Expiration: String
    }
}

/// Keys that never change: from the environment or a file.
struct StaticCredentialProvider: CredentialProvider {
    let fixed: Credentials
    let sourceDescription: String
    let method: CredentialMethod

    func credentials() async throws -> Credentials { fixed }
}

/// Credentials fetched on first use (an STS call, a process), kept until shortly before they
/// expire and then fetched again. Callers arriving during a fetch share it.
actor RefreshingCredentialProvider: CredentialProvider {
    /// Shorter than the 15 minutes of the shortest AssumeRole session, so that each fetched
    /// session is used for a while; longer than any single call.
    static let refreshMargin: TimeInterval = 5 * 60

    nonisolated let sourceDescription: String
    nonisolated let method: CredentialMethod
    private let fetch: @Sendable () async throws -> ExpiringCredentials
    private let now: @Sendable () -> Date
    private var cached: ExpiringCredentials?
    private var running: Task<ExpiringCredentials, any Error>?

    /// - Parameter initial: credentials already fetched (to learn whether the source has any).
    init(sourceDescription: String, method: CredentialMethod, initial: ExpiringCredentials? = nil,
         now: @escaping @Sendable () -> Date = { Date() },
         fetch: @escaping @Sendable () async throws -> ExpiringCredentials) {
        self.sourceDescription = sourceDescription
        self.method = method
        cached = initial
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

    func expiration() async -> Date? { cached?.expiration }

    private func isDue(_ credentials: ExpiringCredentials) -> Bool {
        guard let expiration = credentials.expiration else { return false }
        return expiration.timeIntervalSince(now()) < Self.refreshMargin
    }
}
