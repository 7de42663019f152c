import Foundation
import GRDB
import RootmailCore

/// The last complete account list of each backend in `rootmail.sqlite`: a row per list (its
/// organization, when it was fetched, how many accounts it holds) and a row per account, in the
/// order the listing returned them.
public struct SQLiteAccountListCache: AccountListCache {
    let database: RootmailDatabase

    public func accountList(backend: String) throws -> CachedAccountList? {
        try database.read { db in
            do {
                return try Self.read(backend, in: db)
            } catch {
                throw RootmailError.storage(
                    "The cached account list in \(database.file.path) cannot be read: \(error)")
            }
        }
    }

    public func accountListHead(backend: String, count: Int) throws -> CachedAccountList? {
        try database.read { db in
            do {
                return try Self.readHead(backend, count: count, in: db)
            } catch {
                throw RootmailError.storage(
                    "The cached account list in \(database.file.path) cannot be read: \(error)")
            }
        }
    }

    public func replaceAccountList(_ list: CachedAccountList, backend: String) throws {
        try database.write { db in
            try Self.delete(backend, in: db)
            try CachedAccountRecord.insertAll(list.accounts.enumerated().map { position, account in
                CachedAccountRecord(account, backend: backend, position: position)
            }, in: db)
            try CachedAccountListRecord(backend: backend, organizationID: list.organizationID,
                                        fetchedAt: list.fetchedAt, accountCount: list.accounts.count).insert(db)
        }
    }

    public func removeAccountList(backend: String, organizationID: String) throws {
        try database.write { db in
            let stored = try CachedAccountListRecord.fetchOne(db, key: backend)
            if stored?.organizationID == organizationID { try Self.delete(backend, in: db) }
        }
    }

    private static func delete(_ backend: String, in db: Database) throws {
        try CachedAccountRecord.filter { $0.backend == backend }.deleteAll(db)
        try CachedAccountListRecord.deleteOne(db, key: backend)
    }

    private static func read(_ backend: String, in db: Database) throws -> CachedAccountList? {
        guard let list = try CachedAccountListRecord.fetchOne(db, key: backend) else { return nil }
        var accounts: [Account] = []
        let rows = try CachedAccountRecord.filter { $0.backend == backend }.order(\.position).fetchCursor(db)
        while let row = try rows.next() {
            accounts.append(try row.account())
        }
        // Rows lost to damage would otherwise show as accounts gone from the organization.
        guard accounts.count == list.accountCount else {
            throw RootmailError.storage("it holds \(accounts.count) of its \(list.accountCount) accounts")
        }
        return CachedAccountList(organizationID: list.organizationID, fetchedAt: list.fetchedAt, accounts: accounts)
    }

    /// SQLite's `lower` folds ASCII letters only, as the console's name order does for ASCII names.
    private static func readHead(_ backend: String, count: Int, in db: Database) throws -> CachedAccountList? {
        guard let list = try CachedAccountListRecord.fetchOne(db, key: backend) else { return nil }
        let accounts = try CachedAccountRecord.filter { $0.backend == backend }
            .order(sql: "lower(name), id").limit(count).fetchAll(db).map { try $0.account() }
        return CachedAccountList(organizationID: list.organizationID, fetchedAt: list.fetchedAt, accounts: accounts)
    }
}
