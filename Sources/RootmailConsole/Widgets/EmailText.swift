import TerminalUI

/// Addresses cut to a width with the domain kept whole: a migration is about the domain, so
/// the local part gives way, in its middle ("closed-ex…ment@example.com").
enum EmailText {
    /// `email` in at most `width` cells. An address whose domain leaves no room for the local
    /// part's first and last characters is cut at the end, as any text.
    static func shortened(_ email: String, to width: Int) -> String {
        guard DisplayWidth.of(email) > width else { return email }
        guard let at = email.lastIndex(of: "@") else { return DisplayWidth.truncate(email, to: width, ellipsis: true) }
        let local = email[..<at]
        let domain = email[at...]
        let room = width - DisplayWidth.of(domain) - DisplayWidth.of(DisplayWidth.ellipsis)
        guard room >= 2, !local.isEmpty else { return DisplayWidth.truncate(email, to: width, ellipsis: true) }
        let head = DisplayWidth.truncate(String(local), to: (room + 1) / 2)
        let tail = suffix(of: local.dropFirst(head.count), width: room - DisplayWidth.of(head))
        return head + String(DisplayWidth.ellipsis) + tail + domain
    }

    /// The longest end of `text` that fits in `width` cells, never splitting a character.
    private static func suffix(of text: Substring, width: Int) -> Substring {
        var start = text.endIndex
        var used = 0
        while start > text.startIndex {
            let previous = text.index(before: start)
            let characterWidth = DisplayWidth.of(text[previous])
            guard used + characterWidth <= width else { break }
            used += characterWidth
            start = previous
        }
        return text[start...]
    }
}
