/// `to_number` of a string, read as Python's `int()` and then `float()` read text: spaces
/// around it, a sign, `_` between digits, and for floats `inf`, `infinity` and `nan`.
enum PythonNumberText {
    static func parse(_ text: String) -> JMESValue? {
        let trimmed = text.unicodeScalars.drop { $0.properties.isWhitespace }.reversed().drop { $0.properties.isWhitespace }
        let scalars = Array(trimmed.reversed())
        if let integer = integer(scalars) { return integer }
        return float(scalars)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// Digits with single underscores between them, as Python's number grammar allows.
    private static func digitRun(_ scalars: ArraySlice<Unicode.Scalar>) -> String? {
        guard let first = scalars.first, let last = scalars.last, isDigit(first), isDigit(last) else { return nil }
        var digits = ""
        var previousUnderscore = false
        for scalar in scalars {
            if scalar == "_" {
                if previousUnderscore { return nil }
                previousUnderscore = true
            } else if isDigit(scalar) {
                previousUnderscore = false
                digits.unicodeScalars.append(scalar)
            } else {
                return nil
            }
        }
        return digits
    }

    private static func splitSign(_ scalars: [Unicode.Scalar]) -> (String, ArraySlice<Unicode.Scalar>) {
        if let first = scalars.first, first == "-" || first == "+" {
            return (first == "-" ? "-" : "", scalars.dropFirst())
        }
        return ("", scalars[...])
    }

    private static func integer(_ scalars: [Unicode.Scalar]) -> JMESValue? {
        let (sign, rest) = splitSign(scalars)
        guard let digits = digitRun(rest) else { return nil }
        if let value = Int(sign + digits) { return .integer(value) }
        return Double(sign + digits).map(JMESValue.double)
    }

    private static func float(_ scalars: [Unicode.Scalar]) -> JMESValue? {
        let (sign, rest) = splitSign(scalars)
        let word = String(String.UnicodeScalarView(rest)).lowercased()
        if word == "inf" || word == "infinity" { return .double(sign == "-" ? -.infinity : .infinity) }
        if word == "nan" { return .double(.nan) }
        var body = rest
        var exponent = ""
        if let mark = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            let (exponentSign, exponentRest) = splitSign(Array(body[(mark + 1)...]))
            guard let digits = digitRun(exponentRest) else { return nil }
            exponent = "e" + (exponentSign.isEmpty ? "+" : exponentSign) + digits
            body = body[..<mark]
        }
        var mantissa: String
        if let point = body.firstIndex(of: ".") {
            let whole = body[..<point], fraction = body[(point + 1)...]
            guard !(whole.isEmpty && fraction.isEmpty) else { return nil }
            guard let wholeDigits = whole.isEmpty ? "0" : digitRun(whole),
                  let fractionDigits = fraction.isEmpty ? "0" : digitRun(fraction) else { return nil }
            mantissa = wholeDigits + "." + fractionDigits
        } else {
            guard let digits = digitRun(body) else { return nil }
            mantissa = digits
        }
        return Double(sign + mantissa + exponent).map(JMESValue.double)
    }
}
