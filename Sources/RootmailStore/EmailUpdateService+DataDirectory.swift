import Foundation
import RootmailCore

extension EmailUpdateService {
    /// The service every front end builds: pending updates, audit log and cached account lists
    /// kept in the data directory's `rootmail.sqlite`, shared with every other rootmail process using it.
    ///
    ///     let service = try EmailUpdateService.open(backend: backend, dataDirectory: .resolve())
    public static func open(
        backend: any Backend,
        dataDirectory: DataDirectory,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws(RootmailError) -> EmailUpdateService {
        let database = try RootmailDatabase.shared(dataDirectory: dataDirectory)
        return EmailUpdateService(backend: backend, store: database.pendingUpdates, audit: database.auditLog,
                                  accountListCache: database.accountListCache, changeSignal: database,
                                  now: now)
    }
}
