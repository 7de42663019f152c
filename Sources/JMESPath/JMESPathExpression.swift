/// A compiled JMESPath expression (jmespath.org), as the AWS CLI's `--query` applies it.
public struct JMESPathExpression: Sendable {
    public let text: String
    private let root: Node

    /// Compiles `text`, or throws a `.syntax` error that gives the column of the fault.
    public init(_ text: String) throws(JMESPathError) {
        self.text = text
        root = try Parser.parse(text)
    }

    public func search(_ document: JMESValue) throws(JMESPathError) -> JMESValue {
        try Interpreter().evaluate(root, document)
    }
}
