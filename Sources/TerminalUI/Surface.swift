/// The size of a drawing surface, in character cells.
public struct TerminalSize: Hashable, Sendable {
    public let rows: Int
    public let columns: Int

    public init(rows: Int, columns: Int) {
        self.rows = max(0, rows)
        self.columns = max(0, columns)
    }

    /// The cell nearest to `row`, `column` inside the terminal; nil when it has no cells.
    public func clamped(row: Int, column: Int) -> CellPosition? {
        guard rows > 0, columns > 0 else { return nil }
        return CellPosition(row: min(max(row, 0), rows - 1), column: min(max(column, 0), columns - 1))
    }
}

/// A few named accents on top of the terminal's own colours. With `NO_COLOR` set, or on a
/// terminal without colours, a surface shows them through `CellStyle` attributes alone.
public enum Accent: Hashable, Sendable, CaseIterable {
    case normal
    case title
    case muted
    case warning
    case error
    case success
    case highlight
}

public struct CellStyle: Hashable, Sendable {
    public var accent: Accent
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(accent: Accent = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.accent = accent
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = CellStyle()
}

/// Where views draw. One implementation draws through ncurses, one into memory for tests.
/// Coordinates are zero-based; text is clipped at the right edge and never split inside a
/// character (wide characters take two cells).
public protocol Surface: AnyObject {
    var size: TerminalSize { get }
    /// Starts a frame: blanks every cell (ncurses `erase`, never `clear`).
    func beginFrame()
    /// Writes text at a cell and returns the column after it.
    @discardableResult
    func draw(_ text: String, row: Int, column: Int, style: CellStyle) -> Int
    /// Where the real terminal cursor rests at the end of the frame (selected row or focused
    /// field), so screen readers and the user's eye follow it; nil hides it.
    func placeCursor(row: Int, column: Int)
    func hideCursor()
    /// Ends a frame and sends what changed to the terminal.
    func endFrame()
}
