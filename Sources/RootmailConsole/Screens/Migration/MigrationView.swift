import Foundation
import RootmailCore
import TerminalUI

/// A migration as it runs: the progress bar of its Starts with the rate and the time left, the
/// counts per state, then its rows (awaiting ones with the time their code has left; settled
/// ones with their reason). A finished migration's screen is its report.
enum MigrationView {
    static func draw(_ state: ConsoleState, on surface: any Surface) -> CellPosition? {
        guard let progress = state.migration else { return nil }
        let size = surface.size
        let migration = progress.migration
        var column = surface.draw(" Migration ", row: ConsoleLayout.titleRow, column: 0, style: Styles.bold)
        column = surface.draw(migration.name, row: ConsoleLayout.titleRow, column: column, style: Styles.plain)
        surface.draw("   \(migration.rule)", row: ConsoleLayout.titleRow, column: column, style: Styles.muted)

        drawProgress(progress, now: state.now, row: ConsoleLayout.headingRow, on: surface)
        let counts = MigrationRow.State.allCases.compactMap { rowState -> String? in
            let count = progress.count(rowState)
            return count == 0 ? nil : "\(rowState.rawValue) \(count)"
        }.joined(separator: " · ")
        let filter = state.migrationScreen.stateFilter.map { "   showing \($0.rawValue) (f)" } ?? ""
        surface.write(" " + counts + filter, row: ConsoleLayout.headingRow + 1, column: 0, width: size.columns,
                      style: Styles.plain)

        let rows = state.migrationScreen.rows(of: progress)
        let position = Table.drawList(rows, columns: columns(state), cursor: state.migrationScreen.cursor,
                                      headingRow: ConsoleLayout.headingRow + 2,
                                      height: MigrationScreenState.tableHeight(size), on: surface)
        // The table cuts reasons short; the selected row's is read whole here.
        if state.status == nil, let reason = state.migrationScreen.selectedRow(of: progress)?.reason {
            surface.write(" " + reason, row: ConsoleLayout.statusRow(size), column: 0, width: size.columns,
                          style: Styles.muted)
        }
        return position
    }

    /// `[██████░░░░] 6 of 10 started · 1.0 per second · 4s left`
    private static func drawProgress(_ progress: MigrationProgress, now: Date, row: Int, on surface: any Surface) {
        let barWidth = max(10, min(30, surface.size.columns / 4))
        let fraction = progress.toChange == 0 ? 1 : Double(progress.started) / Double(progress.toChange)
        let filled = Int((fraction * Double(barWidth)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
        var text = ConsoleMessages.startedCount(progress.started, of: progress.toChange)
        if let rate = progress.rate(at: now) { text += " · " + ConsoleMessages.rate(rate) }
        if let left = progress.timeLeft(at: now) { text += " · " + ConsoleMessages.timeLeft(TimeText.duration(left)) }
        if !progress.isStarting, !progress.isFinished, progress.count(.planned) > 0 {
            text += " · " + ConsoleMessages.resumeWith(progress.migration.id)
        }
        let column = surface.draw(" " + bar + " ", row: row, column: 0, style: Styles.bold)
        surface.write(text, row: row, column: column, width: surface.size.columns - column, style: Styles.plain)
    }

    /// The reason goes first as the terminal narrows, then the name.
    static func columns(_ state: ConsoleState) -> [TableColumn<MigrationRow>] {
        let now = state.now
        let openUpdates = state.openUpdates
        func timeLeft(_ row: MigrationRow) -> String {
            guard row.state == .awaitingCode else { return "" }
            let left = openUpdates[row.accountID]?.update.timeLeft(at: now)
                ?? max(0, row.updatedAt.addingTimeInterval(AWSMessages.codeLifetime).timeIntervalSince(now))
            return TimeText.duration(left)
        }
        var columns: [TableColumn<MigrationRow>] = [
            TableColumn(title: "Account ID", minWidth: 12, text: \.accountID.rawValue),
            TableColumn(title: "Name", minWidth: 12, weight: 1, maxWidth: 30, dropOrder: 2, text: \.accountName),
            TableColumn(title: "New address", minWidth: 20, weight: 2, maxWidth: 48, text: { $0.newEmail ?? "—" },
                        fit: { DisplayWidth.pad(EmailText.shortened($0, to: $1), to: $1) }),
            TableColumn(title: "State", minWidth: 13, text: \.state.rawValue, style: { row in
                [.failed, .expired].contains(row.state) ? Styles.mark : nil
            }),
        ]
        // Only while codes are awaited: a finished migration's report gives the width to the reasons.
        if state.migration.map({ $0.count(.awaitingCode) + $0.count(.accepting) > 0 }) == true {
            columns.append(TableColumn(title: "Time left", minWidth: 9, text: timeLeft))
        }
        columns.append(TableColumn(title: "Reason", minWidth: 16, weight: 2, dropOrder: 1, text: { $0.reason ?? "" }))
        return columns
    }

    /// The status line on every other screen while the migration is not finished.
    static func backgroundStatus(_ state: ConsoleState) -> StatusMessage? {
        guard let progress = state.migration, !progress.isFinished, state.screen != .migration,
              state.screen != .migrationPreview else { return nil }
        return StatusMessage(ConsoleMessages.migrationInBackground(
            progress.migration.name, started: progress.started, of: progress.toChange, done: progress.count(.done),
            awaiting: progress.count(.awaitingCode), isStarting: progress.isStarting))
    }
}
