import EmbeddedOrganization
import Synchronization

/// The principals of the embedded organization by access key id, for the signature check and
/// for answering as the caller. Read from the organization once and again only when a key or a
/// signature does not match what was read, so that a secret changed by another process (a
/// reset of the data directory) is picked up without a database read per request.
final class CallerDirectory: Sendable {
    struct Principal: Sendable {
        let secretAccessKey: String
        let backend: EmbeddedBackend
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

    func backend(forAccessKey accessKeyID: String) -> EmbeddedBackend? {
        principals.withLock { $0[accessKeyID]?.backend }
    }

    /// Reads the callers again; true when any key or secret changed.
    func reload() throws -> Bool {
        var fresh: [String: Principal] = [:]
        for caller in try organization.callers() {
            fresh[caller.accessKeyID] = Principal(secretAccessKey: caller.secretAccessKey,
                                                  backend: try organization.backend(caller: caller.name))
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
