import Foundation
import RootmailCore
import Synchronization

extension RootmailDatabase {
    /// Open databases by file, each held weakly: the next opening in this process shares it.
    private static let openByFile = Mutex<[String: WeakDatabase]>([:])

    /// The process's one open `rootmail.sqlite` of the data directory, opened if none is.
    ///
    /// Opening the file a second time in a process breaks the first opening: SQLite's locks are
    /// POSIX locks, which the process loses on the file as soon as any descriptor of it is
    /// closed (and opening one closes the descriptor that creates the file privately). Two
    /// pools in one process then write past each other's locks. The service and the migrations
    /// of one process share this one.
    public static func shared(dataDirectory: DataDirectory) throws(RootmailError) -> RootmailDatabase {
        let path = dataDirectory.file(fileName).standardizedFileURL.path
        let result: Result<RootmailDatabase, RootmailError> = openByFile.withLock { open in
            if let database = open[path]?.database { return .success(database) }
            do throws(RootmailError) {
                let database = try RootmailDatabase(dataDirectory: dataDirectory)
                open[path] = WeakDatabase(database: database)
                return .success(database)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

private struct WeakDatabase: @unchecked Sendable {
    // Read and written only under `openByFile`'s lock.
    weak var database: RootmailDatabase?
}
