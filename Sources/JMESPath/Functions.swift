/// The specification's built-in functions, with its signatures checked before a call and
/// Python's results (integers from ceil and floor, floats from avg, first of equal maxima).
enum Functions {
    /// One parameter's accepted types: JMESPath type names, `array-number` style for typed
    /// arrays, none for any type.
    private struct Parameter {
        let types: [String]
        var variadic = false
    }

    private static let signatures: [String: [Parameter]] = [
        "abs": [Parameter(types: ["number"])],
        "avg": [Parameter(types: ["array-number"])],
        "ceil": [Parameter(types: ["number"])],
        "contains": [Parameter(types: ["array", "string"]), Parameter(types: [])],
        "ends_with": [Parameter(types: ["string"]), Parameter(types: ["string"])],
        "floor": [Parameter(types: ["number"])],
        "join": [Parameter(types: ["string"]), Parameter(types: ["array-string"])],
        "keys": [Parameter(types: ["object"])],
        "length": [Parameter(types: ["string", "array", "object"])],
        "map": [Parameter(types: ["expref"]), Parameter(types: ["array"])],
        "max": [Parameter(types: ["array-number", "array-string"])],
        "max_by": [Parameter(types: ["array"]), Parameter(types: ["expref"])],
        "merge": [Parameter(types: ["object"], variadic: true)],
        "min": [Parameter(types: ["array-number", "array-string"])],
        "min_by": [Parameter(types: ["array"]), Parameter(types: ["expref"])],
        "not_null": [Parameter(types: [], variadic: true)],
        "reverse": [Parameter(types: ["array", "string"])],
        "sort": [Parameter(types: ["array-string", "array-number"])],
        "sort_by": [Parameter(types: ["array"]), Parameter(types: ["expref"])],
        "starts_with": [Parameter(types: ["string"]), Parameter(types: ["string"])],
        "sum": [Parameter(types: ["array-number"])],
        "to_array": [Parameter(types: [])],
        "to_number": [Parameter(types: [])],
        "to_string": [Parameter(types: [])],
        "type": [Parameter(types: [])],
        "values": [Parameter(types: ["object"])],
    ]

    static func call(_ name: String, _ arguments: [JMESValue], interpreter: Interpreter) throws(JMESPathError) -> JMESValue {
        guard let signature = signatures[name] else { throw .unknownFunction(name) }
        if signature.last?.variadic == true {
            guard arguments.count >= signature.count else {
                throw .arity(function: name, expected: signature.count, actual: arguments.count, variadic: true)
            }
        } else if arguments.count != signature.count {
            throw .arity(function: name, expected: signature.count, actual: arguments.count, variadic: false)
        }
        for (parameter, argument) in zip(signature, arguments) where !parameter.types.isEmpty {
            try check(argument, against: parameter.types, function: name)
        }
        let expression = arguments.lazy.compactMap { argument -> Node? in
            if case .expressionReference(let reference) = argument { return reference.node }
            return nil
        }.first
        return try evaluate(name, arguments, expression, interpreter)
    }

    private static func typeError(_ function: String, _ value: String, _ types: [String]) -> JMESPathError {
        .invalidType("In function \(function)(), invalid type for value: \(value), expected one of: "
            + "\(types), received: \"\(value)\"")
    }

    private static func check(_ argument: JMESValue, against types: [String], function: String) throws(JMESPathError) {
        let actual = argument.typeName
        let kinds = types.map { $0.split(separator: "-").first.map(String.init) ?? $0 }
        guard kinds.contains(actual) else { throw typeError(function, actual, types) }
        let elementTypes = types.compactMap { type -> String? in
            let parts = type.split(separator: "-")
            return parts.count == 2 ? String(parts[1]) : nil
        }
        guard !elementTypes.isEmpty, case .array(let items) = argument, let first = items.first else { return }
        // With several typed-array choices the first element picks one, as the reference does.
        let wanted = elementTypes.count == 1 ? elementTypes[0] : first.typeName
        guard elementTypes.contains(wanted) else { throw typeError(function, first.typeName, types) }
        for item in items where item.typeName != wanted {
            throw typeError(function, item.typeName, types)
        }
    }

