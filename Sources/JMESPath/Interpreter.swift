/// Evaluates a parsed expression the way the specification's reference interpreter does,
/// null for anything that does not apply (a field of a list, an index of an object).
struct Interpreter {
    func evaluate(_ node: Node, _ value: JMESValue) throws(JMESPathError) -> JMESValue {
        switch node {
        case .identity, .current: return value
        case .literal(let literal): return literal
        case .field(let name):
            guard case .object(let object) = value else { return .null }
            return object[name] ?? .null
        case .subexpression(let children), .indexExpression(let children):
            var result = value
            for child in children { result = try evaluate(child, result) }
            return result
        case .pipe(let left, let right):
            return try evaluate(right, try evaluate(left, value))
        case .index(let position):
            guard case .array(let items) = value else { return .null }
            let place = position < 0 ? items.count + position : position
            return items.indices.contains(place) ? items[place] : .null
        case .slice(let start, let stop, let step):
            guard case .array(let items) = value else { return .null }
            return .array(try Self.slice(items, start: start, stop: stop, step: step))
        case .projection(let base, let each):
            guard case .array(let items) = try evaluate(base, value) else { return .null }
            return .array(try project(items, each))
        case .valueProjection(let base, let each):
            guard case .object(let object) = try evaluate(base, value) else { return .null }
            return .array(try project(object.values, each))
        case .filterProjection(let base, let each, let condition):
            guard case .array(let items) = try evaluate(base, value) else { return .null }
            var collected: [JMESValue] = []
            for item in items where try evaluate(condition, item).isTruthy {
                let result = try evaluate(each, item)
                if case .null = result { continue }
                collected.append(result)
            }
            return .array(collected)
        case .flatten(let base):
            guard case .array(let items) = try evaluate(base, value) else { return .null }
            return .array(items.flatMap { item -> [JMESValue] in
                if case .array(let inner) = item { return inner }
                return [item]
            })
        case .multiSelectList(let items):
            if case .null = value { return .null }
            var results: [JMESValue] = []
            for item in items { results.append(try evaluate(item, value)) }
            return .array(results)
        case .multiSelectHash(let pairs):
            if case .null = value { return .null }
            var object = JMESObject()
            for pair in pairs { object[pair.key] = try evaluate(pair.value, value) }
            return .object(object)
        case .comparator(let comparator, let left, let right):
            return try Self.compare(comparator, try evaluate(left, value), try evaluate(right, value))
        case .or(let left, let right):
            let matched = try evaluate(left, value)
            return matched.isTruthy ? matched : try evaluate(right, value)
        case .and(let left, let right):
            let matched = try evaluate(left, value)
            return matched.isTruthy ? try evaluate(right, value) : matched
        case .not(let operand):
            let result = try evaluate(operand, value)
            // Python's `not`: every number is true to it except 0, which JMESPath keeps true.
            if result.numericValue != nil { return .bool(false) }
            return .bool(!result.isTruthy)
        case .function(let name, let arguments):
            var resolved: [JMESValue] = []
            for argument in arguments { resolved.append(try evaluate(argument, value)) }
            return try Functions.call(name, resolved, interpreter: self)
        case .expressionReference(let inner):
            return .expressionReference(ExpressionReference(node: inner))
        }
    }

    private func project(_ items: [JMESValue], _ each: Node) throws(JMESPathError) -> [JMESValue] {
        var collected: [JMESValue] = []
        for item in items {
            let result = try evaluate(each, item)
            if case .null = result { continue }
            collected.append(result)
        }
        return collected
    }

    private static func compare(_ comparator: Node.Comparator, _ left: JMESValue, _ right: JMESValue) throws(JMESPathError) -> JMESValue {
        switch comparator {
        case .eq: return .bool(JMESValue.jmespathEquals(left, right))
        case .ne: return .bool(!JMESValue.jmespathEquals(left, right))
        default: break
        }
        let ordered: Bool
        switch (left, right) {
        case (.string(let a), .string(let b)):
            switch comparator {
            case .lt: ordered = a.precedesByCodePoint(b)
            case .lte: ordered = !b.precedesByCodePoint(a)
            case .gt: ordered = b.precedesByCodePoint(a)
            default: ordered = !a.precedesByCodePoint(b)
            }
        default:
            let comparable: (JMESValue) -> Bool = { value in
                if case .string = value { return true }
                return value.numericValue != nil
            }
            guard comparable(left), comparable(right) else { return .null }
            guard let a = left.numericValue, let b = right.numericValue else {
                throw .invalidType("'<' not supported between a \(left.typeName) and a \(right.typeName)")
            }
            switch comparator {
            case .lt: ordered = a < b
            case .lte: ordered = a <= b
            case .gt: ordered = a > b
            default: ordered = a >= b
            }
        }
        return .bool(ordered)
    }

    /// Python's list slicing, which JMESPath's slices are defined as.
    static func slice<T>(_ items: [T], start: Int?, stop: Int?, step: Int?) throws(JMESPathError) -> [T] {
        let step = step ?? 1
        guard step != 0 else { throw .invalidValue("slice step cannot be zero") }
        let count = items.count
        func clamp(_ bound: Int?, _ whenMissing: Int) -> Int {
            guard let bound else { return whenMissing }
            if bound < 0 {
                let place = bound.addingReportingOverflow(count).partialValue
                return bound < -count ? (step < 0 ? -1 : 0) : place
            }
            return bound >= count ? (step < 0 ? count - 1 : count) : bound
        }
        var place = clamp(start, step < 0 ? count - 1 : 0)
        let end = clamp(stop, step < 0 ? -1 : count)
        var result: [T] = []
        while step > 0 ? place < end : place > end {
            result.append(items[place])
            let (next, overflow) = place.addingReportingOverflow(step)
            if overflow { break }
            place = next
        }
        return result
    }
}
