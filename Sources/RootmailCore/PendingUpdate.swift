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
    /// The host and operating system user of the Start.
    public let startedOn: Workstation
    public var phase: Phase
    public var failedAttempts: Int
    /// The process that wrote `starting` or `accepting`, to tell a running call from a dead one.
    public var ownerPID: Int32
    public var updatedAt: Date

    public init(id: String = UUID().uuidString, organizationID: String, accountID: AccountID, accountName: String,
                previousEmail: String?, newEmail: EmailAddress, startedAt: Date, expiresAt: Date, startedBy: String,
                startedOn: Workstation = .unrecorded, phase: Phase, failedAttempts: Int = 0, ownerPID: Int32,
                updatedAt: Date) {
        self.id = id
        self.organizationID = organizationID
        self.accountID = accountID
        self.accountName = accountName
        self.previousEmail = previousEmail
        self.newEmail = newEmail
        self.startedAt = startedAt
        self.expiresAt = expiresAt
        self.startedBy = startedBy
        self.startedOn = startedOn
        self.phase = phase
        self.failedAttempts = failedAttempts
        self.ownerPID = ownerPID
        self.updatedAt = updatedAt
    }

    /// Still shown to the user: waiting for a code, unresolved, or needing a new code.
    public var isOpen: Bool { phase.isOpen }

    public var attemptsLeft: Int { max(0, AWSMessages.maximumCodeAttempts - failedAttempts) }

    public func timeLeft(at now: Date) -> TimeInterval { max(0, expiresAt.timeIntervalSince(now)) }

    /// When a code mailed at `sentAt` stops working.
    public static func codeExpiry(sentAt: Date) -> Date { sentAt.addingTimeInterval(AWSMessages.codeLifetime) }

    /// A code was mailed at `date` (a Start, or one found to have gone out then): its lifetime
    /// starts again from there.
    public mutating func codeSent(at date: Date) {
        startedAt = date
        expiresAt = Self.codeExpiry(sentAt: date)
    }

    /// Whether the code's lifetime has run out by `now`.
    public func hasExpired(at now: Date) -> Bool { timeLeft(at: now) == 0 }

    /// How the update looks at `now`. `callIsRunning` tells whether the process that wrote
    /// `starting` or `accepting` is still waiting for the backend's answer; it is asked only then.
    public func condition(at now: Date, callIsRunning: @autoclosure () -> Bool) -> PendingUpdateCondition {
        switch phase {
        case .pending: hasExpired(at: now) ? .expired : .awaitingCode
        case .expired: .expired
        case .voided: .voided
        case .completed, .discarded: .finished
        case .starting, .accepting: callIsRunning() ? .inFlight : .uncertain
        }
    }
}

/// How a pending update looks to the user at a given moment. The raw value is its name where a
/// front end prints one for scripts (`rootmail pending list`).
public enum PendingUpdateCondition: String, Hashable, Sendable, CaseIterable {
    case awaitingCode = "AWAITING_CODE"
    /// Start or Accept is running now in some process.
    case inFlight = "IN_PROGRESS"
    /// A process died during Start or Accept: check with get-update-status.
    case uncertain = "UNCERTAIN"
    case expired = "EXPIRED"
    case voided = "CODE_VOIDED"
    case finished = "FINISHED"
}

/// Durable storage of pending updates. Implementations make every write durable before returning.
public protocol PendingUpdateStore: Sendable {
    func insert(_ update: PendingUpdate) throws
    func update(_ update: PendingUpdate) throws
    /// Stores the updates as they now stand and appends the entry to the audit log of the same
    /// data directory, all in one transaction: a crash keeps all of it or none.
    func update(_ updates: [PendingUpdate], auditing entry: AuditEntry?) throws
    /// Open updates (see `PendingUpdate.isOpen`), oldest first, across organizations when nil.
    func openUpdates(organizationID: String?) throws -> [PendingUpdate]
    /// The open update for one account, if any.
    func openUpdate(organizationID: String, accountID: AccountID) throws -> PendingUpdate?
}
