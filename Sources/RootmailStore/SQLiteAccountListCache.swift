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
            let insert = try db.makeStatement(sql: """
                INSERT INTO cachedAccount (backend, position, id, arn, name, email, state, joinedMethod, joinedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (position, account) in list.accounts.enumerated() {
                try insert.execute(arguments: [
                    backend, position, account.id.rawValue, account.arn, account.name, account.email,
                    account.state.rawValue, account.joinedMethod.rawValue, account.joinedAt.timeIntervalSince1970,
                ])
            }
            try db.execute(sql: """
                INSERT INTO cachedAccountList (backend, organizationID, fetchedAt, accountCount) VALUES (?, ?, ?, ?)
                """, arguments: [
                    backend, list.organizationID, list.fetchedAt.timeIntervalSince1970, list.accounts.count,
                ])
        }
    }

    public func removeAccountList(backend: String, organizationID: String) throws {
        try database.write { db in
            let stored = try String.fetchOne(db, sql: "SELECT organizationID FROM cachedAccountList WHERE backend = ?",
                                             arguments: [backend])
            if stored == organizationID { try Self.delete(backend, in: db) }
        }
    }

    private static func delete(_ backend: String, in db: Database) throws {
        try db.execute(sql: "DELETE FROM cachedAccount WHERE backend = ?", arguments: [backend])
        try db.execute(sql: "DELETE FROM cachedAccountList WHERE backend = ?", arguments: [backend])
    }

    private static func read(_ backend: String, in db: Database) throws -> CachedAccountList? {
        guard let list = try Row.fetchOne(db, sql: """
            SELECT organizationID, fetchedAt, accountCount FROM cachedAccountList WHERE backend = ?
            """, arguments: [backend]) else { return nil }
        let expectedCount: Int = try list.decode(atIndex: 2)
        var accounts: [Account] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, arn, name, email, state, joinedMethod, joinedAt FROM cachedAccount
            WHERE backend = ? ORDER BY position
            """, arguments: [backend])
        while let row = try rows.next() {
            accounts.append(try account(from: row))
        }
        // Rows lost to damage would otherwise show as accounts gone from the organization.
        guard accounts.count == expectedCount else {
            throw RootmailError.storage("it holds \(accounts.count) of its \(expectedCount) accounts")
        }
        return CachedAccountList(organizationID: try list.decode(atIndex: 0),
                                 fetchedAt: Date(timeIntervalSince1970: try list.decode(atIndex: 1)),
                                 accounts: accounts)
    }

    /// SQLite's `lower` folds ASCII letters only, as the console's name order does for ASCII names.
    private static func readHead(_ backend: String, count: Int, in db: Database) throws -> CachedAccountList? {
        guard let list = try Row.fetchOne(db, sql: """
            SELECT organizationID, fetchedAt FROM cachedAccountList WHERE backend = ?
            """, arguments: [backend]) else { return nil }
        let accounts = try Row.fetchAll(db, sql: """
            SELECT id, arn, name, email, state, joinedMethod, joinedAt FROM cachedAccount
            WHERE backend = ? ORDER BY lower(name), id LIMIT ?
            """, arguments: [backend, count]).map(account(from:))
        return CachedAccountList(organizationID: try list.decode(atIndex: 0),
                                 fetchedAt: Date(timeIntervalSince1970: try list.decode(atIndex: 1)),
                                 accounts: accounts)
    }

    private static func account(from row: Row) throws -> Account {
        let stateName: String = try row.decode(atIndex: 4)
        let methodName: String = try row.decode(atIndex: 5)
        guard let state = AccountState(rawValue: stateName), let method = JoinedMethod(rawValue: methodName) else {
            throw RootmailError.storage(
                "an account has the unknown state \"\(stateName)\" or joined method \"\(methodName)\"")
        }
        return Account(id: try AccountID(try row.decode(atIndex: 0)), arn: try row.decode(atIndex: 1),
                       name: try row.decode(atIndex: 2), email: try row.decode(atIndex: 3), state: state,
                       joinedMethod: method, joinedAt: Date(timeIntervalSince1970: try row.decode(atIndex: 6)))
    }
}
