import TerminalUI

/// The console's few accents; everything else is the terminal's own colours.
enum Styles {
    static let titleBar = CellStyle(accent: .title, bold: true, reverse: true)
    static let plain = CellStyle.plain
    static let bold = CellStyle(bold: true)
    static let heading = CellStyle(bold: true, underline: true)
    static let muted = CellStyle(accent: .muted)
    static let selected = CellStyle(reverse: true)
    static let mark = CellStyle(accent: .warning, bold: true)
    /// Data older than this session: the cached account list.
    static let stale = CellStyle(accent: .warning)
    static let footerKey = CellStyle(accent: .highlight, bold: true)

    static func message(_ kind: StatusMessage.Kind) -> CellStyle {
        switch kind {
        case .info: CellStyle.plain
        case .success: CellStyle(accent: .success)
        case .error: CellStyle(accent: .error, bold: true)
        }
    }
}
