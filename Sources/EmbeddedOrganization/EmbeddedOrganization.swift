import Foundation
import GRDB
import RootmailCore
import RootmailStore

/// The default backend's world: an AWS organization kept in `embedded-organization.sqlite` in
/// the data directory, created from the demo file on first run, shared by every process that
/// opens the same directory. `backend(caller:)` gives one principal's view of it (the AWS
/// APIs); the other methods are the simulation controls of `rootmail sim`.
public final class EmbeddedOrganization: Sendable {
    public static let databaseFileName = "embedded-organization.sqlite"
    /// The caller used when none is named: the management account's administrator.
    public static let defaultCallerName = "admin"
    /// An accepted update reads ACCEPTED for this long, then COMPLETED, as AWS finishes
    /// propagating the change in the background.
    public static let completionDelay: TimeInterval = 5
    /// The most accounts `generateAccounts` adds at once (AWS's largest account quota).
    public static let maximumGeneratedAccounts = 50_000

    public let directory: DataDirectory
    /// Where the verification codes arrive.
    public let mailbox: Mailbox
    let database: DatabasePool
    let now: @Sendable () -> Date

    private init(directory: DataDirectory, database: DatabasePool, now: @escaping @Sendable () -> Date) {
        self.directory = directory
        self.database = database
        self.now = now
        mailbox = Mailbox(in: directory)
    }

    /// Opens the organization of the data directory, creating the demo organization the first
    /// time. Processes opening a new directory at once create it exactly once.
    public static func open(in directory: DataDirectory,
                            now: @escaping @Sendable () -> Date = Date.init) throws -> EmbeddedOrganization {
        try directory.prepare()
        let organization = EmbeddedOrganization(
            directory: directory, database: try SQLiteDatabase.open(directory.file(databaseFileName), migrator: EmbeddedSchema.migrator), now: now)
        try organization.createDemoIfEmpty()
        try organization.mailbox.prepare()
        return organization
    }

    /// Checks without the write lock first, so that opening never waits for another process's
    /// long write (generating 50,000 accounts) once the organization exists.
    private func createDemoIfEmpty() throws {
        let isEmpty = { (db: Database) in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM organization") == 0 }
        guard try read(isEmpty) else { return }
        try transaction { db in
            guard try isEmpty(db) else { return }
            try DemoOrganization.load().insert(into: db, at: now(), secrets: [:])
        }
    }

    // MARK: Callers

    /// The view of one principal: nil is the management account's administrator.
    public func backend(caller name: String? = nil) throws -> EmbeddedBackend {
        let name = name ?? Self.defaultCallerName
        let names = try read { db in try String.fetchAll(db, sql: "SELECT name FROM caller ORDER BY position") }
        guard names.contains(name) else {
            throw RootmailError.configuration("Unknown caller \"\(name)\". The embedded organization's callers are: "
                + names.joined(separator: ", ") + ". Pick one with --caller NAME.")
        }
        return EmbeddedBackend(organization: self, callerName: name)
    }

    /// The view of a caller just read from the organization, without reading the names again.
    public func backend(for caller: EmbeddedCaller) -> EmbeddedBackend {
        EmbeddedBackend(organization: self, callerName: caller.name)
    }

    /// Every principal, in the demo file's order, with its role as the organization stands now.
    public func callers() throws -> [EmbeddedCaller] {
        try read { db in try callers(where: nil, in: db) }
    }

    /// The principal that owns an access key (an IAM user's long-term key).
    public func caller(accessKeyID: String) throws -> EmbeddedCaller? {
        try read { db in try callers(where: ("access_key_id", accessKeyID), in: db).first }
    }

    func caller(named name: String, in db: Database) throws -> EmbeddedCaller {
        // A session of a role is a principal named by its access key id.
        guard let caller = try callers(where: ("name", name), in: db).first
                ?? roleSessionCaller(accessKeyID: name, in: db) else { throw Self.callerGone(name) }
        return caller
    }

    static func callerGone(_ name: String) -> RootmailError {
        .configuration("The caller \"\(name)\" no longer exists in the embedded organization "
            + "(was it reset?). Pick one of `rootmail sim callers` with --caller NAME.")
    }

    private func callers(where filter: (column: String, value: String)?, in db: Database) throws -> [EmbeddedCaller] {
        let organization = try OrganizationRecord.fetch(db)
        let delegated = try delegatedAdministrator(in: db)
        let condition = filter.map { "WHERE \($0.column) = ?" } ?? ""
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT \(Self.callerColumns) FROM caller \(condition) ORDER BY position
            """), arguments: StatementArguments(filter.map { [$0.value] } ?? []))
        return try rows.map { try Self.caller(from: $0, organization: organization, delegatedAdministrator: delegated) }
    }

    static let callerColumns = "name, arn, user_id, account_id, permissions, may_change_organization, access_key_id, secret_access_key"

    /// A caller row selected with `callerColumns`, with its standing in the organization.
    static func caller(from row: Row, organization: OrganizationRecord,
                       delegatedAdministrator delegated: AccountID?) throws -> EmbeddedCaller {
        let accountID = try AccountID(row["account_id"] as String)
        return EmbeddedCaller(
            name: row["name"], arn: row["arn"], userID: row["user_id"], accountID: accountID,
            role: EmbeddedCaller.role(of: accountID, in: organization, delegatedAdministrator: delegated),
            permissions: EmbeddedCaller.permissions(row["permissions"]),
            mayChangeOrganization: row["may_change_organization"],
            accessKeyID: row["access_key_id"], secretAccessKey: row["secret_access_key"]
        )
    }

    func delegatedAdministrator(in db: Database) throws -> AccountID? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT account_id FROM delegated_administrator WHERE service_principal = ?"),
                            arguments: [ServicePrincipal.accountManagement]).flatMap { try? AccountID($0) }
    }

    // MARK: Database access

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try storage { try database.read(body) }
    }

    /// A read of a single statement, without the transaction `read` wraps around several: one
    /// SELECT sees one consistent state by itself, and BEGIN and COMMIT would double the work
    /// of the endpoint's most frequent request.
    func readOneStatement<T>(_ body: (Database) throws -> T) throws -> T {
        try storage { try database.unsafeRead(body) }
    }

    /// Runs the body in one IMMEDIATE transaction: the write lock is taken before anything is
    /// read, so two processes never act on the same stale state. A throwing body changes nothing.
    func transaction<T>(_ body: (Database) throws -> T) throws -> T {
        try storage {
            try database.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw RootmailError.storage("The embedded organization's transaction did not finish.") }
                return result
            }
        }
    }

    private func storage<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as RootmailError { throw error } catch {
            throw RootmailError.storage("The embedded organization's database \(directory.file(Self.databaseFileName).path) "
                + "failed: \(error)")
        }
    }
}
