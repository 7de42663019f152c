import Foundation

/// An email update that rootmail started and has not seen finished. Never holds a code.
public struct PendingUpdate: Hashable, Sendable, Identifiable {
    public enum Phase: String, Sendable, Codable, CaseIterable {
        /// About to call Start; if the process died here, whether AWS sent a code is unknown.
        case starting
        /// Start succeeded: a code is on its way to the new address.
        case pending
        /// About to call Accept with a code; if the process died here, the outcome is unknown.
        case accepting
        case completed
        /// The 24 hours ran out; Resend code starts it again.
        case expired
        /// Too many wrong codes voided the code; Resend code starts it again.
        case voided
        case discarded

        /// Still shown to the user: waiting for a code, unresolved, or needing a new code.
        public var isOpen: Bool { [.starting, .pending, .accepting, .expired, .voided].contains(self) }
    }

    public let id: String
    public let organizationID: String
    public let accountID: AccountID
    public let accountName: String
    public let previousEmail: String?
    public let newEmail: EmailAddress
    public var startedAt: Date
    public var expiresAt: Date
    public let startedBy: String
    public var phase: Phase
    public var failedAttempts: Int
    /// The process that wrote `starting` or `accepting`, to tell a running call from a dead one.
    public var ownerPID: Int32
    public var updatedAt: Date

    public init(id: String = UUID().uuidString, organizationID: String, accountID: AccountID, accountName: String,
                previousEmail: String?, newEmail: EmailAddress, startedAt: Date, expiresAt: Date, startedBy: String,
                phase: Phase, failedAttempts: Int = 0, ownerPID: Int32, updatedAt: Date) {
        self.id = id
        self.organizationID = organizationID
        self.accountID = accountID
        self.accountName = accountName
        self.previousEmail = previousEmail
        self.newEmail = newEmail
        self.startedAt = startedAt
        self.expiresAt = expiresAt
        self.startedBy = startedBy
        self.phase = phase
        self.failedAttempts = failedAttempts
        self.ownerPID = ownerPID
        self.updatedAt = updatedAt
    }

    /// Still shown to the user: waiting for a code, unresolved, or needing a new code.
    public var isOpen: Bool { phase.isOpen }

    public var attemptsLeft: Int { max(0, AWSMessages.maximumCodeAttempts - failedAttempts) }

    public func timeLeft(at now: Date) -> TimeInterval { max(0, expiresAt.timeIntervalSince(now)) }
}

/// How a pending update looks to the user at a given moment.
public enum PendingUpdateCondition: Hashable, Sendable {
    case awaitingCode
    /// Start or Accept is running now in some process.
    case inFlight
    /// A process died during Start or Accept: check with get-update-status.
    case uncertain
    case expired
    case voided
    case finished
}

/// Durable storage of pending updates. Implementations make every write durable before returning.
public protocol PendingUpdateStore: Sendable {
    func insert(_ update: PendingUpdate) throws
    func update(_ update: PendingUpdate) throws
    /// Stores a changed update and writes its audit entry together: both or neither.
    func update(_ update: PendingUpdate, auditing entry: AuditEntry) throws
    /// Open updates (see `PendingUpdate.isOpen`), oldest first, across organizations when nil.
    func openUpdates(organizationID: String?) throws -> [PendingUpdate]
    /// The open update for one account, if any.
    func openUpdate(organizationID: String, accountID: AccountID) throws -> PendingUpdate?
}
