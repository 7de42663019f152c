import TerminalUI

/// An input field drawn as `[text      ]`, scrolled sideways so the cursor stays in view.
enum TextFieldView {
    /// Draws the field and returns where the terminal cursor belongs when it has the focus.
    @discardableResult
    static func draw(_ input: TextInput, row: Int, column: Int, width: Int, isFocused: Bool,
                     on surface: any Surface) -> CellPosition {
        let inside = max(1, width - 2)
        let characters = input.characters
        // The first character shown: as early as possible while the cursor still fits.
        var first = 0
        var widthToCursor = input.widthBeforeCursor
        while widthToCursor > inside - 1, first < input.cursor {
            widthToCursor -= DisplayWidth.of(characters[first])
            first += 1
        }
        let shown = DisplayWidth.fit(String(characters[first...]), to: inside, ellipsis: false)
        let style = CellStyle(bold: isFocused, underline: true)
        surface.draw("[", row: row, column: column, style: Styles.plain)
        surface.draw(shown, row: row, column: column + 1, style: style)
        surface.draw("]", row: row, column: column + 1 + inside, style: Styles.plain)
        return CellPosition(row: row, column: column + 1 + widthToCursor)
    }
}
