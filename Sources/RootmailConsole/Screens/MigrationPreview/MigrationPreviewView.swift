import RootmailCore
import TerminalUI

/// The preview: the counts per check, then each marked account with its new address and check;
/// the selected row's reason on the status line.
enum MigrationPreviewView {
    static func draw(_ state: ConsoleState, on surface: any Surface) -> CellPosition? {
        guard let shown = state.migrationPreview else { return nil }
        let size = surface.size
        let preview = shown.preview
        var column = surface.draw(" Preview ", row: ConsoleLayout.titleRow, column: 0, style: Styles.bold)
        column = surface.draw(shown.ruleText, row: ConsoleLayout.titleRow, column: column, style: Styles.plain)
        surface.draw("   \(ConsoleMessages.previewSummary(accounts: preview.rows.count, toStart: preview.toStart.count))",
                     row: ConsoleLayout.titleRow, column: column, style: Styles.muted)
        let counts = [("to start", preview.toStart.count)] + preview.countsByCheck.map { ($0.check, $0.count) }
        surface.write(" " + counts.map { "\($0.0) \($0.1)" }.joined(separator: " · "), row: ConsoleLayout.headingRow,
                      column: 0, width: size.columns, style: Styles.plain)

        let position = Table.drawList(preview.rows, columns: columns, cursor: shown.cursor,
                                      headingRow: ConsoleLayout.headingRow + 1,
                                      height: MigrationPreviewScreenState.tableHeight(size), on: surface)
        if state.status == nil, let check = shown.selectedRow?.check {
            surface.write(" " + check.explanation, row: ConsoleLayout.statusRow(size), column: 0, width: size.columns,
                          style: Styles.muted)
        }
        return position
    }

    /// The current address goes first as the terminal narrows.
    static var columns: [TableColumn<PlannedRow>] { [
        TableColumn(title: "Account ID", minWidth: 12, text: \.accountID.rawValue),
        TableColumn(title: "Name", minWidth: 12, weight: 1, maxWidth: 30, text: \.accountName),
        TableColumn(title: "Current", minWidth: 20, weight: 2, maxWidth: 48, dropOrder: 1, text: { $0.currentEmail ?? "" },
                    fit: { DisplayWidth.pad(EmailText.shortened($0, to: $1), to: $1) }),
        TableColumn(title: "New address", minWidth: 20, weight: 2, maxWidth: 48, text: { $0.proposedEmail ?? "—" },
                    fit: { DisplayWidth.pad(EmailText.shortened($0, to: $1), to: $1) }),
        TableColumn(title: "Check", minWidth: 12, weight: 1, maxWidth: 20, text: { $0.check?.name ?? "ok" },
                    style: { $0.check == nil ? nil : Styles.mark }),
    ] }
}
