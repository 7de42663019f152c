import RootmailCore
import TerminalUI

enum MigrationsView {
    static func draw(_ state: ConsoleState, on surface: any Surface) -> CellPosition? {
        let size = surface.size
        let items = state.migrationsScreen.items
        let column = surface.draw(" Migrations ", row: ConsoleLayout.titleRow, column: 0, style: Styles.bold)
        surface.draw("\(items.count)   newest first", row: ConsoleLayout.titleRow, column: column, style: Styles.muted)
        let position = Table.drawList(items, columns: columns(state), cursor: state.migrationsScreen.cursor,
                                      headingRow: ConsoleLayout.headingRow, height: ConsoleLayout.tableHeight(size), on: surface)
        guard !items.isEmpty else {
            let text = state.migrationsScreen.isLoading ? ConsoleMessages.loading : ConsoleMessages.noMigrations
            surface.write(" " + text, row: ConsoleLayout.firstTableRow, column: 0, width: size.columns, style: Styles.muted)
            return nil
        }
        return position
    }

    static func columns(_ state: ConsoleState) -> [TableColumn<MigrationProgress>] {
        let zone = state.timeZone
        return [
            TableColumn(title: "Created", minWidth: 20, text: { TimeText.moment($0.migration.createdAt, in: zone) }),
            TableColumn(title: "Name", minWidth: 16, weight: 2, maxWidth: 48, text: \.migration.name),
            TableColumn(title: "Accounts", minWidth: 8, text: { "\($0.toChange)" }),
            TableColumn(title: "Done", minWidth: 5, text: { "\($0.count(.done))" }),
            TableColumn(title: "Progress", minWidth: 14, text: { item in
                item.isFinished ? "finished" : item.isStarting ? "starting" : "\(item.count(.awaitingCode)) awaiting"
            }),
            TableColumn(title: "Rule", minWidth: 20, weight: 2, dropOrder: 1, text: \.migration.rule),
            TableColumn(title: "By", minWidth: 16, weight: 1, dropOrder: 2, text: \.migration.createdBy),
        ]
    }
}
