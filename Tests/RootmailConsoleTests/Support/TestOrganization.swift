import Foundation
import RootmailCore
import Synchronization

/// A small organization that answers as AWS does, for the console's tests: pages of three
/// (with an empty page in the middle, as Organizations may send), codes it remembers in the
/// clear so tests can type them, and AWS's errors for the cases the console must show. Its
/// listing can be held back, to look at the console while the pages are on their way, or made
/// to fail partway.
final class TestOrganization: Backend {
    static let organizationID = "o-a1b2c3d4e5"
    static let management = try! AccountID("111111111111")
    static let zurich = try! AccountID("222222222222")
    static let tokyo = try! AccountID("333333333333")
    static let payments = try! AccountID("444444444444")
    static let legacy = try! AccountID("555555555555")
    static let start = Date(timeIntervalSince1970: 1_717_668_000) // 2024-06-06 10:00 UTC

    static let admin = CallerIdentity(
        accountID: management, arn: "arn:aws:iam::111111111111:user/admin", userID: "AIDAADMIN",
        role: .managementAccount, permissions: Set(Permission.allCases))
    static let auditor = CallerIdentity(
        accountID: management, arn: "arn:aws:iam::111111111111:user/auditor", userID: "AIDAAUDITOR",
        role: .managementAccount, permissions: [.getPrimaryEmail])

    let backendDescription = BackendDescription(kind: "embedded", location: "/home/admin/.local/share/rootmail")

    private struct Sent {
        let email: EmailAddress
        let code: String
        let sentAt: Date
    }

    private struct State {
        var accounts: [Account]
        var sent: [AccountID: Sent] = [:]
        var codesSent = 0
        var listCalls = 0
        /// ListAccounts answers this many more pages, then fails once with the error.
        var listingFailure: (pagesBefore: Int, error: RootmailError)?
    }

    /// While held, ListAccounts calls wait; releasing lets every waiting call answer.
    private struct ListingGate {
        var isHeld = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state: Mutex<State>
    private let gate = Mutex(ListingGate())
    private let caller: CallerIdentity
    private let clock: TestClock
    private let pageSize = 3

    init(caller: CallerIdentity = TestOrganization.admin, clock: TestClock, extraAccounts: [Account] = []) {
        self.caller = caller
        self.clock = clock
        state = Mutex(State(accounts: Self.accounts + extraAccounts))
    }

    static func account(_ id: String, _ name: String, _ email: String, _ state: AccountState = .active,
                        joined: JoinedMethod = .created, daysBeforeStart: Double = 400) -> Account {
        let id = try! AccountID(id)
        return Account(id: id, arn: "arn:aws:organizations::111111111111:account/\(organizationID)/\(id)",
                       name: name, email: email, state: state, joinedMethod: joined,
                       joinedAt: start.addingTimeInterval(-daysBeforeStart * 86_400))
    }

    static let accounts: [Account] = [
        account("111111111111", "Management", "aws-root@example.com", daysBeforeStart: 2000),
        account("222222222222", "Zürich Analytics", "zurich-analytics@example.com", joined: .invited, daysBeforeStart: 900),
        account("333333333333", "東京 Sandbox", "tokyo-sandbox@example.com", daysBeforeStart: 300),
        account("444444444444", "Payments 💳 Production", "payments-prod@example.com", daysBeforeStart: 700),
        account("555555555555", "Legacy Billing", "legacy-billing@example.com", .suspended, joined: .invited),
        account("666666666666", "Data Lake", "data-lake@example.com", daysBeforeStart: 120),
        account("777777777777", "Security Audit", "security-audit@example.com", daysBeforeStart: 1500),
        account("888888888888", "Closed Experiment", "closed-experiment@example.com", .closed, daysBeforeStart: 60),
        account("999999999999", "Café Opérations", "cafe-operations@example.com", .pendingClosure, daysBeforeStart: 30),
    ]

    /// The last code mailed for an account, as a person would read it from the mailbox.
    func lastCode(for id: AccountID) -> String? { state.withLock { $0.sent[id]?.code } }
    func email(of id: AccountID) -> String? { state.withLock { $0.accounts.first { $0.id == id }?.email } }
    var listCalls: Int { state.withLock { $0.listCalls } }
    var accountNames: [String] { state.withLock { $0.accounts.map(\.name) } }

    func holdListing() { gate.withLock { $0.isHeld = true } }

    func releaseListing() {
        let waiting = gate.withLock { gate in
            gate.isHeld = false
            defer { gate.waiting = [] }
            return gate.waiting
        }
        waiting.forEach { $0.resume() }
    }

    /// ListAccounts answers `pages` more pages, then fails once with `error`.
    func failListing(afterPages pages: Int, with error: RootmailError) {
        state.withLock { $0.listingFailure = (pages, error) }
    }

    func describeOrganization() async throws -> Organization {
        Organization(id: Self.organizationID, arn: "arn:aws:organizations::111111111111:organization/\(Self.organizationID)",
                     featureSet: .all, managementAccountID: Self.management,
                     managementAccountARN: "arn:aws:organizations::111111111111:account/\(Self.organizationID)/111111111111",
                     managementAccountEmail: "aws-root@example.com")
    }

