import Foundation
import RootmailCore
import RootmailPostgres
import RootmailStore

/// The store behind pending updates, migrations, the audit and the cached account lists:
/// `rootmail.sqlite` in the data directory unless ROOTMAIL_STORE_URL (first) or the configuration
/// file's `store` names a team's PostgreSQL database.
struct StoreSelection {
    let pendingUpdates: any PendingUpdateStore
    let auditLog: any AuditLog
    let accountListCache: any AccountListCache
    let migrations: any MigrationStore
    let changeSignal: any StoreChangeSignal
    /// What the store is, for messages: the data directory, or the database's URL.
    let name: String

    static func open(config: ConfigFile, dataDirectory: DataDirectory,
                     environment: [String: String]) throws(RootmailError) -> StoreSelection {
        let fromEnvironment = environment["ROOTMAIL_STORE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        guard let text = fromEnvironment ?? config.store else {
            let database = try RootmailDatabase.shared(dataDirectory: dataDirectory)
            return StoreSelection(pendingUpdates: database.pendingUpdates, auditLog: database.auditLog,
                                  accountListCache: database.accountListCache, migrations: database.migrations,
                                  changeSignal: database, name: "this data directory")
        }
        let url: PostgresStoreURL
        do {
            url = try PostgresStoreURL(text)
        } catch {
            let origin = fromEnvironment != nil ? "ROOTMAIL_STORE_URL" : "The configuration file's store"
            throw .configuration("\(origin): \(error.description)")
        }
        let password = try PostgresPassword.resolve(for: url, passwordFile: config.passwordFile, environment: environment)
        let store = try PostgresStore(url: url, password: password)
        return StoreSelection(pendingUpdates: store.pendingUpdates, auditLog: store.auditLog,
                              accountListCache: store.accountListCache, migrations: store.migrations,
                              changeSignal: store, name: "the store \(url)")
    }

    func service(backend: any Backend) -> EmailUpdateService {
        EmailUpdateService(backend: backend, store: pendingUpdates, audit: auditLog,
                           accountListCache: accountListCache, changeSignal: changeSignal)
    }
}
