import Foundation

/// Why a migration leaves an account out, found before anything is sent. Each is a refusal AWS
/// would give, or a change an admin would not want made.
public enum MigrationCheck: Hashable, Sendable {
    /// The new address is not one AWS accepts (too long, no dotted domain, …).
    case invalidAddress(String)
    /// Two rows would give accounts the same address.
    case sameNewAddress(AccountID)
    /// Another account already has the address as its root email.
    case addressInUse(AccountID)
    case unchanged
    /// AWS changes the root email of ACTIVE accounts only.
    case notActive(AccountState)
    /// An update rootmail knows of is open for the account.
    case updatePending(startedBy: String, since: Date)
    /// The management account's root email is changed from the account itself, never here.
    case managementAccount
    /// The rule does not apply: a domain rewrite of an address at another domain.
    case ruleDoesNotApply
    /// A plan file names an account the organization does not hold.
    case notInOrganization

    /// A short name for counts and the CSV report.
    public var name: String {
        switch self {
        case .invalidAddress: "invalid address"
        case .sameNewAddress: "same new address"
        case .addressInUse: "address in use"
        case .unchanged: "unchanged"
        case .notActive: "not active"
        case .updatePending: "update pending"
        case .managementAccount: "management account"
        case .ruleDoesNotApply: "rule does not apply"
        case .notInOrganization: "not in organization"
        }
    }
}

/// One account of a migration as planned: the address it would get, or why it is left out.
public struct PlannedRow: Hashable, Sendable {
    public let accountID: AccountID
    /// Empty for an account the organization does not hold.
    public let accountName: String
    public let currentEmail: String?
    /// The text the rule or the plan file gives, checked or not.
    public let proposedEmail: String?
    /// Nil when the row would be started.
    public let check: MigrationCheck?

    /// The checked address, for a row that would be started.
    public var newEmail: EmailAddress? {
        guard check == nil, let proposedEmail else { return nil }
        return try? EmailAddress(proposedEmail)
    }
}

/// What a migration would do, row by row, before anything is sent.
public struct MigrationPreview: Sendable {
    public let rows: [PlannedRow]

    public var toStart: [PlannedRow] { rows.filter { $0.check == nil } }

    /// How many rows each check left out, by the check's name, most frequent first.
    public var countsByCheck: [(check: String, count: Int)] {
        let counts = Dictionary(grouping: rows.compactMap(\.check?.name), by: { $0 }).mapValues(\.count)
        return counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { (check: $0.key, count: $0.value) }
    }

    /// Plans a migration of `selection` by `rule`. `organization` is every account the caller can
    /// see (an address in use anywhere blocks it); `open` the updates rootmail knows to be open.
    public init(rule: AddressRule, selection: [Account], organization: [Account], managementAccountID: AccountID,
                open: [PendingUpdate]) {
        self.init(proposals: selection.map { ($0.id, rule.newAddress(for: $0)) }, organization: organization,
                  managementAccountID: managementAccountID, open: open)
    }

    /// Plans a migration from explicit `AccountId,NewEmail` pairs (a plan file); the first pair of
    /// an account counts.
    public init(pairs: [(accountID: AccountID, newEmail: String)], organization: [Account],
                managementAccountID: AccountID, open: [PendingUpdate]) {
        var seen = Set<AccountID>()
        let proposals = pairs.filter { seen.insert($0.accountID).inserted }.map { ($0.accountID, Optional($0.newEmail)) }
        self.init(proposals: proposals, organization: organization, managementAccountID: managementAccountID, open: open)
    }

    private init(proposals: [(AccountID, String?)], organization: [Account], managementAccountID: AccountID,
                 open: [PendingUpdate]) {
        let accounts = Dictionary(organization.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let holders = Dictionary(organization.map { ($0.email.lowercased(), $0.id) }, uniquingKeysWith: { first, _ in first })
        let openByAccount = Dictionary(open.filter(\.isOpen).map { ($0.accountID, $0) }, uniquingKeysWith: { first, _ in first })
        let checked: [PlannedRow] = proposals.map { accountID, proposed in
            let account = accounts[accountID]
            func row(_ check: MigrationCheck?) -> PlannedRow {
                PlannedRow(accountID: accountID, accountName: account?.name ?? "", currentEmail: account?.email,
                           proposedEmail: proposed, check: check)
            }
            guard let account else { return row(.notInOrganization) }
            guard accountID != managementAccountID else { return row(.managementAccount) }
            guard let proposed else { return row(.ruleDoesNotApply) }
            let address: EmailAddress
            do throws(RootmailError) { address = try EmailAddress(proposed) } catch {
                if case .invalidInput(_, _, let rule) = error { return row(.invalidAddress(rule)) }
                return row(.invalidAddress(error.description))
            }
            guard address.normalized != account.email.lowercased() else { return row(.unchanged) }
            guard account.state == .active else { return row(.notActive(account.state)) }
            if let update = openByAccount[accountID] {
                return row(.updatePending(startedBy: update.startedBy, since: update.startedAt))
            }
            if let holder = holders[address.normalized] { return row(.addressInUse(holder)) }
            return row(nil)
        }
        // Two rows given one address are both left out: which account should have it is the
        // admin's choice, not the order of the rows.
        let claimants = Dictionary(grouping: checked.filter { $0.check == nil }, by: { $0.newEmail?.normalized ?? "" })
            .filter { $0.value.count > 1 }
        rows = checked.map { row in
            guard row.check == nil, let address = row.newEmail?.normalized,
                  let other = claimants[address]?.first(where: { $0.accountID != row.accountID }) else { return row }
            return PlannedRow(accountID: row.accountID, accountName: row.accountName, currentEmail: row.currentEmail,
                              proposedEmail: row.proposedEmail, check: .sameNewAddress(other.accountID))
        }
    }
}

extension MigrationCheck {
    /// The reason a skipped row gives in the report and on screen.
    public var explanation: String {
        switch self {
        case .invalidAddress(let rule): "the new address \(rule)"
        case .sameNewAddress(let other): "account \(other) would get the same new address"
        case .addressInUse(let holder): "account \(holder) already has this address"
        case .unchanged: "the address is already the new one"
        case .notActive(let state): "the account is \(state.rawValue); AWS changes ACTIVE accounts only"
        case .updatePending(let startedBy, let since):
            "an update started by \(startedBy) at \(since.formatted(.iso8601)) is still open"
        case .managementAccount: "the management account's root email is changed from that account itself"
        case .ruleDoesNotApply: "the rule does not apply to this address"
        case .notInOrganization: "the organization has no such account"
        }
    }
}

extension MigrationPreview {
    /// The rows of a migration made from this preview: what passed every check is planned, the
    /// rest skipped with its reason.
    public func rows(of migrationID: String, at now: Date) -> [MigrationRow] {
        rows.map { row in
            MigrationRow(migrationID: migrationID, accountID: row.accountID, accountName: row.accountName,
                         currentEmail: row.currentEmail, newEmail: row.proposedEmail,
                         state: row.check == nil ? .planned : .skipped, reason: row.check?.explanation, updatedAt: now)
        }
    }
}
