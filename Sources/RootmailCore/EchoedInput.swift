/// Text a user supplied, quoted back in an error message. A message must stay readable and
/// safe on a terminal whatever was typed or pasted: a control character (an ESC that would
/// start a terminal sequence, a carriage return that would overwrite the line) or an invisible
/// format character is shown as an escape, and a value longer than a message can hold (a
/// 20 MB line of a configuration file) is cut to its start.
public enum EchoedInput {
    /// How many characters of a value a message quotes.
    public static let defaultLimit = 80

    public static func excerpt(_ text: some StringProtocol, limit: Int = defaultLimit) -> String {
        var out = ""
        var shown = 0
        for scalar in text.unicodeScalars {
            guard shown < limit else { return out + "…" }
            shown += 1
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.isControlOrFormat:
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A multi-line message (the command-line parser's, which quotes an unknown argument) with
    /// every line made safe and cut to `lineLimit`; the line breaks themselves are kept.
    public static func safeLines(_ message: String, lineLimit: Int = 400) -> String {
        message.split(separator: "\n", omittingEmptySubsequences: false)
            .map { excerpt($0, limit: lineLimit) }
            .joined(separator: "\n")
    }
}
