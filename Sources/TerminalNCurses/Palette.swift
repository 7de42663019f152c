import CNCurses
import TerminalUI

/// The ncurses attributes for each `CellStyle`: the terminal's own foreground and background
/// (`use_default_colors`) with a few coloured accents, or, without colour (`NO_COLOR`, a
/// monochrome terminal, or one that cannot keep its default colours), attributes alone.
///
/// | accent    | colour          | without colour |
/// |-----------|-----------------|----------------|
/// | normal    | —               | —              |
/// | title     | bold            | bold           |
/// | muted     | dim             | dim            |
/// | warning   | yellow          | bold           |
/// | error     | red, bold       | bold           |
/// | success   | green           | —              |
/// | highlight | cyan, bold      | underline      |
struct Palette {
    let usesColor: Bool

    private enum Pair: Int16 {
        case red = 1, green, yellow, cyan
    }

    /// Starts colour on the current screen when `allowed` and the terminal can keep its own
    /// background; call once, after `newterm`.
    static func start(allowed: Bool) -> Palette {
        guard allowed, has_colors(), start_color() == OK, use_default_colors() == OK else {
            return Palette(usesColor: false)
        }
        let defaultBackground: Int16 = -1
        init_pair(Pair.red.rawValue, Int16(COLOR_RED), defaultBackground)
        init_pair(Pair.green.rawValue, Int16(COLOR_GREEN), defaultBackground)
        init_pair(Pair.yellow.rawValue, Int16(COLOR_YELLOW), defaultBackground)
        init_pair(Pair.cyan.rawValue, Int16(COLOR_CYAN), defaultBackground)
        return Palette(usesColor: true)
    }

    func attributes(for style: CellStyle) -> (attributes: attr_t, pair: Int16) {
        var attributes = rootmail_a_normal()
        var pair: Pair?
        switch (style.accent, usesColor) {
        case (.normal, _), (.success, false):
            break
        case (.title, _), (.warning, false), (.error, false):
            attributes |= rootmail_a_bold()
        case (.muted, _):
            attributes |= rootmail_a_dim()
        case (.highlight, false):
            attributes |= rootmail_a_underline()
        case (.warning, true):
            pair = .yellow
        case (.error, true):
            attributes |= rootmail_a_bold()
            pair = .red
        case (.success, true):
            pair = .green
        case (.highlight, true):
            attributes |= rootmail_a_bold()
            pair = .cyan
        }
        if style.bold { attributes |= rootmail_a_bold() }
        if style.reverse { attributes |= rootmail_a_reverse() }
        if style.underline { attributes |= rootmail_a_underline() }
        return (attributes, pair?.rawValue ?? 0)
    }
}
