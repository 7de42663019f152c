import TerminalUI

/// A button of a dialog: `[ Save ]`, or `[>Save<]` when it has the focus (visible without
/// colour, and as wide either way so nothing shifts).
struct DialogButton {
    let title: String
    var isFocused = false
    var isEnabled = true

    var label: String { isFocused ? "[>\(title)<]" : "[ \(title) ]" }
}

/// What a dialog holds, top to bottom.
enum DialogLine {
    /// Wrapped text; `hasCursor` puts the terminal cursor on it (the selected menu entry).
    case text(String, CellStyle = .plain, hasCursor: Bool = false)
    /// `Label   value`, labels of one dialog aligned.
    case labeled(String, String)
    case blank
    case field(TextInput, isFocused: Bool)
    case buttons([DialogButton])
}

/// A box in the middle of the screen, drawn over what is there.
enum DialogBox {
    /// Draws the box and returns where the terminal cursor belongs: in the focused field, or on
    /// the focused button.
    @discardableResult
    static func draw(title: String, lines: [DialogLine], width preferredWidth: Int,
                     on surface: any Surface) -> CellPosition? {
        let size = surface.size
        let width = max(12, min(preferredWidth, size.columns - 2))
        let inner = width - 4
        var rows = layout(lines, width: inner)
        let room = max(1, size.rows - 4)
        // Too tall for the terminal: blank lines go first, then text from the top, then the
        // labeled facts from the bottom (which account, which address: the last to go); fields
        // and buttons stay.
        while rows.count > room, let blank = rows.firstIndex(where: \.isBlank) { rows.remove(at: blank) }
        while rows.count > room, let text = rows.firstIndex(where: \.isText) { rows.remove(at: text) }
        while rows.count > room, let fact = rows.lastIndex(where: \.isLabeled) { rows.remove(at: fact) }

        let height = rows.count + 4
        let top = max(0, (size.rows - height) / 2)
        let left = max(0, (size.columns - width) / 2)
        let titleText = DisplayWidth.truncate(" \(title) ", to: width - 4)
        let rule = String(repeating: "─", count: max(0, width - 3 - DisplayWidth.of(titleText)))
        surface.draw("┌─" + titleText + rule + "┐", row: top, column: left, style: Styles.bold)
        let blankRow = "│" + String(repeating: " ", count: width - 2) + "│"
        for row in (top + 1)..<(top + height - 1) {
            surface.draw(blankRow, row: row, column: left, style: Styles.plain)
        }
        surface.draw("└" + String(repeating: "─", count: width - 2) + "┘", row: top + height - 1, column: left,
                     style: Styles.plain)

        var cursor: CellPosition?
        let x = left + 2
        for (offset, row) in rows.enumerated() {
            let y = top + 2 + offset
            switch row {
            case .text(let text, let style, let hasCursor):
                surface.write(text, row: y, column: x, width: inner, style: style)
                if hasCursor { cursor = CellPosition(row: y, column: x) }
            case .labeled(let label, let labelWidth, let value):
                surface.write(label, row: y, column: x, width: labelWidth, style: Styles.muted)
                surface.write(value, row: y, column: x + labelWidth, width: inner - labelWidth)
            case .field(let input, let isFocused):
                let position = TextFieldView.draw(input, row: y, column: x, width: inner, isFocused: isFocused,
                                                  on: surface)
                if isFocused { cursor = position }
            case .buttons(let buttons):
                let labels = buttons.map(\.label)
                let total = labels.reduce(0) { $0 + DisplayWidth.of($1) } + 2 * max(0, labels.count - 1)
                var column = x + max(0, inner - total)
                for (button, label) in zip(buttons, labels) {
                    let style = !button.isEnabled ? Styles.muted : button.isFocused ? Styles.selected : Styles.bold
                    if button.isFocused { cursor = CellPosition(row: y, column: column + 2) }
                    column = surface.draw(label, row: y, column: column, style: style) + 2
                }
            case .blank:
                break
            }
        }
        return cursor
    }

    private enum Row {
        case text(String, CellStyle, Bool)
        case labeled(String, Int, String)
        case field(TextInput, Bool)
        case buttons([DialogButton])
        case blank

        var isBlank: Bool { if case .blank = self { true } else { false } }
        var isText: Bool { if case .text = self { true } else { false } }
        var isLabeled: Bool { if case .labeled = self { true } else { false } }
    }

    private static func layout(_ lines: [DialogLine], width: Int) -> [Row] {
        let labelWidth = lines.reduce(0) { widest, line in
            if case .labeled(let label, _) = line { return max(widest, DisplayWidth.of(label) + 2) }
            return widest
        }
        return lines.flatMap { line -> [Row] in
            switch line {
            case .text(let text, let style, let hasCursor):
                return Wrap.lines(text, width: width).enumerated().map { .text($1, style, hasCursor && $0 == 0) }
            case .labeled(let label, let value):
                let values = Wrap.lines(value, width: max(1, width - labelWidth))
                return values.enumerated().map { .labeled($0 == 0 ? label : "", labelWidth, $1) }
            case .blank:
                return [.blank]
            case .field(let input, let isFocused):
                return [.field(input, isFocused)]
            case .buttons(let buttons):
                return [.buttons(buttons)]
            }
        }
    }
}
