/// A JSON value as JMESPath sees it, with the distinctions Python's `jmespath` (the AWS CLI's)
/// makes: integers apart from floats, objects in insertion order, and strings compared by
/// code point rather than by Unicode canonical equivalence.
public indirect enum JMESValue: Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case double(Double)
    case string(String)
    case array([JMESValue])
    case object(JMESObject)
    /// `&expression` where a value is expected: only functions such as sort_by can use it, and
    /// it is never printed (the AWS CLI cannot print one either).
    case expressionReference(ExpressionReference)

    /// JMESPath's type names, as `type()` returns them and errors name them.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer, .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        case .expressionReference: "expref"
        }
    }

    /// The false values of JMESPath: empty string, array or object, false and null (not 0).
    var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .string(let text): !text.unicodeScalars.isEmpty
        case .array(let items): !items.isEmpty
        case .object(let object): !object.isEmpty
        case .integer, .double, .expressionReference: true
        }
    }

    /// A number as a Double, for arithmetic and comparisons across integers and floats.
    var numericValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }
}

public struct ExpressionReference: Sendable {
    let node: Node
}

/// An object's members in insertion order; a repeated name keeps its first place and takes
/// the later value, as a Python dict does.
public struct JMESObject: Sendable {
    public private(set) var members: [(key: String, value: JMESValue)] = []

    public init() {}

    public init(_ pairs: [(String, JMESValue)]) {
        for (key, value) in pairs { self[key] = value }
    }

    public var isEmpty: Bool { members.isEmpty }
    public var count: Int { members.count }
    public var keys: [String] { members.map(\.key) }
    public var values: [JMESValue] { members.map(\.value) }

    public subscript(key: String) -> JMESValue? {
        get { members.first { $0.key.unicodeScalars.elementsEqual(key.unicodeScalars) }?.value }
        set {
            let index = members.firstIndex { $0.key.unicodeScalars.elementsEqual(key.unicodeScalars) }
            switch (index, newValue) {
            case (let index?, let value?): members[index].value = value
            case (let index?, nil): members.remove(at: index)
            case (nil, let value?): members.append((key, value))
            case (nil, nil): break
            }
        }
    }
}

extension JMESValue {
    /// Python's `==` on the decoded values: numbers by value whatever their kind, booleans equal
    /// to 1 and 0 inside containers (True == 1 in Python), objects regardless of order.
    static func pythonEquals(_ lhs: JMESValue, _ rhs: JMESValue) -> Bool {
        switch (lhs.pythonNumber, rhs.pythonNumber) {
        case (let left?, let right?): return left == right
        case (nil, nil): break
        default: return false
        }
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.string(let left), .string(let right)): return left.unicodeScalars.elementsEqual(right.unicodeScalars)
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { pythonEquals($0, $1) }
        case (.object(let left), .object(let right)):
            return left.count == right.count && left.members.allSatisfy { member in
                right[member.key].map { pythonEquals(member.value, $0) } ?? false
            }
        default: return false
        }
    }

    /// A number, or a boolean as the integer Python takes it for.
    private var pythonNumber: Double? {
        if case .bool(let value) = self { return value ? 1 : 0 }
        return numericValue
    }

    /// JMESPath's `==`: Python's, except that 0 and 1 never equal false and true at the top.
    static func jmespathEquals(_ lhs: JMESValue, _ rhs: JMESValue) -> Bool {
        if let number = lhs.numericValue, number == 0 || number == 1, case .bool = rhs { return false }
        if let number = rhs.numericValue, number == 0 || number == 1, case .bool = lhs { return false }
        return pythonEquals(lhs, rhs)
    }
}

extension String {
    /// Python's string order: by code point.
    func precedesByCodePoint(_ other: String) -> Bool {
        unicodeScalars.lexicographicallyPrecedes(other.unicodeScalars)
    }
}
