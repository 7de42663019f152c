/// One character as a surface writes it: the scalars sent to the terminal (controls and
/// unknown scalars already replaced), its width in cells and its first column.
package struct Glyph: Equatable {
    package let text: String
    package let width: Int
    package let column: Int
}

/// Where the characters of a text land on a row `columns` cells wide, so both surfaces clip
/// the same way: cells left of 0 and right of the edge are dropped, a wide character that
/// would cross the right edge ends the text, one that crosses the left edge leaves spaces, and
/// a zero-width character with nothing to sit on is dropped.
package enum TextLayout {
    package static func glyphs(of text: String, from column: Int, within columns: Int) -> [Glyph] {
        var glyphs: [Glyph] = []
        var next = column
        for character in text {
            var shown = String.UnicodeScalarView()
            var width = 0
            for scalar in character.unicodeScalars {
                let displayed = DisplayWidth.displayed(scalar)
                shown.append(displayed.scalar)
                width += displayed.width
            }
            guard width > 0 else { continue }
            if next + width > columns {
                break
            }
            if next >= 0 {
                glyphs.append(Glyph(text: String(shown), width: width, column: next))
            } else if next + width > 0 {
                for blank in 0..<(next + width) {
                    glyphs.append(Glyph(text: " ", width: 1, column: blank))
                }
            }
            next += width
        }
        return glyphs
    }
}
