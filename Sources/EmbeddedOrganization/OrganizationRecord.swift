import Foundation
import GRDB
import RootmailCore

/// The organization's own row, and the ARNs that derive from it.
struct OrganizationRecord {
    let id: String
    let featureSet: FeatureSet
    let managementAccountID: AccountID

    static func fetch(_ db: Database) throws -> OrganizationRecord {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(columns) FROM organization")) else {
            throw missing
        }
        return try OrganizationRecord(row: row)
    }

    static let columns = "id, feature_set, management_account_id"

    static let missing = RootmailError.storage("The embedded organization's database holds no organization. "
        + "Run `rootmail sim reset` to create the demo organization again.")

    private var arnPrefix: String { "arn:aws:organizations::\(managementAccountID)" }
    var arn: String { "\(arnPrefix):organization/\(id)" }
    func accountARN(_ account: String) -> String { "\(arnPrefix):account/\(id)/\(account)" }
    func rootARN(_ root: String) -> String { "\(arnPrefix):root/\(id)/\(root)" }
    func organizationalUnitARN(_ unit: String) -> String { "\(arnPrefix):ou/\(id)/\(unit)" }

    static let accountColumns = "id, name, email, state, joined_method, joined_at"

    /// An account row selected with `accountColumns`.
    func account(from row: Row) throws -> Account {
        let id: String = row["id"]
        return Account(
            id: try AccountID(id), arn: accountARN(id), name: row["name"], email: row["email"],
            state: AccountState(rawValue: row["state"]) ?? .active,
            joinedMethod: JoinedMethod(rawValue: row["joined_method"]) ?? .created,
            joinedAt: Date(timeIntervalSince1970: row["joined_at"])
        )
    }

    func account(_ id: AccountID, in db: Database) throws -> Account? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Self.accountColumns) FROM account WHERE id = ?"), arguments: [id.rawValue])
            .map(account(from:))
    }

    /// The units from the root down to the direct parent of an account or unit.
    func parentPath(ofParent parentID: String, in db: Database) throws -> [ParentUnit] {
        var path: [ParentUnit] = []
        var next: String? = parentID
        while let id = next, path.count <= Self.maximumDepth {
            guard let row = try Row.fetchOne(db, sql: "SELECT kind, name, parent_id FROM parent_unit WHERE id = ?",
                                             arguments: [id]) else { break }
            path.insert(ParentUnit(id: id, name: row["name"], kind: ParentUnit.Kind(rawValue: row["kind"]) ?? .organizationalUnit), at: 0)
            next = row["parent_id"]
        }
        return path
    }

    /// Organizations allows five levels of OUs below the root; the bound only guards against a cycle.
    static let maximumDepth = 16
}

extension OrganizationRecord {
    /// A row selected with `columns`.
    init(row: Row) throws {
        self.init(id: row["id"], featureSet: FeatureSet(rawValue: row["feature_set"]) ?? .all,
                  managementAccountID: try AccountID(row["management_account_id"] as String))
    }
}

/// Writes of rows shared by the demo loader and the simulation.
enum OrganizationRows {
    static func insertUnit(id: String, kind: ParentUnit.Kind, name: String, parentID: String?, position: Int,
                           in db: Database) throws {
        try db.execute(sql: "INSERT INTO parent_unit (id, kind, name, parent_id, position) VALUES (?, ?, ?, ?, ?)",
                       arguments: [id, kind.rawValue, name, parentID, position])
    }

    static func insertAccountStatement(_ db: Database) throws -> Statement {
        try db.makeStatement(sql: """
            INSERT INTO account (id, name, email, email_key, state, joined_method, joined_at, parent_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    static func insertAccount(_ statement: Statement, id: AccountID, name: String, email: EmailAddress,
                              state: AccountState, joinedMethod: JoinedMethod, joinedAt: Date, parentID: String) throws {
        try statement.execute(arguments: [id.rawValue, name, email.rawValue, email.normalized, state.rawValue,
                                          joinedMethod.rawValue, joinedAt.timeIntervalSince1970, parentID])
    }

    static func insertTags(_ tags: [String: String]?, resourceID: String, in db: Database) throws {
        for (key, value) in tags ?? [:] {
            try db.execute(sql: "INSERT INTO resource_tag (resource_id, key, value) VALUES (?, ?, ?)",
                           arguments: [resourceID, key, value])
        }
    }

    static func emailInUse(_ email: EmailAddress, in db: Database) throws -> AccountID? {
        try String.fetchOne(db, sql: "SELECT id FROM account WHERE email_key = ?", arguments: [email.normalized])
            .flatMap { try? AccountID($0) }
    }

    static func setSetting(_ key: String, _ value: String, in db: Database) throws {
        try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }

    static func setting(_ key: String, in db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM setting WHERE key = ?"), arguments: [key])
    }
}
