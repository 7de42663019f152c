import Foundation
import GRDB
import RootmailCore

/// A row of `cached_account_list`: one per backend, saying which organization its list is of,
/// when it was fetched and how many accounts it holds.
struct CachedAccountListRecord: RootmailRecord {
    static let databaseTableName = "cached_account_list"

    var backend: String
    var organizationID: String
    var fetchedAt: Date
    var accountCount: Int

    enum CodingKeys: String, CodingKey {
        case backend
        case organizationID = "organization_id"
        case fetchedAt = "fetched_at"
        case accountCount = "account_count"
    }

    enum Columns {
        static let backend = Column(CodingKeys.backend)
    }
}

/// A row of `cached_account`: one account of a backend's list, at its position in the listing.
/// Read and written column by column rather than through Codable as the other records are: a
/// list holds up to 50,000 of them, the console's second start waits for them to be read and
/// its first start for them to be stored, and at 50,000 the Codable path took 1.5 times as
/// long to read and 3 times as long to store (release build, in one process).
struct CachedAccountRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "cached_account"

    var backend: String
    var position: Int
    var id: String
    var arn: String
    var name: String
    var email: String
    var state: String
    var joinedMethod: String
    /// Seconds since 1970, as every date in `rootmail.sqlite`.
    var joinedAt: Date

    enum Columns {
        static let backend = Column("backend")
        static let position = Column("position")
        static let id = Column("id")
        static let arn = Column("arn")
        static let name = Column("name")
        static let email = Column("email")
        static let state = Column("state")
        static let joinedMethod = Column("joined_method")
        static let joinedAt = Column("joined_at")
    }

    init(_ account: Account, backend: String, position: Int) {
        self.backend = backend
        self.position = position
        id = account.id.rawValue
        arn = account.arn
        name = account.name
        email = account.email
        state = account.state.rawValue
        joinedMethod = account.joinedMethod.rawValue
        joinedAt = account.joinedAt
    }

    init(row: Row) throws {
        backend = try row.decode(forColumn: Columns.backend)
        position = try row.decode(forColumn: Columns.position)
        id = try row.decode(forColumn: Columns.id)
        arn = try row.decode(forColumn: Columns.arn)
        name = try row.decode(forColumn: Columns.name)
        email = try row.decode(forColumn: Columns.email)
        state = try row.decode(forColumn: Columns.state)
        joinedMethod = try row.decode(forColumn: Columns.joinedMethod)
        joinedAt = Date(timeIntervalSince1970: try row.decode(forColumn: Columns.joinedAt))
    }

    /// The row's columns with their values, in one list: `encode(to:)` and `insertAll` read
    /// names and values from it together, so a value cannot land in another column.
    private var columnValues: KeyValuePairs<Column, (any DatabaseValueConvertible)?> {
        [
            Columns.backend: backend, Columns.position: position, Columns.id: id, Columns.arn: arn,
            Columns.name: name, Columns.email: email, Columns.state: state, Columns.joinedMethod: joinedMethod,
            Columns.joinedAt: joinedAt.timeIntervalSince1970,
        ]
    }

    func encode(to container: inout PersistenceContainer) {
        for (column, value) in columnValues { container[column] = value }
    }

    /// Inserts the rows with one statement, prepared once: `insert` prepares its statement
    /// again for each record.
    static func insertAll(_ records: [CachedAccountRecord], in db: Database) throws {
        guard let first = records.first else { return }
        let columns = first.columnValues.map(\.key.name)
        let statement = try db.makeStatement(sql: """
            INSERT INTO \(databaseTableName) (\(columns.joined(separator: ", ")))
            VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
            """)
        for record in records {
            try statement.execute(arguments: StatementArguments(record.columnValues.map(\.value)))
        }
    }

    func account() throws -> Account {
        guard let state = AccountState(rawValue: state), let method = JoinedMethod(rawValue: joinedMethod) else {
            throw RootmailError.storage(
                "an account has the unknown state \"\(state)\" or joined method \"\(joinedMethod)\"")
        }
        return Account(id: try AccountID(id), arn: arn, name: name, email: email, state: state,
                       joinedMethod: method, joinedAt: joinedAt)
    }
}
