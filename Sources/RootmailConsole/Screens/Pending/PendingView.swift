import Foundation
import RootmailCore
import TerminalUI

/// Every open update of this data directory, whoever started it and from whichever session.
enum PendingView {
    static func draw(_ state: ConsoleState, on surface: any Surface) -> CellPosition? {
        let size = surface.size
        let items = state.openUpdates.items
        var column = surface.draw(" Pending email updates ", row: ConsoleLayout.titleRow, column: 0, style: Styles.bold)
        column = surface.draw("\(items.count)", row: ConsoleLayout.titleRow, column: column, style: Styles.plain)
        let asOf = state.openUpdatesAsOf.map { " · as of \(TimeText.timeOfDay($0, in: state.timeZone))" } ?? ""
        surface.draw("   from every session\(asOf)", row: ConsoleLayout.titleRow, column: column, style: Styles.muted)

        let position = Table.drawList(items, columns: columns(state), cursor: state.pendingScreen.cursor,
                                      headingRow: ConsoleLayout.headingRow, height: ConsoleLayout.tableHeight(size), on: surface)
        guard !items.isEmpty else {
            let text = state.isLoadingOpenUpdates ? ConsoleMessages.loading : ConsoleMessages.noPendingUpdates
            surface.write(" " + text, row: ConsoleLayout.firstTableRow, column: 0, width: size.columns,
                          style: Styles.muted)
            return nil
        }
        return position
    }

    /// Started by goes first as the terminal narrows; when an update started, its details say.
    static func columns(_ state: ConsoleState) -> [TableColumn<OpenUpdate>] {
        let now = state.now
        return [
            TableColumn(title: "Account ID", minWidth: 12, text: \.accountID.rawValue),
            TableColumn(title: "Name", minWidth: 14, weight: 1, maxWidth: 30, text: \.update.accountName),
            TableColumn(title: "New address", minWidth: 24, weight: 4, maxWidth: 64, text: \.update.newEmail.rawValue),
            TableColumn(title: "Time left", minWidth: 9, text: { open in
                open.condition(at: now) == .awaitingCode ? TimeText.duration(open.update.timeLeft(at: now)) : "—"
            }),
            TableColumn(title: "Condition", minWidth: 13, text: { $0.condition(at: now).label }, style: { open in
                open.condition(at: now) == .awaitingCode ? nil : Styles.mark
            }),
            TableColumn(title: "Started by", minWidth: 16, weight: 1, dropOrder: 1, text: \.update.startedBy),
        ]
    }
}
