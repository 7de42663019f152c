import TerminalUI

extension Surface {
    /// Draws `text` cut to `width` cells (ending in "…" when cut); with `filled`, pads the rest
    /// of the width so a style such as reverse covers it all.
    @discardableResult
    func write(_ text: String, row: Int, column: Int, width: Int, style: CellStyle = .plain,
               filled: Bool = false) -> Int {
        guard width > 0 else { return column }
        let shown = filled ? DisplayWidth.fit(text, to: width) : DisplayWidth.truncate(text, to: width, ellipsis: true)
        return draw(shown, row: row, column: column, style: style)
    }
}

/// Word wrapping by display width. Words longer than a line (ARNs, addresses) are cut after
/// their last `:` or `/` that fits, so that an account number stays whole for copying, and
/// between characters where none does; explicit newlines start new lines; a paragraph's
/// leading spaces indent all of its lines.
enum Wrap {
    private static let breaksAfter: Set<Character> = [":", "/"]

    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { paragraph in
            let indent = min(paragraph.prefix(while: { $0 == " " }).count, width - 1)
            let margin = String(repeating: " ", count: indent)
            return wrap(paragraph.dropFirst(indent), width: width - indent).map { margin + $0 }
        }
    }

    private static func wrap(_ paragraph: Substring, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in paragraph.split(separator: " ") {
            var word = String(word)
            var wordWidth = DisplayWidth.of(word)
            if lineWidth > 0, lineWidth + 1 + wordWidth <= width {
                line += " " + word
                lineWidth += 1 + wordWidth
                continue
            }
            if lineWidth > 0 {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            while wordWidth > width {
                var head = DisplayWidth.truncate(word, to: width)
                guard !head.isEmpty else { break }
                if let lastBreak = head.lastIndex(where: breaksAfter.contains) {
                    head = String(head[...lastBreak])
                }
                lines.append(head)
                word.removeFirst(head.count)
                wordWidth = DisplayWidth.of(word)
            }
            line = word
            lineWidth = wordWidth
        }
        lines.append(line)
        return lines
    }
}
