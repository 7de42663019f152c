import CNCurses
import TerminalUI

/// Draws on the screen of a started `Terminal`, through ncurses. A frame erases the window
/// (`werase`, never `clear`), draws, then sends only what changed (`wnoutrefresh` and one
/// `doupdate`). Text is clipped as `MemorySurface` clips it. Once its terminal is stopped it
/// draws nothing and its size is zero.
public final class NCursesSurface: Surface {
    private let window: UnsafeMutablePointer<WINDOW>
    private let palette: Palette
    private var cursorTarget: CellPosition?
    private var cursorShown: Bool?
    private var detached = false

    init(window: UnsafeMutablePointer<WINDOW>, palette: Palette) {
        self.window = window
        self.palette = palette
    }

    /// Whether accents are drawn in colour (false with `NO_COLOR` or on a monochrome terminal).
    public var usesColor: Bool { palette.usesColor }

    public var size: TerminalSize {
        guard !detached else { return TerminalSize(rows: 0, columns: 0) }
        return TerminalSize(rows: Int(rootmail_max_y(window)), columns: Int(rootmail_max_x(window)))
    }

    /// The terminal was stopped: ncurses' window is gone.
    func detach() {
        detached = true
    }

    public func beginFrame() {
        guard !detached else { return }
        werase(window)
        cursorTarget = nil
    }

    @discardableResult
    public func draw(_ text: String, row: Int, column: Int, style: CellStyle) -> Int {
        let end = column + DisplayWidth.of(text)
        let size = self.size
        guard (0..<size.rows).contains(row) else { return end }
        let glyphs = TextLayout.glyphs(of: text, from: column, within: size.columns)
        guard let first = glyphs.first else { return end }
        var characters: [wchar_t] = []
        for glyph in glyphs {
            for scalar in glyph.text.unicodeScalars {
                characters.append(wchar_t(bitPattern: scalar.value))
            }
        }
        let (attributes, pair) = palette.attributes(for: style)
        wattr_set(window, attributes, pair, nil)
        // At the bottom-right cell ncurses reports an error after writing the character,
        // because the cursor cannot move past it; the text is on the screen all the same.
        _ = mvwaddnwstr(window, Int32(row), Int32(first.column), characters, Int32(characters.count))
        wattr_set(window, rootmail_a_normal(), 0, nil)
        return end
    }

    public func placeCursor(row: Int, column: Int) {
        guard let target = size.clamped(row: row, column: column) else { return }
        cursorTarget = target
    }

    public func hideCursor() {
        cursorTarget = nil
    }

    /// A frame that did not place the cursor hides it.
    public func endFrame() {
        guard !detached else { return }
        if let cursorTarget {
            wmove(window, Int32(cursorTarget.row), Int32(cursorTarget.column))
        }
        let show = cursorTarget != nil
        if cursorShown != show {
            curs_set(show ? 1 : 0)
            cursorShown = show
        }
        wnoutrefresh(window)
        doupdate()
    }
}
