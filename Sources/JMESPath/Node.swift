/// A parsed expression: the abstract syntax tree of the JMESPath specification.
indirect enum Node: Sendable {
    enum Comparator: Sendable {
        case eq, ne, lt, lte, gt, gte
    }

    case identity
    case current
    case field(String)
    case literal(JMESValue)
    case subexpression([Node])
    case indexExpression([Node])
    case index(Int)
    case slice(start: Int?, stop: Int?, step: Int?)
    /// `base` evaluated, then `each` on every element of the resulting list.
    case projection(base: Node, each: Node)
    /// Like `projection`, over an object's values.
    case valueProjection(base: Node, each: Node)
    case filterProjection(base: Node, each: Node, condition: Node)
    case flatten(Node)
    case multiSelectList([Node])
    case multiSelectHash([(key: String, value: Node)])
    case comparator(Comparator, Node, Node)
    case or(Node, Node)
    case and(Node, Node)
    case not(Node)
    case pipe(Node, Node)
    case function(name: String, arguments: [Node])
    case expressionReference(Node)
}
