/// A value of a server response's data (RFC 3501 section 4): an atom or number, a string
/// (quoted or literal, as bytes), a parenthesized list, or NIL.
indirect enum IMAPValue: Equatable, Sendable {
    case atom(String)
    case string([UInt8])
    case list([IMAPValue])
    case none

    var atom: String? { if case let .atom(text) = self { text } else { nil } }
    var number: UInt32? { atom.flatMap { UInt32($0) } }
    var bytes: [UInt8]? { if case let .string(bytes) = self { bytes } else { nil } }
    var text: String? { bytes.map { String(decoding: $0, as: UTF8.self) } ?? atom }
    var list: [IMAPValue]? { if case let .list(values) = self { values } else { nil } }
}

/// One response of the server, as the client needs it.
enum IMAPResponse: Equatable, Sendable {
    enum Status: String, Sendable { case ok = "OK", no = "NO", bad = "BAD", bye = "BYE", preauth = "PREAUTH" }

    /// A status response; `tag` is nil for an untagged one (`* OK …`, `* BYE …`).
    case status(tag: String?, status: Status, text: String)
    /// Untagged data: `* CAPABILITY …`, `* SEARCH 3 4`, `* 4 EXISTS`, `* 4 FETCH (…)`.
    case data(number: UInt32?, name: String, values: [IMAPValue])
    /// `+ …`: the server waits for the rest of a command.
    case continuation(String)

    /// The capabilities named in a status response's `[CAPABILITY …]` code, if it has one.
    var capabilityCode: [String]? {
        guard case let .status(_, _, text) = self, text.uppercased().hasPrefix("[CAPABILITY "),
              let close = text.firstIndex(of: "]") else { return nil }
        return text[text.index(text.startIndex, offsetBy: 12)..<close].split(separator: " ").map { $0.uppercased() }
    }

    init(parsing bytes: [UInt8]) throws(IMAPError) {
        var parser = IMAPParser(bytes)
        let first = parser.word()
        if first == "+" {
            self = .continuation(parser.rest())
            return
        }
        guard !first.isEmpty else { throw .protocolViolation("an empty response line") }
        let tag: String? = first == "*" ? nil : first
        let second = parser.word()
        if let status = Status(rawValue: second.uppercased()) {
            self = .status(tag: tag, status: status, text: parser.rest())
            return
        }
        guard tag == nil else { throw .protocolViolation("a tagged response without OK, NO or BAD") }
        if let number = UInt32(second) {
            let name = parser.word().uppercased()
            self = .data(number: number, name: name, values: name == "FETCH" ? try parser.values() : [])
        } else {
            let name = second.uppercased()
            self = .data(number: nil, name: name, values: ["CAPABILITY", "SEARCH"].contains(name) ? try parser.values() : [])
        }
    }
}

/// Reads the tokens of one response; the framer has made sure every literal is whole.
struct IMAPParser {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        var end = bytes.count
        if end > 0, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > 0, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        self.bytes = Array(bytes[..<end])
    }

    private var atEnd: Bool { index >= bytes.count }

    private mutating func skipSpaces() {
        while !atEnd, bytes[index] == UInt8(ascii: " ") { index += 1 }
    }

    /// The next space-separated word, for the tag and the response's name.
    mutating func word() -> String {
        skipSpaces()
        let start = index
        while !atEnd, bytes[index] != UInt8(ascii: " ") { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func rest() -> String {
        skipSpaces()
        defer { index = bytes.count }
        return String(decoding: bytes[index...], as: UTF8.self)
    }

    mutating func values() throws(IMAPError) -> [IMAPValue] {
        var values: [IMAPValue] = []
        while true {
            skipSpaces()
            if atEnd { return values }
            values.append(try value())
        }
    }

    private mutating func value() throws(IMAPError) -> IMAPValue {
        switch bytes[index] {
        case UInt8(ascii: "("):
            index += 1
            var items: [IMAPValue] = []
            while true {
                skipSpaces()
                guard !atEnd else { throw .protocolViolation("a list without its closing parenthesis") }
                if bytes[index] == UInt8(ascii: ")") { index += 1; return .list(items) }
                items.append(try value())
            }
        case UInt8(ascii: "\""):
            index += 1
            var text: [UInt8] = []
            while !atEnd, bytes[index] != UInt8(ascii: "\"") {
                if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                guard !atEnd else { break }
                text.append(bytes[index])
                index += 1
            }
            guard !atEnd else { throw .protocolViolation("a quoted string without its closing quote") }
            index += 1
            return .string(text)
        case UInt8(ascii: "{"):
            guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")),
                  let length = Int(String(decoding: bytes[(index + 1)..<close], as: UTF8.self).replacingPlus()),
                  close + 3 + length <= bytes.count, bytes[close + 1] == UInt8(ascii: "\r"), bytes[close + 2] == UInt8(ascii: "\n")
            else { throw .protocolViolation("a malformed literal") }
            let start = close + 3
            index = start + length
            return .string(Array(bytes[start..<index]))
        default:
            let start = index
            var depth = 0
            // An atom such as BODY[] or BODY[HEADER.FIELDS (TO)] keeps its brackets' content.
            while !atEnd {
                let byte = bytes[index]
                if byte == UInt8(ascii: "[") { depth += 1 } else if byte == UInt8(ascii: "]") { depth -= 1 }
                if depth <= 0, byte == UInt8(ascii: " ") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "(") { break }
                index += 1
            }
            guard index > start else { throw .protocolViolation("an unexpected \"\(Character(UnicodeScalar(bytes[index])))\"") }
            let word = String(decoding: bytes[start..<index], as: UTF8.self)
            return word.uppercased() == "NIL" ? .none : .atom(word)
        }
    }
}

private extension String {
    /// `{n+}` is LITERAL+'s form of `{n}`.
    func replacingPlus() -> String { hasSuffix("+") ? String(dropLast()) : self }
}
