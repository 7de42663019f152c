/// What can go wrong compiling or evaluating an expression, in the kinds Python's `jmespath`
/// raises and with its wording, so that the AWS CLI's messages come out the same.
public enum JMESPathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The expression does not lex or parse. `position` counts Unicode code points from 0.
    case syntax(Syntax)
    /// A function was given too few or too many arguments.
    case arity(function: String, expected: Int, actual: Int, variadic: Bool)
    /// A function was given a value of the wrong type, or values that cannot be ordered.
    case invalidType(String)
    case unknownFunction(String)
    /// A value that is never valid, such as a slice step of 0.
    case invalidValue(String)

    public struct Syntax: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case lexer, parser, incomplete, empty
        }
        public let kind: Kind
        public let message: String
        public let position: Int
        public let token: String
        public let tokenType: String
        public var expression: String = ""
    }

    public var position: Int? {
        if case .syntax(let syntax) = self { syntax.position } else { nil }
    }

    public var description: String {
        switch self {
        case .syntax(let syntax):
            let expression = syntax.expression
            switch syntax.kind {
            case .empty:
                return "Invalid JMESPath expression: cannot be empty."
            case .lexer:
                return "Bad jmespath expression: \(syntax.message):\n\(expression)\n"
                    + String(repeating: " ", count: syntax.position) + "^"
            case .incomplete:
                return "Invalid jmespath expression: Incomplete expression:\n\"\(expression)\"\n"
                    + String(repeating: " ", count: syntax.position + 1) + "^"
            case .parser:
                return "\(syntax.message): Parse error at column \(syntax.position), token \"\(syntax.token)\" "
                    + "(\(syntax.tokenType.uppercased())), for expression:\n\"\(expression)\"\n"
                    + String(repeating: " ", count: syntax.position + 1) + "^"
            }
        case .arity(let function, let expected, let actual, let variadic):
            return "Expected \(variadic ? "at least " : "")\(expected) argument\(expected == 1 ? "" : "s") "
                + "for function \(function)(), received \(actual)"
        case .invalidType(let message), .invalidValue(let message): return message
        case .unknownFunction(let name): return "Unknown function: \(name)()"
        }
    }
}
