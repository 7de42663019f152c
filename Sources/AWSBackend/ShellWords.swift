/// Splits a command line into words as Python's `shlex.split` does in POSIX mode, which is how
/// the AWS CLI reads `credential_process`: no shell runs, quotes and backslashes group words.
enum ShellWords {
    struct UnterminatedQuote: Error {}

    static func split(_ line: String) throws(UnterminatedQuote) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaping = false

        for character in line {
            if escaping {
                // Inside double quotes a backslash escapes only these; elsewhere it keeps itself.
                if quote == "\"", !"\\\"$`".contains(character) { word.append("\\") }
                word.append(character)
                escaping = false
                continue
            }
            switch (quote, character) {
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case ("'", _):
                word.append(character)
            case ("\"", "\\"), (nil, "\\"):
                escaping = true
                inWord = true
            case ("\"", _):
                word.append(character)
            case (nil, "'"), (nil, "\""):
                quote = character
                inWord = true
            case (nil, _) where character.isWhitespace:
                if inWord { words.append(word) }
                word = ""
                inWord = false
            default:
                word.append(character)
                inWord = true
            }
        }
        guard quote == nil, !escaping else { throw UnterminatedQuote() }
        if inWord { words.append(word) }
        return words
    }
}
