import EmbeddedOrganization
import Foundation
import Synchronization

/// The principals of the embedded organization by access key id, for the signature check and
/// for answering as the caller: its IAM users' long-term keys and the temporary keys of its
/// role sessions. Read from the organization once and again only when a key or a signature
/// does not match what was read, so that a secret changed by another process (a reset of the
/// data directory) or a session handed out by another process is picked up without a
/// database read per request. Sessions handed out here are added as they are made.
final class CallerDirectory: Sendable {
    struct Principal: Sendable {
        let secretAccessKey: String
        let backend: EmbeddedBackend
        /// For temporary credentials: the session, whose token must come with each request.
        let session: EmbeddedRoleSession?

        /// Why the token a request came with does not go with this principal's key, if it does not.
        func tokenRefusal(_ token: String?, at now: Date) -> SessionTokenRefusal? {
            guard let session else { return token == nil ? nil : .invalid }
            guard token == session.sessionToken else { return .invalid }
            return now < session.expiration ? nil : .expired
        }
    }

    let organization: EmbeddedOrganization
    private let principals = Mutex<[String: Principal]>([:])

    init(organization: EmbeddedOrganization) throws {
        self.organization = organization
        _ = try reload()
    }

    func secret(forAccessKey accessKeyID: String) -> String? {
        principals.withLock { $0[accessKeyID]?.secretAccessKey }
    }

    func principal(forAccessKey accessKeyID: String) -> Principal? {
        principals.withLock { $0[accessKeyID] }
    }

    /// Adds a session AssumeRole just handed out, so that its first request needs no reload.
    func register(_ session: EmbeddedRoleSession) {
        let principal = Principal(secretAccessKey: session.secretAccessKey,
                                  backend: organization.backend(roleSession: session), session: session)
        principals.withLock { $0[session.accessKeyID] = principal }
    }

    /// Reads the callers and the role sessions again; true when any key or secret changed.
    func reload() throws -> Bool {
        var fresh: [String: Principal] = [:]
        for caller in try organization.callers() {
            fresh[caller.accessKeyID] = Principal(secretAccessKey: caller.secretAccessKey,
                                                  backend: organization.backend(for: caller), session: nil)
        }
        for session in try organization.roleSessions() {
            fresh[session.accessKeyID] = Principal(secretAccessKey: session.secretAccessKey,
                                                   backend: organization.backend(roleSession: session), session: session)
        }
        return principals.withLock { current in
            let changed = current.count != fresh.count || fresh.contains { key, principal in
                current[key]?.secretAccessKey != principal.secretAccessKey
                    || current[key]?.backend.callerName != principal.backend.callerName
            }
            current = fresh
            return changed
        }
    }
}
