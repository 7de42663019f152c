/// A cell of a `MemorySurface`.
public struct Cell: Hashable, Sendable {
    /// What the terminal shows from this cell on; "" in the cells a wide character covers
    /// after its first.
    public fileprivate(set) var glyph: String
    /// Cells the glyph takes; 0 in the cells a wide character covers after its first.
    public fileprivate(set) var width: Int
    public fileprivate(set) var style: CellStyle

    public static let blank = Cell(glyph: " ", width: 1, style: .plain)
}

/// A cell position on a surface, zero-based.
public struct CellPosition: Hashable, Sendable {
    public let row: Int
    public let column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}

/// A surface that draws into a grid of cells in memory, for tests and snapshots. It clips
/// exactly as `NCursesSurface` does.
public final class MemorySurface: Surface {
    public private(set) var size: TerminalSize
    /// Where the frame put the terminal cursor; nil when hidden. A frame that does not place
    /// the cursor hides it.
    public private(set) var cursor: CellPosition?
    private var cells: [[Cell]]

    public init(size: TerminalSize) {
        self.size = size
        cells = Self.blankGrid(size)
    }

    /// The terminal changed size: the content is gone until the next frame, as in ncurses.
    public func resize(to newSize: TerminalSize) {
        size = newSize
        cells = Self.blankGrid(newSize)
        cursor = nil
    }

    public func beginFrame() {
        cells = Self.blankGrid(size)
        cursor = nil
    }

    @discardableResult
    public func draw(_ text: String, row: Int, column: Int, style: CellStyle) -> Int {
        let end = column + DisplayWidth.of(text)
        guard (0..<size.rows).contains(row) else { return end }
        for glyph in TextLayout.glyphs(of: text, from: column, within: size.columns) {
            put(glyph, row: row, style: style)
        }
        return end
    }

    public func placeCursor(row: Int, column: Int) {
        cursor = size.clamped(row: row, column: column)
    }

    public func hideCursor() {
        cursor = nil
    }

    public func endFrame() {}

    public func cell(row: Int, column: Int) -> Cell {
        cells[row][column]
    }

    /// One row as the terminal shows it, trailing spaces trimmed.
    public func text(row: Int) -> String {
        var line = ""
        for cell in cells[row] {
            line += cell.glyph
        }
        while line.last == " " {
            line.removeLast()
        }
        return line
    }

    /// The whole screen as text: rows joined by "\n", each with trailing spaces trimmed.
    public func text() -> String {
        (0..<size.rows).map { text(row: $0) }.joined(separator: "\n")
    }

    private func put(_ glyph: Glyph, row: Int, style: CellStyle) {
        for column in glyph.column..<(glyph.column + glyph.width) {
            blankGlyph(covering: column, row: row)
        }
        cells[row][glyph.column] = Cell(glyph: glyph.text, width: glyph.width, style: style)
        for column in (glyph.column + 1)..<(glyph.column + glyph.width) {
            cells[row][column] = Cell(glyph: "", width: 0, style: style)
        }
    }

    /// Overwriting part of a wide character blanks the rest of it, as a terminal does.
    private func blankGlyph(covering column: Int, row: Int) {
        var start = column
        while start > 0 && cells[row][start].width == 0 {
            start -= 1
        }
        let owner = cells[row][start]
        for covered in start..<min(start + max(owner.width, 1), size.columns) {
            cells[row][covered] = Cell(glyph: " ", width: 1, style: owner.style)
        }
    }

    private static func blankGrid(_ size: TerminalSize) -> [[Cell]] {
        Array(repeating: Array(repeating: Cell.blank, count: size.columns), count: size.rows)
    }
}
