import Foundation
import PostgresNIO
import RootmailCore

/// The last complete account list of each backend in the team's store: a row per list and a row
/// per account, in the order the listing returned them.
public struct PostgresAccountListCache: AccountListCache {
    let store: PostgresStore

    public func accountList(backend: String) throws -> CachedAccountList? {
        try store.withSession { session in
            guard let (organizationID, fetchedAt, count) = try Self.head(backend, in: session) else { return nil }
            let accounts = try session.query("""
                SELECT \(unescaped: Self.columns) FROM cached_account WHERE backend = \(backend) ORDER BY position
                """).map(Self.account)
            // Rows lost to damage would otherwise show as accounts gone from the organization.
            guard accounts.count == count else {
                throw RootmailError.storage("The cached account list in the store \(store.url) cannot be read: "
                    + "it holds \(accounts.count) of its \(count) accounts")
            }
            return CachedAccountList(organizationID: organizationID, fetchedAt: fetchedAt, accounts: accounts)
        }
    }

    /// Names compare as the console orders them: ASCII letters folded, everything else by code point.
    public func accountListHead(backend: String, count: Int) throws -> CachedAccountList? {
        try store.withSession { session in
            guard let (organizationID, fetchedAt, _) = try Self.head(backend, in: session) else { return nil }
            let accounts = try session.query("""
                SELECT \(unescaped: Self.columns) FROM cached_account WHERE backend = \(backend)
                ORDER BY translate(name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') COLLATE "C",
                    id COLLATE "C"
                LIMIT \(count)
                """).map(Self.account)
            return CachedAccountList(organizationID: organizationID, fetchedAt: fetchedAt, accounts: accounts)
        }
    }

    /// One statement for all the accounts (arrays unnested server-side): a list holds up to
    /// 50,000 of them, and a round trip each would take seconds.
    public func replaceAccountList(_ list: CachedAccountList, backend: String) throws {
        try store.transaction { session in
            try Self.delete(backend, in: session)
            let accounts = list.accounts
            try session.query("""
                INSERT INTO cached_account (backend, position, id, arn, name, email, state, joined_method, joined_at)
                SELECT \(backend), * FROM unnest(\(Array(0..<accounts.count))::bigint[], \(accounts.map(\.id.rawValue))::text[],
                    \(accounts.map(\.arn))::text[], \(accounts.map(\.name))::text[], \(accounts.map(\.email))::text[],
                    \(accounts.map(\.state.rawValue))::text[], \(accounts.map(\.joinedMethod.rawValue))::text[],
                    \(accounts.map(\.joinedAt.timeIntervalSince1970))::double precision[])
                """)
            try session.query("""
                INSERT INTO cached_account_list (backend, organization_id, fetched_at, account_count)
                VALUES (\(backend), \(list.organizationID), \(list.fetchedAt.timeIntervalSince1970), \(accounts.count))
                """)
            try session.changed()
        }
    }

    public func removeAccountList(backend: String, organizationID: String) throws {
        try store.transaction { session in
            let stored = try session.query("""
                SELECT organization_id FROM cached_account_list WHERE backend = \(backend) FOR UPDATE
                """).first?.decode(String.self)
            if stored == organizationID {
                try Self.delete(backend, in: session)
                try session.changed()
            }
        }
    }

    private static func delete(_ backend: String, in session: PostgresStore.Session) throws {
        try session.query("DELETE FROM cached_account WHERE backend = \(backend)")
        try session.query("DELETE FROM cached_account_list WHERE backend = \(backend)")
    }

    private static func head(_ backend: String, in session: PostgresStore.Session) throws
        -> (String, Date, Int)? {
        guard let row = try session.query("""
            SELECT organization_id, fetched_at, account_count FROM cached_account_list WHERE backend = \(backend)
            """).first else { return nil }
        let (organizationID, fetchedAt, count) = try row.decode((String, Double, Int).self)
        return (organizationID, Date(timeIntervalSince1970: fetchedAt), count)
    }

    private static let columns = "id, arn, name, email, state, joined_method, joined_at"

    private static func account(_ row: PostgresRow) throws -> Account {
        let (id, arn, name, email, state, method, joinedAt) = try row.decode(
            (String, String, String, String, String, String, Double).self)
        guard let accountState = AccountState(rawValue: state), let joinedMethod = JoinedMethod(rawValue: method) else {
            throw RootmailError.storage(
                "The cached account list has an account with the unknown state \"\(state)\" or joined method \"\(method)\"")
        }
        return Account(id: try AccountID(id), arn: arn, name: name, email: email, state: accountState,
                       joinedMethod: joinedMethod, joinedAt: Date(timeIntervalSince1970: joinedAt))
    }
}