    private static func evaluate(_ name: String, _ values: [JMESValue], _ expression: Node?,
                                 _ interpreter: Interpreter) throws(JMESPathError) -> JMESValue {
        let first = values.first ?? .null
        switch name {
        case "abs":
            if case .integer(let number) = first { return .integer(number == .min ? number : abs(number)) }
            return .double(abs(first.numericValue ?? 0))
        case "avg":
            guard case .array(let items) = first, !items.isEmpty else { return .null }
            return .double(sum(items).numericValue! / Double(items.count))
        case "ceil", "floor":
            if case .integer = first { return first }
            let number = first.numericValue ?? 0
            let rounded = name == "ceil" ? number.rounded(.up) : number.rounded(.down)
            return rounded.magnitude < 9.2e18 ? .integer(Int(rounded)) : .double(rounded)
        case "contains":
            switch (first, values[1]) {
            case (.array(let items), let wanted):
                return .bool(items.contains { JMESValue.pythonEquals($0, wanted) })
            case (.string(let text), .string(let wanted)):
                return .bool(containsByCodePoint(text, wanted))
            default:
                throw .invalidType("'in <string>' requires string as left operand, not \(values[1].typeName)")
            }
        case "ends_with", "starts_with":
            guard case .string(let text) = first, case .string(let affix) = values[1] else { return .null }
            let a = Array(text.unicodeScalars), b = Array(affix.unicodeScalars)
            return .bool(name == "starts_with" ? a.starts(with: b) : a.reversed().starts(with: b.reversed()))
        case "join":
            guard case .string(let separator) = first, case .array(let items) = values[1] else { return .null }
            return .string(items.compactMap { if case .string(let text) = $0 { text } else { nil } }
                .joined(separator: separator))
        case "keys", "values":
            guard case .object(let object) = first else { return .null }
            return .array(name == "keys" ? object.keys.map(JMESValue.string) : object.values)
        case "length":
            switch first {
            case .string(let text): return .integer(text.unicodeScalars.count)
            case .array(let items): return .integer(items.count)
            case .object(let object): return .integer(object.count)
            default: return .null
            }
        case "map":
            guard let expression, case .array(let items) = values[1] else { return .null }
            var results: [JMESValue] = []
            for item in items { results.append(try interpreter.evaluate(expression, item)) }
            return .array(results)
        case "max", "min":
            guard case .array(let items) = first, var best = items.first else { return .null }
            for item in items.dropFirst() where try name == "max" ? precedes(best, item) : precedes(item, best) {
                best = item
            }
            return best
        case "max_by", "min_by":
            guard let expression, case .array(let items) = first, !items.isEmpty else { return .null }
            let keys = try sortKeys(items, expression, allowed: ["number", "string"], function: name, interpreter)
            var best = 0
            for index in keys.indices.dropFirst()
            where try name == "max_by" ? precedes(keys[best], keys[index]) : precedes(keys[index], keys[best]) {
                best = index
            }
            return items[best]
        case "merge":
            var merged = JMESObject()
            for case .object(let object) in values {
                for member in object.members { merged[member.key] = member.value }
            }
            return .object(merged)
        case "not_null":
            return values.first { !isNull($0) } ?? .null
        case "reverse":
            switch first {
            case .string(let text): return .string(String(String.UnicodeScalarView(text.unicodeScalars.reversed())))
            case .array(let items): return .array(items.reversed())
            default: return .null
            }
        case "sort":
            guard case .array(let items) = first else { return .null }
            return .array(try stableSorted(items, by: items))
        case "sort_by":
            guard let expression, case .array(let items) = first, let head = items.first else { return first }
            let headType = try interpreter.evaluate(expression, head).typeName
            guard headType == "number" || headType == "string" else {
                throw typeError("sort_by", headType, ["string", "number"])
            }
            let keys = try sortKeys(items, expression, allowed: [headType], function: name, interpreter)
            return .array(try stableSorted(items, by: keys))
        case "sum":
            guard case .array(let items) = first else { return .null }
            return sum(items)
        case "to_array":
            if case .array = first { return first }
            return .array([first])
        case "to_number":
            switch first {
            case .integer, .double: return first
            case .string(let text): return PythonNumberText.parse(text) ?? .null
            case .expressionReference: throw .invalidType("int() argument must be a string or a number, not an expression reference")
            default: return .null
            }
        case "to_string":
            if case .string = first { return first }
            return .string(JSONText.compact(first))
        case "type":
            if case .expressionReference = first { return .null }
            return .string(first.typeName)
        default:
            throw .unknownFunction(name)
        }
    }

    private static func isNull(_ value: JMESValue) -> Bool {
        if case .null = value { return true }
        return false
    }

    private static func containsByCodePoint(_ text: String, _ wanted: String) -> Bool {
        let haystack = Array(text.unicodeScalars), needle = Array(wanted.unicodeScalars)
        if needle.isEmpty { return true }
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<$0 + needle.count]) == needle }
    }

    /// Python's `sum`: integers stay integers until a float joins them.
    private static func sum(_ items: [JMESValue]) -> JMESValue {
        var total = JMESValue.integer(0)
        for item in items {
            switch (total, item) {
            case (.integer(let a), .integer(let b)):
                let (result, overflow) = a.addingReportingOverflow(b)
                total = overflow ? .double(Double(a) + Double(b)) : .integer(result)
            default: total = .double((total.numericValue ?? 0) + (item.numericValue ?? 0))
            }
        }
        return total
    }

    /// Python's `<` on two sort keys: numbers with numbers, strings with strings by code point.
    private static func precedes(_ left: JMESValue, _ right: JMESValue) throws(JMESPathError) -> Bool {
        switch (left, right) {
        case (.string(let a), .string(let b)): return a.precedesByCodePoint(b)
        default:
            guard let a = left.numericValue, let b = right.numericValue else {
                throw .invalidType("'<' not supported between a \(left.typeName) and a \(right.typeName)")
            }
            return a < b
        }
    }

    private static func sortKeys(_ items: [JMESValue], _ expression: Node, allowed: [String], function: String,
                                 _ interpreter: Interpreter) throws(JMESPathError) -> [JMESValue] {
        var keys: [JMESValue] = []
        for item in items {
            let key = try interpreter.evaluate(expression, item)
            guard allowed.contains(key.typeName) else { throw typeError(function, key.typeName, allowed) }
            keys.append(key)
        }
        return keys
    }

    /// Python's `sorted`: stable, so that equal keys keep their order.
    private static func stableSorted(_ items: [JMESValue], by keys: [JMESValue]) throws(JMESPathError) -> [JMESValue] {
        var order = Array(items.indices)
        var failure: JMESPathError?
        order.sort { a, b in
            do throws(JMESPathError) {
                if try precedes(keys[a], keys[b]) { return true }
                if try precedes(keys[b], keys[a]) { return false }
            } catch {
                failure = failure ?? error
            }
            return a < b
        }
        if let failure { throw failure }
        return order.map { items[$0] }
    }
}
