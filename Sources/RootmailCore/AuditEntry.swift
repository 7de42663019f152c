import Foundation

/// One line of the audit log: every Start, Accept and discard, whatever its outcome. Never holds a code.
public struct AuditEntry: Hashable, Sendable {
    public let at: Date
    public let callerARN: String
    public let organizationID: String
    public let accountID: AccountID
    public let operation: String
    public let oldEmail: String?
    public let newEmail: String?
    /// `PENDING`, `ACCEPTED`, `DISCARDED`, or the error type and message.
    public let result: String
    /// The host and operating system user the call was made from.
    public let workstation: Workstation
    public let processID: Int32

    public init(at: Date, callerARN: String, organizationID: String, accountID: AccountID, operation: String,
                oldEmail: String?, newEmail: String?, result: String, workstation: Workstation = .unrecorded,
                processID: Int32 = 0) {
        self.at = at
        self.callerARN = callerARN
        self.organizationID = organizationID
        self.accountID = accountID
        self.operation = operation
        self.oldEmail = oldEmail
        self.newEmail = newEmail
        self.result = result
        self.workstation = workstation
        self.processID = processID
    }
}

public protocol AuditLog: Sendable {
    func append(_ entry: AuditEntry) throws
    /// Newest first.
    func recentEntries(limit: Int) throws -> [AuditEntry]
}
