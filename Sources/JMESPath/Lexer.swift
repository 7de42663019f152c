/// One token of an expression; `start` counts code points from 0.
struct Token {
    enum Kind: String {
        case eof, unquotedIdentifier = "unquoted_identifier", quotedIdentifier = "quoted_identifier", literal
        case rbracket, rparen, comma, rbrace, number, current, expref, colon
        case pipe, or, and, eq, gt, lt, gte, lte, ne, flatten, star, filter, dot, not, lbrace, lbracket, lparen

        /// The Pratt parser's binding powers, as the specification's reference parser has them.
        var bindingPower: Int {
            switch self {
            case .pipe: 1
            case .or: 2
            case .and: 3
            case .eq, .gt, .lt, .gte, .lte, .ne: 5
            case .flatten: 9
            case .star: 20
            case .filter: 21
            case .dot: 40
            case .not: 45
            case .lbrace: 50
            case .lbracket: 55
            case .lparen: 60
            default: 0
            }
        }
    }

    let kind: Kind
    /// The identifier's name or the literal's value; numbers are in `number`.
    var value: JMESValue = .null
    var number = 0
    let start: Int
    /// The token as an error message shows it.
    var text: String
}

/// Splits an expression into tokens, reading literals and quoted identifiers as JSON.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private let expression: String
    private var position = 0

    init(_ expression: String) {
        self.expression = expression
        scalars = Array(expression.unicodeScalars)
    }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private func error(_ message: String, at position: Int, value: String) -> JMESPathError {
        .syntax(.init(kind: .lexer, message: message, position: position, token: value, tokenType: message, expression: expression))
    }

    mutating func tokenize() throws(JMESPathError) -> [Token] {
        guard !scalars.isEmpty else {
            throw .syntax(.init(kind: .empty, message: "", position: 0, token: "", tokenType: "", expression: expression))
        }
        var tokens: [Token] = []
        let simple: [Unicode.Scalar: Token.Kind] = [
            ".": .dot, "*": .star, "]": .rbracket, ",": .comma, ":": .colon, "@": .current,
            "(": .lparen, ")": .rparen, "{": .lbrace, "}": .rbrace,
        ]
        while let scalar = current {
            let start = position
            if let kind = simple[scalar] {
                tokens.append(Token(kind: kind, start: start, text: String(scalar)))
                position += 1
            } else if Self.isIdentifierStart(scalar) {
                while let next = current, Self.isIdentifierStart(next) || Self.isDigit(next) { position += 1 }
                let name = slice(start, position)
                tokens.append(Token(kind: .unquotedIdentifier, value: .string(name), start: start, text: name))
            } else if [" ", "\t", "\n", "\r"].contains(scalar) {
                position += 1
            } else if scalar == "[" {
                position += 1
                switch current {
                case "]": position += 1; tokens.append(Token(kind: .flatten, start: start, text: "[]"))
                case "?": position += 1; tokens.append(Token(kind: .filter, start: start, text: "[?"))
                default: tokens.append(Token(kind: .lbracket, start: start, text: "["))
                }
            } else if scalar == "'" {
                let body = try consume(until: "'").replacingOccurrences("\\'", with: "'")
                tokens.append(Token(kind: .literal, value: .string(body), start: start, text: body))
            } else if scalar == "|" {
                tokens.append(match("|", .or, else: .pipe))
            } else if scalar == "&" {
                tokens.append(match("&", .and, else: .expref))
            } else if scalar == "`" {
                tokens.append(try literal())
            } else if Self.isDigit(scalar) || scalar == "-" {
                position += 1
                while let next = current, Self.isDigit(next) { position += 1 }
                let text = slice(start, position)
                guard text != "-" else { throw error("Unknown token '-'", at: start, value: text) }
                // Python's int() has no limit; past Int's the index is out of any list anyway.
                let number = Int(text) ?? (text.hasPrefix("-") ? Int.min : Int.max)
                tokens.append(Token(kind: .number, value: .integer(number), number: number, start: start, text: text))
            } else if scalar == "\"" {
                let body = try consume(until: "\"")
                do {
                    let name = try JSONText.parseStringBody(body)
                    tokens.append(Token(kind: .quotedIdentifier, value: .string(name), start: start, text: name))
                } catch {
                    throw self.error("Invalid quoted identifier \"\(body)\"", at: start, value: "\"\(body)\"")
                }
            } else if scalar == "<" {
                tokens.append(match("=", .lte, else: .lt))
            } else if scalar == ">" {
                tokens.append(match("=", .gte, else: .gt))
            } else if scalar == "!" {
                tokens.append(match("=", .ne, else: .not))
            } else if scalar == "=" {
                position += 1
                guard current == "=" else {
                    throw error("Unknown token '='", at: start, value: "=")
                }
                position += 1
                tokens.append(Token(kind: .eq, start: start, text: "=="))
            } else {
                throw error("Unknown token \(scalar)", at: start, value: String(scalar))
            }
        }
        tokens.append(Token(kind: .eof, start: scalars.count, text: ""))
        return tokens
    }

    private func slice(_ from: Int, _ to: Int) -> String {
        String(String.UnicodeScalarView(scalars[from..<to]))
    }

    private mutating func match(_ expected: Unicode.Scalar, _ matched: Token.Kind, else other: Token.Kind) -> Token {
        let start = position
        position += 1
        if current == expected {
            position += 1
            return Token(kind: matched, start: start, text: slice(start, position))
        }
        return Token(kind: other, start: start, text: slice(start, start + 1))
    }

    /// The text up to the closing delimiter, a backslash keeping the character after it (and
    /// itself) so that the delimiter can be escaped.
    private mutating func consume(until delimiter: Unicode.Scalar) throws(JMESPathError) -> String {
        let start = position
        var body = String.UnicodeScalarView()
        position += 1
        while current != delimiter {
            if current == "\\" {
                body.append("\\")
                position += 1
            }
            guard let scalar = current else {
                throw error("Unclosed \(delimiter) delimiter", at: start, value: slice(start, scalars.count))
            }
            body.append(scalar)
            position += 1
        }
        position += 1
        return String(body)
    }

    /// A backquoted JSON literal; text that is not JSON is read as a string, the deprecated
    /// form the specification still accepts.
    private mutating func literal() throws(JMESPathError) -> Token {
        let start = position
        let body = try consume(until: "`").replacingOccurrences("\\`", with: "`")
        if let value = try? JSONText.parse(body) {
            return Token(kind: .literal, value: value, start: start, text: body)
        }
        let trimmed = String(String.UnicodeScalarView(body.unicodeScalars.drop { [" ", "\t", "\n", "\r"].contains($0) }))
        if let text = try? JSONText.parseStringBody(trimmed) {
            return Token(kind: .literal, value: .string(text), start: start, text: body)
        }
        throw error("Bad token \(body)", at: start, value: slice(start, scalars.count))
    }
}

extension String {
    /// Replacement by code point, so that no canonical equivalence joins or splits characters.
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        let source = Array(unicodeScalars), pattern = Array(target.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < source.count {
            if index + pattern.count <= source.count, Array(source[index..<index + pattern.count]) == pattern {
                result.append(contentsOf: replacement.unicodeScalars)
                index += pattern.count
            } else {
                result.append(source[index])
                index += 1
            }
        }
        return String(result)
    }
}