    func callerIdentity() async throws -> CallerIdentity { caller }

    func listAccounts(nextToken: String?, maxResults: Int) async throws -> AccountPage {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let answerNow = gate.withLock { gate in
                if gate.isHeld { gate.waiting.append(continuation) }
                return !gate.isHeld
            }
            if answerNow { continuation.resume() }
        }
        return try state.withLock { state in
            state.listCalls += 1
            if let failure = state.listingFailure {
                guard failure.pagesBefore > 0 else {
                    state.listingFailure = nil
                    throw failure.error
                }
                state.listingFailure = (failure.pagesBefore - 1, failure.error)
            }
            // Token "empty:N" is an empty page that still points to page N.
            if let nextToken, nextToken.hasPrefix("empty:") {
                return AccountPage(accounts: [], nextToken: String(nextToken.dropFirst(6)))
            }
            let start = Int(nextToken ?? "0") ?? 0
            let end = min(state.accounts.count, start + min(pageSize, maxResults))
            let page = Array(state.accounts[start..<end])
            let next: String? = end >= state.accounts.count ? nil : (start == 0 ? "empty:\(end)" : "\(end)")
            return AccountPage(accounts: page, nextToken: next)
        }
    }

    func describeAccount(_ id: AccountID) async throws -> AccountDetails {
        let account = try member(id, operation: "DescribeAccount")
        let unit = id.rawValue.hasPrefix("2") ? "Analytics" : "Workloads"
        return AccountDetails(account: account, parentPath: [
            ParentUnit(id: "r-ab12", name: "Root", kind: .root),
            ParentUnit(id: "ou-ab12-11111111", name: unit, kind: .organizationalUnit),
        ])
    }

    func getPrimaryEmail(_ id: AccountID) async throws -> EmailAddress {
        try allow(.getPrimaryEmail, target: id, operation: "GetPrimaryEmail")
        return try EmailAddress(try member(id, operation: "GetPrimaryEmail").email)
    }

    func startPrimaryEmailUpdate(_ id: AccountID, to newEmail: EmailAddress) async throws -> UpdateStatus {
        try allow(.startPrimaryEmailUpdate, target: id, operation: "StartPrimaryEmailUpdate")
        _ = try member(id, operation: "StartPrimaryEmailUpdate")
        let now = clock.now
        try state.withLock { state in
            if state.accounts.contains(where: { $0.email.lowercased() == newEmail.normalized }) {
                throw ServiceError(.conflict, AWSMessages.emailInUse).during("StartPrimaryEmailUpdate")
            }
            state.codesSent += 1
            state.sent[id] = Sent(email: newEmail, code: String(format: "%06d", 481_200 + state.codesSent), sentAt: now)
        }
        return .pending
    }

    func acceptPrimaryEmailUpdate(_ id: AccountID, email: EmailAddress, code: OneTimeCode) async throws -> UpdateStatus {
        try allow(.acceptPrimaryEmailUpdate, target: id, operation: "AcceptPrimaryEmailUpdate")
        let now = clock.now
        return try state.withLock { state in
            guard let sent = state.sent[id], sent.email == email else {
                throw ServiceError(.resourceNotFound, AWSMessages.noPendingUpdate(id)).during("AcceptPrimaryEmailUpdate")
            }
            guard now.timeIntervalSince(sent.sentAt) < AWSMessages.codeLifetime else {
                throw ServiceError(.validation, AWSMessages.codeExpired).during("AcceptPrimaryEmailUpdate")
            }
            guard code.secret == sent.code else {
                throw ServiceError(.validation, AWSMessages.codeIncorrect).during("AcceptPrimaryEmailUpdate")
            }
            state.sent[id] = nil
            if let index = state.accounts.firstIndex(where: { $0.id == id }) { state.accounts[index].email = email.rawValue }
            return .accepted
        }
    }

    func getPrimaryEmailUpdateStatus(_ id: AccountID) async throws -> UpdateStatusReport {
        guard let sent = state.withLock({ $0.sent[id] }) else {
            throw ServiceError(.resourceNotFound, "No update for \(id)").during("GetPrimaryEmailUpdateStatus")
        }
        return UpdateStatusReport(status: .pending, updatedAt: sent.sentAt)
    }

    private func member(_ id: AccountID, operation: String) throws -> Account {
        guard let account = state.withLock({ $0.accounts.first { $0.id == id } }) else {
            throw ServiceError(.resourceNotFound, AWSMessages.accountNotFound(id)).during(operation)
        }
        return account
    }

    private func allow(_ permission: Permission, target: AccountID, operation: String) throws {
        let name = permission.rawValue.replacingOccurrences(of: "account:", with: "")
        guard caller.mayPerform(permission) else {
            throw ServiceError(.accessDenied, AWSMessages.notAuthorized(callerARN: caller.arn, operation: name))
                .during(operation)
        }
        if target == Self.management {
            throw ServiceError(.accessDenied, AWSMessages.notAuthorized(
                callerARN: caller.arn, operation: name, reason: AWSMessages.managementAccountReason)).during(operation)
        }
    }
}
