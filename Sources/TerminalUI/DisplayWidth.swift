import CWideChar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many terminal cells text takes, and how to cut or pad it to a number of cells.
///
/// Widths come from the C library's `wcwidth` in a UTF-8 locale of their own, so they match
/// what ncurses computes in any UTF-8 locale of this machine, whatever the process locale is
/// (tests and snapshots do not depend on `LANG`). A character's width is the sum of its
/// scalars' widths, as ncurses lays it out: combining marks and joiners take 0 cells, East
/// Asian wide characters and emoji 2. Control characters and scalars that `wcwidth` does not
/// know are shown as U+FFFD (one cell) by both surfaces, so nothing invisible reaches the
/// terminal.
public enum DisplayWidth {
    public enum Alignment: Sendable {
        case leading
        case trailing
    }

    public static let ellipsis: Character = "…"
    static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Cells taken by `text` once drawn.
    public static func of(_ text: some StringProtocol) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            width += of(scalar)
        }
        return width
    }

    public static func of(_ character: Character) -> Int {
        var width = 0
        for scalar in character.unicodeScalars {
            width += of(scalar)
        }
        return width
    }

    public static func of(_ scalar: Unicode.Scalar) -> Int {
        displayed(scalar).width
    }

    /// The longest prefix of `text` that fits in `width` cells, never splitting a character.
    /// With `ellipsis`, text that does not fit ends in "…" inside those cells.
    public static func truncate(_ text: String, to width: Int, ellipsis: Bool = false) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width {
            return text
        }
        let room = ellipsis ? width - 1 : width
        var kept = ""
        var used = 0
        for character in text {
            let characterWidth = of(character)
            if used + characterWidth > room {
                break
            }
            kept.append(character)
            used += characterWidth
        }
        if ellipsis {
            kept.append(Self.ellipsis)
        }
        return kept
    }

    /// `text` followed (or, trailing-aligned, preceded) by spaces up to `width` cells; text
    /// already as wide or wider is returned unchanged.
    public static func pad(_ text: String, to width: Int, alignment: Alignment = .leading) -> String {
        let missing = width - of(text)
        guard missing > 0 else { return text }
        let spaces = String(repeating: " ", count: missing)
        switch alignment {
        case .leading: return text + spaces
        case .trailing: return spaces + text
        }
    }

    /// Exactly `width` cells: truncated (with "…" unless told otherwise), then padded. A wide
    /// character that would straddle the edge leaves a space instead.
    public static func fit(
        _ text: String, to width: Int, alignment: Alignment = .leading, ellipsis: Bool = true
    ) -> String {
        pad(truncate(text, to: width, ellipsis: ellipsis), to: width, alignment: alignment)
    }

    /// The scalar a surface sends to the terminal in place of `scalar`, and its width.
    static func displayed(_ scalar: Unicode.Scalar) -> (scalar: Unicode.Scalar, width: Int) {
        if scalar.value >= 0x20 && scalar.value < 0x7F {
            return (scalar, 1)
        }
        if scalar.properties.generalCategory == .control {
            return (replacement, 1)
        }
        guard let locale = utf8Locale.handle else {
            return (scalar, tableWidth(of: scalar))
        }
        let previous = uselocale(locale)
        defer { uselocale(previous) }
        let width = Int(wcwidth(wchar_t(bitPattern: scalar.value)))
        return width < 0 ? (replacement, 1) : (scalar, width)
    }

    /// Used only where no UTF-8 locale exists: the same rules as the C library's table, for
    /// the characters account names hold.
    private static func tableWidth(of scalar: Unicode.Scalar) -> Int {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark:
            return 0
        case .format where scalar.value != 0x00AD:
            return 0
        default:
            break
        }
        if (0x1160...0x11FF).contains(scalar.value) {
            return 0
        }
        if properties.isEmojiPresentation || eastAsianWide.contains(where: { $0.contains(scalar.value) }) {
            return 2
        }
        return 1
    }

    private static let eastAsianWide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
        0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x18AFF,
        0x1B000...0x1B2FF, 0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    private static let utf8Locale = UTF8Locale()
}

/// A UTF-8 `LC_CTYPE` locale made once and never freed or changed, used per call through
/// `uselocale`, which only touches the calling thread.
package final class UTF8Locale: @unchecked Sendable {
    /// UTF-8 locales to fall back on, most commonly installed first ("UTF-8" is macOS's).
    package static let names = ["C.UTF-8", "C.utf8", "en_US.UTF-8", "UTF-8"]

    let handle: locale_t?

    init() {
        var found: locale_t?
        for name in Self.names {
            if let locale = newlocale(LC_CTYPE_MASK, name, nil) {
                found = locale
                break
            }
        }
        handle = found
    }
}
