import Foundation
import JMESPath
import Testing

/// The JMESPath target against Python's jmespath, the library the AWS CLI's --query runs on:
/// the specification's examples, the AWS CLI's list-accounts examples and hypothesis-generated
/// expressions, on rootmail's real outputs and random documents, must give the same results
/// and the same errors (a syntax error at the same column).
@Suite(.tags(.subprocess)) struct JMESPathDifferentialTests {
    @Test func everyExpressionOfTheCorpusMatchesPythonsJMESPath() throws {
        let oracle = try JMESPathOracle.run(documents: try RootmailOutputs.collect())
        let documents = try oracle.documents.map { text in try JSONText.parse(text) }
        #expect(Set(oracle.cases.map(\.expression)).count >= 300)
        #expect(oracle.cases.contains { $0.origin == "hypothesis" })

        var mismatches: [String] = []
        var compared = 0
        for testCase in oracle.cases {
            let mine: [JMESPathOracle.Outcome]
            do {
                let expression = try JMESPathExpression(testCase.expression)
                mine = documents.map { document in
                    do throws(JMESPathError) {
                        let result = try expression.search(document)
                        // The oracle cannot print an expression reference, and neither can the AWS CLI.
                        return result.holdsExpressionReference ? .error("invalid-value", nil) : .value(result)
                    } catch {
                        return .error(error.kind, nil)
                    }
                }
            } catch {
                mine = [.error(error.kind, error.position)]
            }
            let theirs = try testCase.outcomes.map { try $0.decoded() }
            compared += theirs.count
            guard mine.count == theirs.count else {
                mismatches.append("\(testCase.expression): rootmail \(mine.first.map(String.init(describing:)) ?? ""), "
                    + "jmespath \(theirs.first.map(String.init(describing:)) ?? "")")
                continue
            }
            let differing = zip(mine, theirs).enumerated().filter { !$0.element.0.matches($0.element.1) }
            if let (index, (left, right)) = differing.first {
                mismatches.append("\(testCase.expression) on \(differing.count) documents, first \(index) "
                    + "(\(oracle.documents[index].prefix(80).replacingOccurrences(of: "\n", with: " "))): "
                    + "rootmail \(left), jmespath \(right)")
            }
        }
        #expect(compared > 10_000)
        #expect(mismatches.isEmpty, Comment(rawValue: "\(mismatches.count) expressions of \(oracle.cases.count) differ from jmespath \(oracle.jmespath):\n"
            + mismatches.prefix(80).joined(separator: "\n")))
    }
}

extension JMESValue {
    var holdsExpressionReference: Bool {
        switch self {
        case .expressionReference: true
        case .array(let items): items.contains { $0.holdsExpressionReference }
        case .object(let object): object.values.contains { $0.holdsExpressionReference }
        default: false
        }
    }
}

extension JMESPathError {
    /// The kinds the oracle names Python's exceptions by.
    var kind: String {
        switch self {
        case .syntax: "syntax"
        case .arity: "arity"
        case .invalidType: "invalid-type"
        case .unknownFunction: "unknown-function"
        case .invalidValue: "invalid-value"
        }
    }
}

/// Runs `Oracle/jmespath_oracle.py`; fails, never skips, when Python's jmespath or hypothesis
/// is missing, since the oracle is the point of the test.
struct JMESPathOracle: Decodable {
    struct Case: Decodable {
        let origin: String
        let expression: String
        let outcomes: [RawOutcome]
    }

    struct RawOutcome: Decodable {
        let value: String?
        let error: String?
        let position: Int?

        func decoded() throws -> Outcome {
            if let value { return .value(try JSONText.parse(value)) }
            return .error(error ?? "?", position)
        }
    }

    enum Outcome: CustomStringConvertible {
        case value(JMESValue)
        case error(String, Int?)

        func matches(_ other: Outcome) -> Bool {
            switch (self, other) {
            case (.value(let a), .value(let b)): Self.identical(a, b)
            case (.error(let a, let p), .error(let b, let q)): a == b && p == q
            default: false
            }
        }

        /// Same kinds (1 is not 1.0), same order of members, same code points.
        static func identical(_ a: JMESValue, _ b: JMESValue) -> Bool {
            switch (a, b) {
            case (.null, .null): true
            case (.bool(let x), .bool(let y)): x == y
            case (.integer(let x), .integer(let y)): x == y
            case (.double(let x), .double(let y)): x == y || (x.isNaN && y.isNaN)
            case (.string(let x), .string(let y)): x.unicodeScalars.elementsEqual(y.unicodeScalars)
            case (.array(let x), .array(let y)): x.count == y.count && zip(x, y).allSatisfy { identical($0, $1) }
            case (.object(let x), .object(let y)):
                x.count == y.count && zip(x.members, y.members).allSatisfy {
                    $0.key.unicodeScalars.elementsEqual($1.key.unicodeScalars) && identical($0.value, $1.value)
                }
            default: false
            }
        }

        var description: String {
            switch self {
            case .value(let value): JSONText.compact(value)
            case .error(let kind, let position): "error \(kind)" + (position.map { " at \($0)" } ?? "")
            }
        }
    }

    let jmespath: String
    let documents: [String]
    let cases: [Case]

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let scriptPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Oracle/jmespath_oracle.py").path

    static func run(documents: [String]) throws -> JMESPathOracle {
        let input = try JSONSerialization.data(withJSONObject: ["documents": documents])
        let result = try Subprocess.run(["python3", scriptPath], input: input)
        guard result.status == 0 else {
            throw Failure(description: "jmespath_oracle.py failed (\(result.status)); "
                + "`pip install jmespath hypothesis` installs what it needs: \(result.stderr)")
        }
        return try JSONDecoder().decode(JMESPathOracle.self, from: result.output)
    }
}

/// rootmail's own answers, from the real binary on the demo organization.
enum RootmailOutputs {
    static func collect() throws -> [String] {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let accounts = try run(["list-accounts"], rootmail)
        guard let list = try JSONSerialization.jsonObject(with: Data(accounts.utf8)) as? [String: Any],
              let first = (list["Accounts"] as? [[String: Any]])?.dropFirst().first?["Id"] as? String else {
            throw JMESPathOracle.Failure(description: "list-accounts printed no accounts: \(accounts)")
        }
        return [
            accounts,
            try run(["describe-account", "--account-id", first], rootmail),
            try run(["get-primary-email", "--account-id", first], rootmail),
        ]
    }

    private static func run(_ arguments: [String], _ rootmail: RootmailProcess) throws -> String {
        let result = try rootmail.run(arguments)
        guard result.status == 0 else {
            throw JMESPathOracle.Failure(description: "rootmail \(arguments.joined(separator: " ")) failed with \(result.status)")
        }
        return result.stdout
    }
}
