import Foundation
import Synchronization

/// The one service every front end uses. It runs the primary-email operations against a
/// backend, keeps every update it starts durably until it is finished, and writes every Start,
/// Accept and discard to the audit log. Codes pass through it to the backend and go nowhere else.
public final class EmailUpdateService: Sendable {
    /// Who is calling, in which organization: fetched once per service.
    public struct Session: Hashable, Sendable {
        public let organization: Organization
        public let caller: CallerIdentity
    }

    public let backend: any Backend
    private let store: any PendingUpdateStore
    private let audit: any AuditLog
    /// Where complete account lists are kept for the next start; nil keeps none.
    private let accountListCache: (any AccountListCache)?
    /// Moves when another process changes the store; nil when nothing can tell.
    private let changeSignal: (any StoreChangeSignal)?
    private let now: @Sendable () -> Date
    private let isProcessAlive: @Sendable (Int32) -> Bool
    private let processID: Int32
    /// Where this service's records are made, for a team's store.
    private let workstation: Workstation
    /// The one fetch of the session, shared by every caller that asks while it runs (the console
    /// asks from several effects at start); dropped when it fails so that the next ask tries again.
    private let sessionFetch = Mutex<Task<Session, any Error>?>(nil)
    private let throttleBackoff: ThrottleBackoff
    private let throttleWaitsContinuation: AsyncStream<ThrottleWait>.Continuation
    /// Every wait before a throttled Start, Accept or Get is sent again, as it begins.
    public let throttleWaits: AsyncStream<ThrottleWait>

    /// How long a `starting`/`accepting` record may go without an answer before it counts as
    /// uncertain even if its process still runs (a stuck call).
    public static let inFlightTimeout: TimeInterval = 120

    public init(
        backend: any Backend,
        store: any PendingUpdateStore,
        audit: any AuditLog,
        accountListCache: (any AccountListCache)? = nil,
        changeSignal: (any StoreChangeSignal)? = nil,
        now: @escaping @Sendable () -> Date = { Date() },
        processID: Int32 = getpid(),
        workstation: Workstation = .current(),
        isProcessAlive: @escaping @Sendable (Int32) -> Bool = EmailUpdateService.processExists,
        throttleBackoff: ThrottleBackoff = ThrottleBackoff()
    ) {
        self.throttleBackoff = throttleBackoff
        (throttleWaits, throttleWaitsContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(16))
        self.backend = backend
        self.store = store
        self.audit = audit
        self.accountListCache = accountListCache
        self.changeSignal = changeSignal
        self.now = now
        self.processID = processID
        self.workstation = workstation
        self.isProcessAlive = isProcessAlive
    }

