import TerminalUI

/// Every key, written from the table that dispatches them.
enum HelpView {
    static func draw(_ state: ConsoleState, on surface: any Surface) -> CellPosition? {
        let size = surface.size
        var column = surface.draw(" Help ", row: ConsoleLayout.titleRow, column: 0, style: Styles.bold)
        column = surface.draw("  every key, where it works", row: ConsoleLayout.titleRow, column: column,
                              style: Styles.muted)
        let lines = state.help.lines
        let keysWidth = HelpContent.keysWidth + 3
        let height = ConsoleLayout.bodyHeight(size)
        for offset in 0..<height {
            let index = state.help.scroll + offset
            guard lines.indices.contains(index) else { break }
            let row = ConsoleLayout.firstBodyRow + offset
            switch lines[index] {
            case .heading(let title):
                surface.write(" " + title, row: row, column: 0, width: size.columns, style: Styles.heading)
            case .binding(let keys, let description):
                surface.write(keys, row: row, column: 3, width: keysWidth - 1, style: Styles.footerKey)
                surface.write(description, row: row, column: 3 + keysWidth, width: size.columns - 3 - keysWidth)
            case .blank:
                break
            }
        }
        if lines.count > height {
            let shownEnd = min(lines.count, state.help.scroll + height)
            let more = shownEnd < lines.count ? " (↓ j, PgDn for more)" : " (↑ k, PgUp to go back)"
            let position = " \(state.help.scroll + 1)–\(shownEnd) of \(lines.count) lines\(more) "
            surface.draw(position, row: ConsoleLayout.titleRow,
                         column: max(column + 1, size.columns - DisplayWidth.of(position)), style: Styles.muted)
        }
        return nil
    }
}
