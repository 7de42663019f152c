import TerminalUI

/// The rows every screen shares, so that the reducer pages by what the views show.
///
/// ```
/// 0          header: organization, backend
/// 1          header: caller
/// 2          title of the screen (counts, sort, filter, spinner)
/// 3 …        body of text screens; column headings of tables
/// 4 …        table rows
/// rows - 2   status line
/// rows - 1   footer: the main keys
/// ```
enum ConsoleLayout {
    /// Below this the console shows a notice instead of screens; 40×10 is below it.
    static let minimumSize = TerminalSize(rows: 12, columns: 48)

    static func isLargeEnough(_ size: TerminalSize) -> Bool {
        size.rows >= minimumSize.rows && size.columns >= minimumSize.columns
    }

    static let titleRow = 2
    static let headingRow = 3
    static let firstTableRow = 4
    static let firstBodyRow = 3

    static func statusRow(_ size: TerminalSize) -> Int { size.rows - 2 }
    static func footerRow(_ size: TerminalSize) -> Int { size.rows - 1 }

    /// Rows of a table screen (accounts, pending updates) under its headings.
    static func tableHeight(_ size: TerminalSize) -> Int { max(1, size.rows - 6) }

    /// Rows of a text screen (details, help) under its title.
    static func bodyHeight(_ size: TerminalSize) -> Int { max(1, size.rows - 5) }
}
