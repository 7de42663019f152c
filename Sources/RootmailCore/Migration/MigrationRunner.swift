import Foundation
import Synchronization

/// Runs a migration: Starts every planned row at AWS's quota, Accepts codes as they come, and
/// settles the rows a stopped run left half-done. Each row goes through the service's own
/// Start and Accept, so every call is a pending update and an audit row like any other.
public final class MigrationRunner: Sendable {
    public let service: EmailUpdateService
    private let store: any MigrationStore
    private let schedule = Mutex(RequestSchedule())
    private let sleep: @Sendable (Duration) async throws -> Void

    public init(service: EmailUpdateService, store: any MigrationStore,
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.service = service
        self.store = store
        self.sleep = sleep
    }

    /// Starts the planned rows one after another, each when the quotas have room, and reports
    /// each row as it leaves `starting`. A throttled Start is tried again, never failed; a Start
    /// without an answer stays `starting` for `settle` to decide.
    public func startPlannedRows(of migration: Migration,
                                 progress: @Sendable (MigrationRow) -> Void = { _ in }) async throws {
        let caller = try await service.session().caller.accountID
        for var row in try RootmailError.fromStorage({ try store.rows(of: migration.id) }) where row.state == .planned {
            guard let address = row.newEmail.flatMap({ try? EmailAddress($0) }) else { continue }
            while true {
                try Task.checkCancellation()
                try record(&row, .starting)
                do {
                    try await paced([RequestQuota.startPerCaller.bucket(for: caller),
                                     RequestQuota.startPerTarget.bucket(for: row.accountID)]) {
                        try await service.startUpdate(account: row.accountID, accountName: row.accountName, to: address,
                                                      currentEmail: row.currentEmail)
                    }
                    try record(&row, .awaitingCode)
                } catch let error as RootmailError {
                    if error.serviceError?.type == .tooManyRequests {
                        try record(&row, .planned)
                        continue
                    }
                    if case .transport = error {
                        try record(&row, .starting, reason: "no answer from the backend; resuming settles it")
                    } else {
                        try record(&row, .failed, reason: error.description)
                    }
                }
                break
            }
            progress(row)
        }
    }

    /// Accepts a code for a row awaiting one and returns the row as it ends: done, still awaiting
    /// a code (a wrong one, with AWS's reason), expired, or `accepting` when no answer came.
    @discardableResult
    public func accept(_ code: OneTimeCode, for account: AccountID, in migration: Migration) async throws -> MigrationRow {
        guard var row = try RootmailError.fromStorage({ try store.rows(of: migration.id) }).first(where: { $0.accountID == account }) else {
            throw RootmailError.notFound("Migration \(migration.name) has no row for account \(account).")
        }
        guard row.state == .awaitingCode, let address = row.newEmail.flatMap({ try? EmailAddress($0) }) else {
            throw RootmailError.notFound("Account \(account) in migration \(migration.name) is \(row.state.rawValue), "
                + "not awaiting a code.")
        }
        let caller = try await service.session().caller.accountID
        while true {
            try record(&row, .accepting)
            do {
                try await paced([RequestQuota.acceptPerCaller.bucket(for: caller)]) {
                    try await service.acceptUpdate(account: account, code: code, email: address)
                }
                try record(&row, .done)
            } catch let error as RootmailError {
                if error.serviceError?.type == .tooManyRequests {
                    try record(&row, .awaitingCode)
                    continue
                }
                let update = try await service.openUpdate(for: account)
                switch update?.phase {
                case .pending?: try record(&row, .awaitingCode, reason: error.description)
                case .expired?, .voided?: try record(&row, .expired, reason: error.description)
                case .accepting?: try record(&row, .accepting, reason: "no answer from the backend; resuming settles it")
                default: try record(&row, .failed, reason: error.description)
                }
            }
            return row
        }
    }

    /// Brings the rows a stopped run left in `starting`, `accepting` or `awaiting code` in line
    /// with the pending updates (resolving an uncertain one from the backend, as `pending
    /// resolve` does) and returns every row.
    @discardableResult
    public func settle(_ migration: Migration) async throws -> [MigrationRow] {
        var rows = try RootmailError.fromStorage { try store.rows(of: migration.id) }
        for index in rows.indices where [.starting, .accepting, .awaitingCode].contains(rows[index].state) {
            var row = rows[index]
            var update = try await service.openUpdate(for: row.accountID)
            if let open = update, open.newEmail.rawValue.lowercased() != row.newEmail?.lowercased() {
                update = nil
            }
            if let open = update, service.condition(of: open) == .uncertain {
                update = try await service.resolveUncertain(account: row.accountID)
            }
            switch update?.phase {
            case .pending?: try record(&row, .awaitingCode)
            case .expired?, .voided?: try record(&row, .expired)
            case .completed?: try record(&row, .done)
            case .starting?, .accepting?: break // another process is calling right now
            case .discarded?, nil:
                if row.state == .starting {
                    // Never recorded, or resolved as never reaching the backend: nothing was sent.
                    try record(&row, .planned)
                } else if let address = row.newEmail, try await service.primaryEmail(of: row.accountID).normalized
                            == address.lowercased() {
                    try record(&row, .done)
                } else {
                    try record(&row, .failed, reason: "the pending update was discarded")
                }
            }
            rows[index] = row
        }
        return rows
    }

    private func record(_ row: inout MigrationRow, _ state: MigrationRow.State, reason: String? = nil) throws {
        row.state = state
        row.reason = reason
        row.updatedAt = service.currentDate
        let saved = row
        try RootmailError.fromStorage { try store.update(saved) }
    }

    /// Makes the call when the quotas have room, and counts it from when its answer came.
    @discardableResult
    private func paced<T>(_ buckets: [QuotaBucket], _ call: () async throws -> T) async throws -> T {
        let reserved = try await waitForRoom(buckets)
        let result: Result<T, any Error>
        do { result = .success(try await call()) } catch { result = .failure(error) }
        let answered = service.currentDate
        schedule.withLock { $0.move(buckets, from: reserved, to: answered) }
        return try result.get()
    }

    /// Waits until the quotas have room and returns the reserved time.
    private func waitForRoom(_ buckets: [QuotaBucket]) async throws -> Date {
        let now = service.currentDate
        let time = schedule.withLock { $0.reserve(buckets, notBefore: now) }
        let wait = time.timeIntervalSince(now)
        guard wait > 0 else { return time }
        do {
            try await sleep(.milliseconds(Int((wait * 1000).rounded(.up))))
        } catch {
            schedule.withLock { $0.release(buckets, at: time) }
            throw error
        }
        return time
    }
}
