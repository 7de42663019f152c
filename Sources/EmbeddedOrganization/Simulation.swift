import Foundation
import GRDB
import RootmailCore

/// The controls of `rootmail sim`: they change the organization as an administrator (or AWS)
/// would, without the permission checks of the AWS APIs.
extension EmbeddedOrganization {
    static let throttlingSetting = "throttling"
    private static let generatedCountSetting = "generated_accounts"
    /// The longest account name the Organizations API reference allows.
    public static let maximumAccountNameLength = 50

    public func settings() throws -> SimulationSettings {
        try read { db in
            let organization = try OrganizationRecord.fetch(db)
            return SimulationSettings(
                organizationID: organization.id,
                featureSet: organization.featureSet,
                trustedAccess: try trustedAccessEnabled(in: db),
                delegatedAdministrator: try delegatedAdministrator(in: db),
                throttling: try throttlingEnabled(in: db),
                accountCount: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account") ?? 0
            )
        }
    }

    /// Enables or disables trusted access for AWS Account Management (`account.amazonaws.com`).
    public func setTrustedAccess(_ enabled: Bool) throws {
        try transaction { db in try setServiceAccess(ServicePrincipal.accountManagement, enabled: enabled, in: db) }
    }

    public func setFeatureSet(_ featureSet: FeatureSet) throws {
        try transaction { db in
            try db.execute(sql: "UPDATE organization SET feature_set = ?", arguments: [featureSet.rawValue])
        }
    }

    /// Makes the account the delegated administrator for AWS Account Management, in place of
    /// any other (AWS allows one).
    public func registerDelegatedAdministrator(_ account: AccountID) throws {
        try transaction { db in
            let organization = try OrganizationRecord.fetch(db)
            guard account != organization.managementAccountID else {
                throw RootmailError.invalidInput(field: "AccountId", value: account.rawValue,
                    rule: "must be a member account: the management account cannot be a delegated administrator")
            }
            guard try organization.account(account, in: db) != nil else {
                throw RootmailError.invalidInput(field: "AccountId", value: account.rawValue,
                    rule: "must be an account of the organization (`rootmail list-accounts` lists them)")
            }
            try db.execute(sql: "DELETE FROM delegated_administrator WHERE service_principal = ?",
                           arguments: [ServicePrincipal.accountManagement])
            try db.execute(sql: "INSERT INTO delegated_administrator (account_id, service_principal, delegated_at) VALUES (?, ?, ?)",
                           arguments: [account.rawValue, ServicePrincipal.accountManagement, now().timeIntervalSince1970])
        }
    }

    /// Removes the delegated administrator for AWS Account Management; returns the account it was.
    @discardableResult
    public func deregisterDelegatedAdministrator() throws -> AccountID? {
        try transaction { db in
            let previous = try delegatedAdministrator(in: db)
            try db.execute(sql: "DELETE FROM delegated_administrator WHERE service_principal = ?",
                           arguments: [ServicePrincipal.accountManagement])
            return previous
        }
    }

    /// Adds an ACTIVE, CREATED member account under the OU of that name or id (the root when nil).
    @discardableResult
    public func addAccount(name: String, email: EmailAddress, ouName: String? = nil) throws -> Account {
        let name = try Self.validatedAccountName(name)
        return try transaction { db in
            let organization = try OrganizationRecord.fetch(db)
            let parentID = try unitID(named: ouName, in: db)
            if let owner = try OrganizationRows.emailInUse(email, in: db) {
                throw RootmailError.invalidInput(field: "email", value: email.rawValue,
                                                 rule: "is already the address of account \(owner); choose another")
            }
            let id = try AccountID(String(try nextAccountIDs(1, in: db).lowerBound))
            try OrganizationRows.insertAccount(try OrganizationRows.insertAccountStatement(db), id: id, name: name,
                                               email: email, state: .active, joinedMethod: .created,
                                               joinedAt: now(), parentID: parentID)
            guard let account = try organization.account(id, in: db) else {
                throw RootmailError.storage("The account \(id) was not stored.")
            }
            return account
        }
    }

    /// Adds `count` deterministic member accounts (numbered on from earlier calls) under the OU
    /// "Generated", in one transaction, as long as the generated accounts stay within
    /// `maximumGeneratedAccounts` in all; returns how many accounts the organization has now.
    @discardableResult
    public func generateAccounts(count: Int) throws -> Int {
        guard (1...Self.maximumGeneratedAccounts).contains(count) else {
            throw RootmailError.invalidInput(field: "count", value: String(count),
                                             rule: "must be 1 to \(Self.maximumGeneratedAccounts)")
        }
        return try transaction { db in
            let parentID = try generatedUnitID(in: db)
            let ids = try nextAccountIDs(count, in: db)
            let first = Int(try OrganizationRows.setting(Self.generatedCountSetting, in: db) ?? "0") ?? 0
            guard first + count <= Self.maximumGeneratedAccounts else {
                throw RootmailError.invalidInput(field: "count", value: String(count), rule:
                    "would make \(first + count) generated accounts, past the cap of \(Self.maximumGeneratedAccounts): "
                    + "\(Self.maximumGeneratedAccounts - first) more can be added (or reset the organization first)")
            }
            let statement = try OrganizationRows.insertAccountStatement(db)
            let joinedBase = Date(timeIntervalSince1970: 1_704_067_200) // 2024-01-01
            // Only an account added by hand could hold one of these addresses: look them up once.
            let taken = Set(try String.fetchAll(db, sql: "SELECT email_key FROM account WHERE email_key GLOB ?",
                                                arguments: [Self.generatedEmail("*")]))
            for offset in 0..<count {
                let number = first + offset + 1
                let suffix = String(format: "%05d", number)
                let email = Self.generatedEmail(suffix)
                guard !taken.contains(email) else {
                    throw RootmailError.invalidInput(field: "count", value: String(count),
                        rule: "would reuse the address \(email), which an added account already has; reset the organization first")
                }
                let state: AccountState = number % 125 == 0 ? .closed : number % 50 == 0 ? .suspended : .active
                // The generated values are valid by construction; they skip the checks of typed values.
                try statement.execute(arguments: [
                    String(ids.lowerBound + offset), "Generated Account \(suffix)", email, email, state.rawValue,
                    JoinedMethod.created.rawValue, joinedBase.timeIntervalSince1970 + Double(number) * 60, parentID,
                ])
            }
            try OrganizationRows.setSetting(Self.generatedCountSetting, String(first + count), in: db)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account") ?? 0
        }
    }

