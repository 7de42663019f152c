import Foundation

/// A named change of many accounts' root email addresses, kept durably so that a stopped run
/// resumes where it was: who made it, where, and by which rule.
public struct Migration: Hashable, Sendable, Identifiable {
    public let id: String
    public let name: String
    public let organizationID: String
    /// The rule as the admin gave it, for the report: `--rewrite-domain a.example=b.example`.
    public let rule: String
    /// The caller's ARN.
    public let createdBy: String
    public let createdAt: Date
    public let host: String
    /// The operating system user.
    public let user: String

    public init(id: String = UUID().uuidString.lowercased(), name: String, organizationID: String, rule: String,
                createdBy: String, createdAt: Date, host: String, user: String) {
        self.id = id
        self.name = name
        self.organizationID = organizationID
        self.rule = rule
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.host = host
        self.user = user
    }
}

/// One account of a migration and how far it has gone.
public struct MigrationRow: Hashable, Sendable, Identifiable {
    public enum State: String, CaseIterable, Sendable, Codable {
        case planned
        /// About to call Start, or calling it; a stopped run settles it from the pending update.
        case starting
        case awaitingCode = "awaiting code"
        /// About to call Accept, or calling it.
        case accepting
        case done
        /// AWS refused; `reason` says why.
        case failed
        /// Left out by the preview's checks; `reason` says why.
        case skipped
        /// The code's 24 hours ran out (or too many wrong codes voided it) before it was entered.
        case expired

        /// Nothing more happens to the row unless an admin asks.
        public var isSettled: Bool { [.done, .failed, .skipped, .expired].contains(self) }
    }

    public let migrationID: String
    public let accountID: AccountID
    public let accountName: String
    public let currentEmail: String?
    /// The address the rule or plan file gives; not a valid address on a row skipped for it.
    public let newEmail: String?
    public var state: State
    public var reason: String?
    public var updatedAt: Date

    public var id: String { "\(migrationID)/\(accountID)" }

    public init(migrationID: String, accountID: AccountID, accountName: String, currentEmail: String?,
                newEmail: String?, state: State, reason: String? = nil, updatedAt: Date) {
        self.migrationID = migrationID
        self.accountID = accountID
        self.accountName = accountName
        self.currentEmail = currentEmail
        self.newEmail = newEmail
        self.state = state
        self.reason = reason
        self.updatedAt = updatedAt
    }
}

/// Durable storage of migrations beside the pending updates. Every write is durable before it returns.
public protocol MigrationStore: Sendable {
    func insert(_ migration: Migration, rows: [MigrationRow]) throws
    /// Newest first.
    func migrations(organizationID: String) throws -> [Migration]
    func migration(id: String) throws -> Migration?
    /// In the order the migration was planned.
    func rows(of migrationID: String) throws -> [MigrationRow]
    func update(_ row: MigrationRow) throws
}
