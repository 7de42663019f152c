/// A top-down operator precedence (Pratt) parser, shaped as the specification's reference
/// implementation so that what it accepts, and where it reports an error, are the same.
struct Parser {
    private static let projectionStop = 10

    private let expression: String
    private let tokens: [Token]
    private var index = 0

    static func parse(_ expression: String) throws(JMESPathError) -> Node {
        var lexer = Lexer(expression)
        var parser = Parser(expression: expression, tokens: try lexer.tokenize())
        let node = try parser.expression(0)
        guard parser.current == .eof else {
            let token = parser.lookahead(0)
            throw parser.error("Unexpected token: \(token.text)", token)
        }
        return node
    }

    private init(expression: String, tokens: [Token]) {
        self.expression = expression
        self.tokens = tokens
    }

    private var current: Token.Kind { tokens[index].kind }

    /// A token relative to the current one; a negative place counts from the end, as Python's
    /// list indexing does in the reference parser.
    private func lookahead(_ offset: Int) -> Token {
        let place = index + offset
        return tokens[place < 0 ? tokens.count + place : min(place, tokens.count - 1)]
    }

    private mutating func advance() { index += 1 }

    private func error(_ message: String, _ token: Token) -> JMESPathError {
        if token.kind == .eof {
            return incomplete()
        }
        return .syntax(.init(kind: .parser, message: message, position: token.start, token: token.text,
                             tokenType: token.kind.rawValue, expression: expression))
    }

    private func incomplete() -> JMESPathError {
        .syntax(.init(kind: .incomplete, message: "Incomplete expression", position: expression.unicodeScalars.count,
                      token: "", tokenType: "eof", expression: expression))
    }

    private func syntaxError(_ reason: String, _ token: Token) -> JMESPathError {
        .syntax(.init(kind: .parser, message: reason, position: token.start, token: token.text,
                      tokenType: token.kind.rawValue, expression: expression))
    }

    private mutating func match(_ kind: Token.Kind) throws(JMESPathError) {
        guard current == kind else { throw error("Expecting: \(kind.rawValue), got: \(current.rawValue)", lookahead(0)) }
        advance()
    }

    private mutating func expression(_ bindingPower: Int) throws(JMESPathError) -> Node {
        let token = lookahead(0)
        advance()
        var left = try nud(token)
        while bindingPower < current.bindingPower {
            let kind = current
            advance()
            left = try led(kind, left)
        }
        return left
    }

    // MARK: Tokens that begin an expression

    private mutating func nud(_ token: Token) throws(JMESPathError) -> Node {
        switch token.kind {
        case .literal: return .literal(token.value)
        case .unquotedIdentifier: return .field(token.text)
        case .quotedIdentifier:
            if current == .lparen {
                throw syntaxError("Quoted identifier not allowed for function names.", lookahead(0)).at(0)
            }
            guard case .string(let name) = token.value else { return .identity }
            return .field(name)
        case .star:
            let each: Node = current == .rbracket ? .identity : try projectionRHS(Token.Kind.star.bindingPower)
            return .valueProjection(base: .identity, each: each)
        case .filter: return try filter(.identity)
        case .lbrace: return try multiSelectHash()
        case .lparen:
            let inner = try expression(0)
            try match(.rparen)
            return inner
        case .flatten:
            return .projection(base: .flatten(.identity), each: try projectionRHS(Token.Kind.flatten.bindingPower))
        case .not: return .not(try expression(Token.Kind.not.bindingPower))
        case .lbracket:
            if current == .number || current == .colon {
                return try projectIfSlice(.identity, try indexExpression())
            }
            if current == .star, lookahead(1).kind == .rbracket {
                advance()
                advance()
                return .projection(base: .identity, each: try projectionRHS(Token.Kind.star.bindingPower))
            }
            return try multiSelectList()
        case .current: return .current
        case .expref: return .expressionReference(try expression(Token.Kind.expref.bindingPower))
        case .eof: throw incomplete()
        default: throw syntaxError("invalid token", token)
        }
    }

    // MARK: Tokens that continue an expression