    public static func processExists(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    public var currentDate: Date { now() }

    // MARK: Reading

    public func session() async throws -> Session {
        let fetch = sessionFetch.withLock { current in
            if let current { return current }
            let fetch = Task {
                Session(organization: try await call { try await backend.describeOrganization() },
                        caller: try await call { try await backend.callerIdentity() })
            }
            current = fetch
            return fetch
        }
        do {
            return try await fetch.value
        } catch {
            sessionFetch.withLock { current in if current == fetch { current = nil } }
            throw error
        }
    }

    public func listAccounts(nextToken: String?,
                             maxResults: Int = AWSMessages.Organizations.maxResultsRange.upperBound) async throws -> AccountPage {
        try await call { try await backend.listAccounts(nextToken: nextToken, maxResults: maxResults) }
    }

    /// Lists every account, page after page until the token runs out (an empty page is not the
    /// end), handing each page to `receive` as it arrives; the last page has no `nextToken`.
    /// Throws `CancellationError` before the next page once the task is cancelled.
    public func forEachAccountPage(_ receive: (AccountPage) async throws -> Void) async throws {
        var token: String?
        repeat {
            try Task.checkCancellation()
            let page = try await listAccounts(nextToken: token)
            try await receive(page)
            token = page.nextToken
        } while token != nil
    }

    /// Every account, all pages.
    public func allAccounts() async throws -> [Account] {
        var accounts: [Account] = []
        try await forEachAccountPage { accounts += $0.accounts }
        return accounts
    }

    public func describeAccount(_ id: AccountID) async throws -> AccountDetails {
        try await call { try await backend.describeAccount(id) }
    }

    public func primaryEmail(of id: AccountID) async throws -> EmailAddress {
        try await callRetryingThrottled(.getPrimaryEmail, id) { try await backend.getPrimaryEmail(id) }
    }

    public func updateStatus(of id: AccountID) async throws -> UpdateStatusReport {
        try await callRetryingThrottled(.getPrimaryEmailUpdateStatus, id) { try await backend.getPrimaryEmailUpdateStatus(id) }
    }

    /// The organization's open updates, oldest first; updates past their 24 hours are marked expired.
    public func openUpdates() async throws -> [PendingUpdate] {
        let organizationID = try await session().organization.id
        return try storage { try store.openUpdates(organizationID: organizationID) }.map(expiringIfDue)
    }

    public func openUpdate(for account: AccountID) async throws -> PendingUpdate? {
        let organizationID = try await session().organization.id
        return try storage { try store.openUpdate(organizationID: organizationID, accountID: account) }
            .map(expiringIfDue)
    }

    /// A number that moves when another process has changed the pending updates (or anything
    /// else in the data directory) since the last call; nil when the store cannot tell.
    public func storeChangeCount() throws -> Int? {
        guard let changeSignal else { return nil }
        return try storage { try changeSignal.changeCount() }
    }

    /// How the update looks now: a `starting` or `accepting` record is in flight while the
    /// process that wrote it lives and `inFlightTimeout` has not passed.
    public func condition(of update: PendingUpdate) -> PendingUpdateCondition {
        update.condition(at: now(), callIsRunning: update.ownerPID != 0 && isProcessAlive(update.ownerPID)
            && now().timeIntervalSince(update.updatedAt) < Self.inFlightTimeout)
    }

    // MARK: The cached account list

    /// The name under which this backend's account list is cached: the backend's kind and
    /// location as the console header shows them (the embedded organization's folder and
    /// caller; AWS's region, credentials and endpoints), so two backends never share a list.
    public var accountListCacheKey: String { backend.backendDescription.identity }

    /// The accounts the last complete listing through this backend found, to show at once while
    /// a fresh listing runs; nil when there is none. The caller compares its organization with
    /// the session's. Throws `RootmailError.storage` when the list is damaged or unreadable.
    public func cachedAccountList() throws -> CachedAccountList? {
        guard let accountListCache else { return nil }
        return try storage { try accountListCache.accountList(backend: accountListCacheKey) }
    }

    /// The first `count` accounts of the cached list by name (see `AccountListCache.accountListHead`),
    /// to show while the whole list is read; nil when there is none.
    public func cachedAccountListHead(count: Int) throws -> CachedAccountList? {
        guard let accountListCache else { return nil }
        return try storage { try accountListCache.accountListHead(backend: accountListCacheKey, count: count) }
    }

    /// Keeps a complete listing (and nothing less: a listing that stopped halfway must leave the
    /// previous list as it was) as this backend's cached list, of the session's organization.
    public func replaceCachedAccountList(with accounts: [Account]) async throws {
        guard let accountListCache else { return }
        let organizationID = try await session().organization.id
        let list = CachedAccountList(organizationID: organizationID, fetchedAt: now(), accounts: accounts)
        try storage { try accountListCache.replaceAccountList(list, backend: accountListCacheKey) }
    }

    /// Forgets this backend's cached list of an organization the backend no longer answers for.
    public func forgetCachedAccountList(organizationID: String) throws {
        guard let accountListCache else { return }
        try storage {
            try accountListCache.removeAccountList(backend: accountListCacheKey, organizationID: organizationID)
        }
    }

    // MARK: Changing

    /// Starts an update, reading the account's name and current address first. Best effort:
    /// they make the pending list and the audit log readable, and let an unchanged address be
    /// refused before AWS counts the Start; the Start goes ahead without them.
    @discardableResult
    public func startUpdate(account: AccountID, to newEmail: EmailAddress) async throws -> PendingUpdate {
        let name = (try? await describeAccount(account))?.account.name ?? ""
        let current = try? await primaryEmail(of: account)
        return try await startUpdate(account: account, accountName: name, to: newEmail, currentEmail: current?.rawValue)
    }

    /// Starts an update and returns once it is recorded durably. A second Start for the same
    /// account replaces the pending code and restarts the 24 hours.
    @discardableResult
    public func startUpdate(account: AccountID, accountName: String, to newEmail: EmailAddress,
                            currentEmail: String?) async throws -> PendingUpdate {
        // AWS refuses it too, but only after counting it against the 3 Starts per 30 s.
        if let currentEmail, (try? EmailAddress(currentEmail)) == newEmail {
            throw ServiceError(.conflict, AWSMessages.emailUnchanged).during(AccountAPIOperation.startPrimaryEmailUpdate)
        }
        let session = try await session()
        let previous = try storage {
            try store.openUpdate(organizationID: session.organization.id, accountID: account)
        }
        if let previous, condition(of: previous) == .inFlight {
            throw RootmailError.busy(
                "Another rootmail session is updating account \(account) right now; wait for it and refresh.")
        }
        let intentTime = now()
        var update = PendingUpdate(
            organizationID: session.organization.id, accountID: account, accountName: accountName,
            previousEmail: currentEmail, newEmail: newEmail, startedAt: intentTime,
            expiresAt: PendingUpdate.codeExpiry(sentAt: intentTime), startedBy: session.caller.arn,
            startedOn: workstation, phase: .starting, ownerPID: processID, updatedAt: intentTime
        )
        try storage { try store.insert(update) }
        do {
            _ = try await callRetryingThrottled(.startPrimaryEmailUpdate, account) {
                try await backend.startPrimaryEmailUpdate(account, to: newEmail)
            }
        } catch let error as RootmailError {
            // Without an answer AWS may or may not have sent a code: the record stays for
            // get-update-status to settle.
            let entry = entry(session, account, AccountAPIOperation.startPrimaryEmailUpdate.rawValue, currentEmail, newEmail.rawValue, error)
            if case .transport = error {
                try save(&update, auditing: entry)
            } else {
                try save(&update, phase: .discarded, auditing: entry)
            }
            throw error
        }
        let started = now()
        update.codeSent(at: started)
        try save(&update, phase: .pending, at: started, retiringOthers: true, auditing: entry(
            session, account, AccountAPIOperation.startPrimaryEmailUpdate.rawValue, currentEmail, newEmail.rawValue, result: "PENDING"))
        return update
    }

    /// Sends a new code to the same address (Start again), restarting the 24 hours.
    @discardableResult
    public func resendCode(account: AccountID) async throws -> PendingUpdate {
        guard let update = try await openUpdate(for: account) else { throw RootmailError.nothingPending(account) }
        return try await startUpdate(account: account, accountName: update.accountName, to: update.newEmail,
                                     currentEmail: update.previousEmail)
    }

    /// Accepts the code. `email` defaults to the pending update's address; give it for an update
    /// started elsewhere (the AWS console, another tool).
    @discardableResult
    public func acceptUpdate(account: AccountID, code: OneTimeCode, email: EmailAddress? = nil) async throws -> UpdateStatus {
        let session = try await session()
        var update = try await openUpdate(for: account)
        if let pending = update, let email, pending.newEmail != email { update = nil }
        guard let newEmail = email ?? update?.newEmail else { throw RootmailError.nothingPending(account) }
        if let pending = update, condition(of: pending) == .inFlight {
            throw RootmailError.busy(
                "Another rootmail session is completing account \(account) right now; wait for it and refresh.")
        }
        let previousPhase = update?.phase ?? .pending
        if var pending = update {
            try save(&pending, phase: .accepting, owner: processID)
            update = pending
        }
        do {
            let status = try await callRetryingThrottled(.acceptPrimaryEmailUpdate, account) {
                try await backend.acceptPrimaryEmailUpdate(account, email: newEmail, code: code)
            }
            let entry = entry(session, account, AccountAPIOperation.acceptPrimaryEmailUpdate.rawValue, update?.previousEmail, newEmail.rawValue,
                              result: status.rawValue)
            if var done = update {
                try save(&done, phase: .completed, retiringOthers: true, auditing: entry)
            } else {
                record(entry)
            }
            return status
        } catch let error as RootmailError {
            let entry = entry(session, account, AccountAPIOperation.acceptPrimaryEmailUpdate.rawValue, update?.previousEmail, newEmail.rawValue, error)
            if var failed = update {
                failed.phase = phaseAfterFailedAccept(error, previous: previousPhase, update: failed)
                if error.serviceError?.knownReason == .codeIncorrect { failed.failedAttempts += 1 }
                if failed.phase == .pending, failed.attemptsLeft == 0 { failed.phase = .voided }
                try save(&failed, auditing: entry)
            } else {
                record(entry)
            }
            throw error
        }
    }

    /// Forgets an update locally, with its audit entry. AWS has no way to cancel one; an unused
    /// code simply expires. Forgetting stops the update being completed from here, so it takes
    /// the right to start one (whoever started it); a refusal is audited too.
    public func discard(account: AccountID) async throws {
        let session = try await session()
        guard var update = try await openUpdate(for: account) else { throw RootmailError.nothingPending(account) }
        if let refusal = Self.discardRefusal(for: session.caller) {
            record(entry(session, account, Self.discardOperation, update.previousEmail, update.newEmail.rawValue, refusal))
            throw refusal
        }
        try save(&update, phase: .discarded, auditing: entry(session, account, Self.discardOperation,
                                                             update.previousEmail, update.newEmail.rawValue,
                                                             result: "DISCARDED"))
    }

    /// Why a caller may not discard a pending update, or nil when it may. The console asks
    /// before offering Discard; `discard` refuses with the same words.
    public static func discardRefusal(for caller: CallerIdentity) -> RootmailError? {
        guard !caller.mayPerform(.startPrimaryEmailUpdate) else { return nil }
        return .notPermitted("Your caller lacks the permission \(Permission.startPrimaryEmailUpdate.rawValue), "
            + "which discarding a pending update takes; nothing was discarded.")
    }

    /// The audit log's name for a discard: rootmail's own action, not an AWS operation.
    public static let discardOperation = "DiscardPendingUpdate"

    /// How far the backend's clock may run behind this machine's: AWS refuses requests signed
    /// more than 5 minutes off its time.
    public static let clockTolerance: TimeInterval = 5 * 60

    /// Settles an uncertain update from the backend's update status: keeps the account's open
    /// update that the backend holds, discards the others, and audits what was found and who
    /// asked. Where the status cannot tell which of several addresses the backend holds (live
    /// AWS names none), it throws, naming the candidates; `chosen` is then the admin's choice.
    @discardableResult
    public func resolveUncertain(account: AccountID, keeping chosen: EmailAddress? = nil) async throws -> PendingUpdate {
        let session = try await session()
        let candidates = try storage { try store.openUpdates(organizationID: session.organization.id) }
            .filter { $0.accountID == account }.map(expiringIfDue)
        guard var update = candidates.last else { throw RootmailError.nothingPending(account) }
        guard condition(of: update) == .uncertain else { return update }
        let report: UpdateStatusReport?
        do {
            report = try await updateStatus(of: account)
        } catch let error as RootmailError where error.serviceError?.type == .resourceNotFound {
            report = nil
        }
        let current = try? await primaryEmail(of: account)
        let operation = (update.phase == .starting ? AccountAPIOperation.startPrimaryEmailUpdate : .acceptPrimaryEmailUpdate).rawValue
        if let chosen {
            guard let choice = candidates.last(where: { $0.newEmail == chosen }) else {
                throw RootmailError.notAnOpenUpdate(chosen, account: account, candidates: Self.addresses(of: candidates))
            }
            update = choice
        }
        let wasStarting = update.phase == .starting
        let finding: String
        if chosen != nil {
            update.phase = current == update.newEmail ? .completed : .pending
            finding = "chosen by \(session.caller.arn)"
        } else if current == update.newEmail {
            update.phase = .completed
            finding = "the account's address is now \(update.newEmail)"
        } else if update.phase == .accepting {
            update.phase = report?.email.map { $0 == update.newEmail } ?? true ? .pending : .discarded
            finding = "the code was not taken"
        } else if let report, report.status == .pending {
            let outcome = try startOutcome(update, among: candidates, report: report)
            update.phase = outcome.phase
            finding = outcome.finding
        } else {
            update.phase = .discarded
            finding = report == nil ? "the backend holds no update" : "the backend holds no pending update"
        }
        if update.phase == .pending, wasStarting, let sent = report?.updatedAt {
            // The code went out no earlier than the intent was written, or earlier when the
            // backend's update is an earlier Start to the same address.
            update.codeSent(at: min(sent, update.startedAt))
        }
        let result = update.phase == .discarded ? "NOT_RECEIVED" : update.phase == .completed ? "ACCEPTED" : "PENDING"
        let entry = entry(session, account, operation, update.previousEmail, update.newEmail.rawValue,
                          result: "\(result): resolved after a stopped call, \(finding) (update status: "
                              + Self.describe(report) + ")")
        try save(&update, retiringOthers: update.phase != .discarded, auditing: entry)
        return update
    }

    /// Whether the uncertain Start reached the backend, which holds a pending update.
    private func startOutcome(_ update: PendingUpdate, among candidates: [PendingUpdate],
                              report: UpdateStatusReport) throws -> (phase: PendingUpdate.Phase, finding: String) {
        if let held = report.email {
            return held == update.newEmail ? (.pending, "the backend holds this address")
                : (.discarded, "the backend holds \(held), not this address")
        }
        if let sent = report.updatedAt {
            if sent >= update.startedAt { return (.pending, "the backend's update is newer than this Start") }
            if sent < update.startedAt.addingTimeInterval(-Self.clockTolerance) {
                return (.discarded, "the backend's update is older than this Start")
            }
        }
        let rivals = candidates.filter { $0.newEmail != update.newEmail }
        guard rivals.isEmpty else {
            throw RootmailError.ambiguousStart(update.accountID, status: Self.describe(report),
                                               candidates: Self.addresses(of: candidates))
        }
        return (.pending, "the backend holds a pending update and this is the only Start")
    }

    private static func addresses(of candidates: [PendingUpdate]) -> String {
        candidates.map { "\($0.newEmail) (started \($0.startedAt.formatted(.iso8601)))" }.joined(separator: ", ")
    }

    private static func describe(_ report: UpdateStatusReport?) -> String {
        guard let report else { return "no update started" }
        return [report.status.rawValue, report.updatedAt.map { "updated \($0.formatted(.iso8601))" },
                report.email.map { "for \($0)" }].compactMap { $0 }.joined(separator: ", ")
    }

    public func auditEntries(limit: Int = 100) throws -> [AuditEntry] {
        try storage { try audit.recentEntries(limit: limit) }
    }

    // MARK: Helpers

    private func phaseAfterFailedAccept(_ error: RootmailError, previous: PendingUpdate.Phase,
                                        update: PendingUpdate) -> PendingUpdate.Phase {
        guard let serviceError = error.serviceError else {
            // No answer: the code may or may not have been taken. Leave it for get-update-status.
            return .accepting
        }
        if serviceError.knownReason == .codeExpired { return .expired }
        if serviceError.type == .resourceNotFound {
            return update.hasExpired(at: now()) ? .expired : .voided
        }
        return previous == .accepting ? .pending : previous
    }

    /// Stores the update as it now stands, moved to `phase` (nil keeps its phase) and owned by
    /// `owner` (0: no call of a live process is under way), changed at `date` (now by default),
    /// with the audit entry that records it in the same transaction. `retiringOthers` discards
    /// the account's other open updates with it: a later Start replaced their codes, or the
    /// address has changed; without this an older update would reappear once this one is done.
    private func save(_ update: inout PendingUpdate, phase: PendingUpdate.Phase? = nil, owner: Int32 = 0,
                      at date: Date? = nil, retiringOthers: Bool = false, auditing entry: AuditEntry? = nil) throws {
        if let phase { update.phase = phase }
        update.ownerPID = owner
        update.updatedAt = date ?? now()
        let saved = update
        var changed = [saved]
        if retiringOthers {
            changed += try storage { try store.openUpdates(organizationID: saved.organizationID) }
                .filter { $0.accountID == saved.accountID && $0.id != saved.id }
                .map { other in
                    var retired = other
                    retired.phase = .discarded
                    retired.ownerPID = 0
                    retired.updatedAt = saved.updatedAt
                    return retired
                }
        }
        try storage { try store.update(changed, auditing: entry) }
    }

    private func expiringIfDue(_ update: PendingUpdate) -> PendingUpdate {
        guard update.phase == .pending, update.hasExpired(at: now()) else { return update }
        var expired = update
        expired.phase = .expired
        expired.updatedAt = now()
        try? store.update(expired)
        return expired
    }

    private func entry(_ session: Session, _ account: AccountID, _ operation: String, _ oldEmail: String?,
                       _ newEmail: String?, _ error: RootmailError) -> AuditEntry {
        let result = error.serviceError.map { "\($0.type): \($0.message)" } ?? "\(error)"
        return entry(session, account, operation, oldEmail, newEmail, result: result)
    }

    private func entry(_ session: Session, _ account: AccountID, _ operation: String, _ oldEmail: String?,
                       _ newEmail: String?, result: String) -> AuditEntry {
        AuditEntry(at: now(), callerARN: session.caller.arn, organizationID: session.organization.id,
                   accountID: account, operation: operation, oldEmail: oldEmail, newEmail: newEmail, result: result,
                   workstation: workstation, processID: processID)
    }

    /// For a call with no pending update to save with it (an Accept of an update started elsewhere).
    private func record(_ entry: AuditEntry) {
        // The backend has already acted: a failing audit write must not hide that from the user.
        try? audit.append(entry)
    }

    private func storage<T>(_ body: () throws -> T) throws -> T {
        try RootmailError.fromStorage(body)
    }

    /// `call`, sent again after a wait while the backend answers TooManyRequestsException, up to
    /// the backoff's attempts. Nothing else is retried: a call without an answer may have acted.
    private func callRetryingThrottled<T>(_ operation: AccountAPIOperation, _ account: AccountID,
                                          _ body: () async throws -> T) async throws -> T {
        var retry = 0
        while true {
            do {
                return try await call(body)
            } catch let throttled as RootmailError
                where throttled.serviceError?.type == .tooManyRequests && retry + 1 < throttleBackoff.maxAttempts {
                retry += 1
                let delay = throttleBackoff.delay(beforeRetry: retry)
                throttleWaitsContinuation.yield(ThrottleWait(operation: operation.rawValue, accountID: account, retry: retry,
                                                             delay: delay))
                // Cancelled while waiting: the throttling answer is the outcome.
                do { try await throttleBackoff.sleep(delay) } catch { throw throttled }
            }
        }
    }

    private func call<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as RootmailError { throw error } catch {
            throw RootmailError.transport("The backend could not be reached: \(error)")
        }
    }
}
