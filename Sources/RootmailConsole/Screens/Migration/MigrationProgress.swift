import Foundation
import RootmailCore

/// A migration and its rows as the console last heard of them, with how its Starts are going.
struct MigrationProgress: Sendable {
    let migration: Migration
    private(set) var rows: [MigrationRow]
    private var positionByID: [AccountID: Int]
    /// This console is sending the migration's Starts.
    var isStarting: Bool
    /// When this console began sending them: the rate is counted from then.
    var runStartedAt: Date?

    init(_ migration: Migration, rows: [MigrationRow], isStarting: Bool = false) {
        self.migration = migration
        self.rows = rows
        self.isStarting = isStarting
        positionByID = Dictionary(rows.indices.map { (rows[$0].accountID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func row(_ id: AccountID) -> MigrationRow? { positionByID[id].map { rows[$0] } }

    /// Takes a row as the runner recorded it; a row of another migration changes nothing.
    mutating func update(_ row: MigrationRow) {
        guard row.migrationID == migration.id, let position = positionByID[row.accountID] else { return }
        rows[position] = row
    }

    func count(_ state: MigrationRow.State) -> Int { rows.reduce(0) { $0 + ($1.state == state ? 1 : 0) } }

    /// Rows the migration changes: all but the skipped.
    var toChange: Int { rows.count - count(.skipped) }
    /// Rows whose Start has been answered.
    var started: Int { toChange - count(.planned) - count(.starting) }
    var isFinished: Bool { rows.allSatisfy(\.state.isSettled) }

    /// Starts answered per second since this console began sending them.
    func rate(at now: Date) -> Double? {
        guard let runStartedAt else { return nil }
        let elapsed = now.timeIntervalSince(runStartedAt)
        guard elapsed >= 1, started > 0 else { return nil }
        return Double(started) / elapsed
    }

    /// How long the Starts still to send take at the rate so far.
    func timeLeft(at now: Date) -> TimeInterval? {
        guard isStarting, let rate = rate(at: now), rate > 0 else { return nil }
        return Double(toChange - started) / rate
    }
}