    private mutating func led(_ kind: Token.Kind, _ left: Node) throws(JMESPathError) -> Node {
        switch kind {
        case .dot:
            if current == .star {
                advance()
                return .valueProjection(base: left, each: try projectionRHS(Token.Kind.dot.bindingPower))
            }
            let right = try dotRHS(Token.Kind.dot.bindingPower)
            if case .subexpression(let children) = left { return .subexpression(children + [right]) }
            return .subexpression([left, right])
        case .pipe: return .pipe(left, try expression(kind.bindingPower))
        case .or: return .or(left, try expression(kind.bindingPower))
        case .and: return .and(left, try expression(kind.bindingPower))
        case .lparen:
            guard case .field(let name) = left else {
                let previous = lookahead(-2)
                throw syntaxError("Invalid function name '\(previous.text)'", previous)
            }
            var arguments: [Node] = []
            while current != .rparen {
                let argument = try expression(0)
                if current == .comma { try match(.comma) }
                arguments.append(argument)
            }
            try match(.rparen)
            return .function(name: name, arguments: arguments)
        case .filter: return try filter(left)
        case .eq: return .comparator(.eq, left, try expression(kind.bindingPower))
        case .ne: return .comparator(.ne, left, try expression(kind.bindingPower))
        case .gt: return .comparator(.gt, left, try expression(kind.bindingPower))
        case .gte: return .comparator(.gte, left, try expression(kind.bindingPower))
        case .lt: return .comparator(.lt, left, try expression(kind.bindingPower))
        case .lte: return .comparator(.lte, left, try expression(kind.bindingPower))
        case .flatten:
            return .projection(base: .flatten(left), each: try projectionRHS(kind.bindingPower))
        case .lbracket:
            if current == .number || current == .colon {
                let right = try indexExpression()
                if case .indexExpression(let children) = left { return .indexExpression(children + [right]) }
                return try projectIfSlice(left, right)
            }
            try match(.star)
            try match(.rbracket)
            return .projection(base: left, each: try projectionRHS(Token.Kind.star.bindingPower))
        default:
            throw syntaxError("invalid token", tokens[index - 1])
        }
    }

    // MARK: Pieces

    private mutating func filter(_ left: Node) throws(JMESPathError) -> Node {
        let condition = try expression(0)
        try match(.rbracket)
        let each: Node = current == .flatten ? .identity : try projectionRHS(Token.Kind.filter.bindingPower)
        return .filterProjection(base: left, each: each, condition: condition)
    }

    private mutating func indexExpression() throws(JMESPathError) -> Node {
        if lookahead(0).kind == .colon || lookahead(1).kind == .colon {
            return try sliceExpression()
        }
        let node = Node.index(lookahead(0).number)
        advance()
        try match(.rbracket)
        return node
    }

    private mutating func sliceExpression() throws(JMESPathError) -> Node {
        var parts: [Int?] = [nil, nil, nil]
        var part = 0
        while current != .rbracket && part < 3 {
            if current == .colon {
                part += 1
                if part == 3 { throw syntaxError("syntax error", lookahead(0)) }
                advance()
            } else if current == .number {
                parts[part] = lookahead(0).number
                advance()
            } else {
                throw syntaxError("syntax error", lookahead(0))
            }
        }
        try match(.rbracket)
        return .slice(start: parts[0], stop: parts[1], step: parts[2])
    }

    private mutating func projectIfSlice(_ left: Node, _ right: Node) throws(JMESPathError) -> Node {
        let indexed = Node.indexExpression([left, right])
        guard case .slice = right else { return indexed }
        return .projection(base: indexed, each: try projectionRHS(Token.Kind.star.bindingPower))
    }

    private mutating func multiSelectList() throws(JMESPathError) -> Node {
        var items: [Node] = []
        while true {
            items.append(try expression(0))
            if current == .rbracket { break }
            try match(.comma)
        }
        try match(.rbracket)
        return .multiSelectList(items)
    }

    private mutating func multiSelectHash() throws(JMESPathError) -> Node {
        var pairs: [(key: String, value: Node)] = []
        while true {
            let keyToken = lookahead(0)
            guard current == .quotedIdentifier || current == .unquotedIdentifier else {
                throw error("Expecting: ['quoted_identifier', 'unquoted_identifier'], got: \(current.rawValue)", keyToken)
            }
            advance()
            try match(.colon)
            let value = try expression(0)
            if case .string(let key) = keyToken.value { pairs.append((key, value)) }
            if current == .comma {
                try match(.comma)
            } else if current == .rbrace {
                try match(.rbrace)
                break
            }
        }
        return .multiSelectHash(pairs)
    }

    private mutating func projectionRHS(_ bindingPower: Int) throws(JMESPathError) -> Node {
        if current.bindingPower < Self.projectionStop { return .identity }
        switch current {
        case .lbracket, .filter: return try expression(bindingPower)
        case .dot:
            try match(.dot)
            return try dotRHS(bindingPower)
        default: throw syntaxError("syntax error", lookahead(0))
        }
    }

    private mutating func dotRHS(_ bindingPower: Int) throws(JMESPathError) -> Node {
        switch current {
        case .quotedIdentifier, .unquotedIdentifier, .star: return try expression(bindingPower)
        case .lbracket:
            try match(.lbracket)
            return try multiSelectList()
        case .lbrace:
            try match(.lbrace)
            return try multiSelectHash()
        default:
            throw syntaxError("Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: "
                + current.rawValue, lookahead(0))
        }
    }
}

private extension JMESPathError {
    /// The same error reported at another column (the reference parser reports a quoted
    /// function name at column 0).
    func at(_ position: Int) -> JMESPathError {
        guard case .syntax(let syntax) = self else { return self }
        return .syntax(.init(kind: syntax.kind, message: syntax.message, position: position, token: syntax.token,
                             tokenType: syntax.tokenType, expression: syntax.expression))
    }
}