    /// Turns AWS's quotas on the primary-email operations on or off for every process.
    public func setThrottling(_ enabled: Bool) throws {
        try transaction { db in
            try OrganizationRows.setSetting(Self.throttlingSetting, enabled ? "on" : "off", in: db)
            if !enabled { try db.execute(sql: "DELETE FROM rate_event") }
        }
    }

    /// Puts the demo organization back as the demo file describes it, dropping pending codes,
    /// added accounts and settings. The callers keep their secret keys, the sessions of roles
    /// stay valid until they expire, and the mailbox is kept.
    public func reset() throws {
        let demo = try DemoOrganization.load()
        try transaction { db in
            let secrets = try Row.fetchAll(db, sql: "SELECT access_key_id, secret_access_key FROM caller")
                .reduce(into: [String: String]()) { $0[$1["access_key_id"]] = $1["secret_access_key"] }
            for table in ["rate_event", "email_update", "delegated_administrator", "caller", "role", "service_access",
                          "resource_tag", "setting", "account", "parent_unit", "organization"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            try demo.insert(into: db, at: now(), secrets: secrets)
        }
    }

    // MARK: Helpers

    private static func generatedEmail(_ suffix: String) -> String { "generated-\(suffix)@scale.northwind.example" }

    func throttlingEnabled(in db: Database) throws -> Bool {
        Self.throttlingEnabled(setting: try OrganizationRows.setting(Self.throttlingSetting, in: db))
    }

    /// Throttling is on unless turned off: a new organization behaves as AWS does.
    static func throttlingEnabled(setting: String?) -> Bool { setting != "off" }

    func trustedAccessEnabled(in db: Database) throws -> Bool {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM service_access WHERE service_principal = ?"),
                         arguments: [ServicePrincipal.accountManagement]) ?? 0 > 0
    }

    func setServiceAccess(_ principal: String, enabled: Bool, in db: Database) throws {
        if enabled {
            try db.execute(sql: "INSERT OR IGNORE INTO service_access (service_principal, enabled_at) VALUES (?, ?)",
                           arguments: [principal, now().timeIntervalSince1970])
        } else {
            try db.execute(sql: "DELETE FROM service_access WHERE service_principal = ?", arguments: [principal])
        }
    }

    static func validatedAccountName(_ text: String) throws(RootmailError) -> String {
        let name = text.trimmingWhitespace()
        guard (1...maximumAccountNameLength).contains(name.count) else {
            throw .invalidInput(field: "name", value: text,
                                rule: "must be 1 to \(maximumAccountNameLength) characters long (it has \(name.count))")
        }
        guard !name.unicodeScalars.contains(where: { $0.isControlOrFormat }) else {
            throw .invalidInput(field: "name", value: text, rule: "must not contain control characters")
        }
        return name
    }

    /// The id of the unit with that name or id (names compared without regard to case).
    private func unitID(named name: String?, in db: Database) throws -> String {
        guard let name else {
            return try String.fetchOne(db, sql: "SELECT id FROM parent_unit WHERE kind = 'ROOT'") ?? ""
        }
        let units = try Row.fetchAll(db, sql: "SELECT id, name FROM parent_unit ORDER BY position")
        let matches = units.filter { ($0["id"] as String) == name || ($0["name"] as String).lowercased() == name.lowercased() }
        guard matches.count == 1 else {
            let known = units.map { "\($0["name"] as String) (\($0["id"] as String))" }.joined(separator: ", ")
            let problem = matches.isEmpty ? "names no organizational unit" : "names \(matches.count) units; give the id instead"
            throw RootmailError.invalidInput(field: "ou", value: name, rule: "\(problem). The units are: \(known)")
        }
        return matches[0]["id"]
    }

    private func generatedUnitID(in db: Database) throws -> String {
        guard let root = try String.fetchOne(db, sql: "SELECT id FROM parent_unit WHERE kind = 'ROOT'") else {
            throw RootmailError.storage("The embedded organization has no root; run `rootmail sim reset`.")
        }
        let id = "ou-\(root.dropFirst(2))-generated"
        if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM parent_unit WHERE id = ?", arguments: [id]) == 0 {
            let position = (try Int.fetchOne(db, sql: "SELECT MAX(position) FROM parent_unit") ?? 0) + 1
            try OrganizationRows.insertUnit(id: id, kind: .organizationalUnit, name: "Generated", parentID: root,
                                            position: position, in: db)
        }
        return id
    }

    /// `count` unused account numbers after the highest one in use.
    private func nextAccountIDs(_ count: Int, in db: Database) throws -> Range<Int> {
        let highest = Int(try String.fetchOne(db, sql: "SELECT MAX(id) FROM account") ?? "0") ?? 0
        let first = max(highest + 1, 100_000_000_000)
        guard first + count - 1 <= 999_999_999_999 else {
            throw RootmailError.invalidInput(field: "count", value: String(count),
                                             rule: "would run past the last 12-digit account number; reset the organization")
        }
        return first..<(first + count)
    }
}
