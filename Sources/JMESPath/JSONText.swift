/// JSON text read and written as Python's `json` module does, since JMESPath's literals are
/// read with `json.loads` and `to_string` writes with `json.dumps(separators=(',', ':'))`:
/// NaN and Infinity accepted, integers kept apart from floats, non-ASCII written as `\uXXXX`.
public enum JSONText {
    public struct Malformed: Error, Sendable {
        public let position: Int
    }

    public static func parse(_ text: String) throws(Malformed) -> JMESValue {
        var reader = Reader(scalars: Array(text.unicodeScalars))
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.atEnd else { throw Malformed(position: reader.index) }
        return value
    }

    /// The string a JSON string body (what is between the quotes) stands for.
    static func parseStringBody(_ body: String) throws(Malformed) -> String {
        guard case .string(let text) = try parse("\"" + body + "\"") else { throw Malformed(position: 0) }
        return text
    }

    public static func compact(_ value: JMESValue) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    private static func write(_ value: JMESValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .integer(let number): out += String(number)
        case .double(let number): out += pythonRepr(number)
        case .expressionReference: out += "\"<expression reference>\""
        case .string(let text): writeString(text, into: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (index, member) in object.members.enumerated() {
                if index > 0 { out += "," }
                writeString(member.key, into: &out)
                out += ":"
                write(member.value, into: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value >= 0x20 && scalar.value < 0x7F: out.unicodeScalars.append(scalar)
            default:
                for unit in String(scalar).utf16 { out += "\\u" + hex4(unit) }
            }
        }
        out += "\""
    }

    private static func hex4(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    /// Python's `repr(float)`: the shortest digits that read back the same, fixed notation for
    /// exponents from -4 to 15 and `1e+16` style beyond, as `json.dumps` prints floats.
    public static func pythonRepr(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        let sign = number.sign == .minus ? "-" : ""
        let swiftText = "\(number.magnitude)"
        let parts = swiftText.split(separator: "e", maxSplits: 1)
        let mantissa = String(parts[0])
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let integerLength = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        var digits = Array(mantissa.filter { $0 != "." })
        var scientific = integerLength - 1 + exponent
        while digits.first == "0" && digits.count > 1 {
            digits.removeFirst()
            scientific -= 1
        }
        while digits.last == "0" && digits.count > 1 { digits.removeLast() }
        if digits == ["0"] { return sign + "0.0" }
        if scientific >= -4 && scientific < 16 {
            if scientific < 0 {
                return sign + "0." + String(repeating: "0", count: -scientific - 1) + String(digits)
            }
            let whole = digits.count > scientific + 1
                ? String(digits[...scientific]) : String(digits) + String(repeating: "0", count: scientific + 1 - digits.count)
            let fraction = digits.count > scientific + 1 ? String(digits[(scientific + 1)...]) : "0"
            return sign + whole + "." + fraction
        }
        let rest = digits.count > 1 ? "." + String(digits[1...]) : ""
        let exponentDigits = String(abs(scientific))
        return sign + String(digits[0]) + rest + "e" + (scientific < 0 ? "-" : "+")
            + (exponentDigits.count < 2 ? "0" : "") + exponentDigits
    }

    private struct Reader {
        let scalars: [Unicode.Scalar]
        var index = 0

        var atEnd: Bool { index >= scalars.count }
        var current: Unicode.Scalar? { atEnd ? nil : scalars[index] }

        mutating func skipWhitespace() {
            while let scalar = current, [" ", "\t", "\n", "\r"].contains(scalar) { index += 1 }
        }

        func fail() -> Malformed { Malformed(position: index) }

        mutating func take(_ word: String) -> Bool {
            let wanted = Array(word.unicodeScalars)
            guard index + wanted.count <= scalars.count, Array(scalars[index..<index + wanted.count]) == wanted else { return false }
            index += wanted.count
            return true
        }

        mutating func value(depth: Int) throws(Malformed) -> JMESValue {
            guard depth < 500, let scalar = current else { throw fail() }
            switch scalar {
            case "{": return try object(depth: depth)
            case "[": return try array(depth: depth)
            case "\"": return .string(try string())
            case "n": if take("null") { return .null }
            case "t": if take("true") { return .bool(true) }
            case "f": if take("false") { return .bool(false) }
            case "N": if take("NaN") { return .double(.nan) }
            case "I": if take("Infinity") { return .double(.infinity) }
            case "-": if take("-Infinity") { return .double(-.infinity) }
            default: break
            }
            return try number()
        }

        mutating func object(depth: Int) throws(Malformed) -> JMESValue {
            index += 1
            var object = JMESObject()
            skipWhitespace()
            if current == "}" { index += 1; return .object(object) }
            while true {
                skipWhitespace()
                guard current == "\"" else { throw fail() }
                let key = try string()
                skipWhitespace()
                guard current == ":" else { throw fail() }
                index += 1
                skipWhitespace()
                object[key] = try value(depth: depth + 1)
                skipWhitespace()
                if current == "," { index += 1; continue }
                if current == "}" { index += 1; return .object(object) }
                throw fail()
            }
        }

        mutating func array(depth: Int) throws(Malformed) -> JMESValue {
            index += 1
            var items: [JMESValue] = []
            skipWhitespace()
            if current == "]" { index += 1; return .array(items) }
            while true {
                skipWhitespace()
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                if current == "," { index += 1; continue }
                if current == "]" { index += 1; return .array(items) }
                throw fail()
            }
        }

        mutating func string() throws(Malformed) -> String {
            index += 1
            var text = String.UnicodeScalarView()
            while let scalar = current {
                index += 1
                switch scalar {
                case "\"": return String(text)
                case "\\":
                    guard let escaped = current else { throw fail() }
                    index += 1
                    switch escaped {
                    case "\"", "\\", "/": text.append(escaped)
                    case "b": text.append("\u{08}")
                    case "f": text.append("\u{0C}")
                    case "n": text.append("\n")
                    case "r": text.append("\r")
                    case "t": text.append("\t")
                    case "u":
                        var unit = try hexUnit()
                        if (0xD800..<0xDC00).contains(unit), take("\\u") {
                            let low = try hexUnit()
                            guard (0xDC00..<0xE000).contains(low) else { throw fail() }
                            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let decoded = Unicode.Scalar(unit) else { throw fail() }
                        text.append(decoded)
                    default: throw fail()
                    }
                case _ where scalar.value < 0x20: throw fail()
                default: text.append(scalar)
                }
            }
            throw fail()
        }

        mutating func hexUnit() throws(Malformed) -> UInt32 {
            guard index + 4 <= scalars.count, scalars[index..<index + 4].allSatisfy(\.properties.isASCIIHexDigit),
                  let unit = UInt32(String(String.UnicodeScalarView(scalars[index..<index + 4])), radix: 16)
            else { throw fail() }
            index += 4
            return unit
        }

        mutating func number() throws(Malformed) -> JMESValue {
            let start = index
            func digits() -> Int {
                let from = index
                while let scalar = current, ("0"..."9").contains(scalar) { index += 1 }
                return index - from
            }
            if current == "-" { index += 1 }
            if current == "0" { index += 1 } else if digits() == 0 { throw Malformed(position: start) }
            var isFloat = false
            if current == ".", index + 1 < scalars.count, ("0"..."9").contains(scalars[index + 1]) {
                index += 1
                _ = digits()
                isFloat = true
            }
            if current == "e" || current == "E" {
                let mark = index
                index += 1
                if current == "+" || current == "-" { index += 1 }
                if digits() == 0 { index = mark } else { isFloat = true }
            }
            let text = String(String.UnicodeScalarView(scalars[start..<index]))
            if !isFloat, let integer = Int(text) { return .integer(integer) }
            guard let double = Double(text) else { throw Malformed(position: start) }
            return .double(double)
        }
    }
}
