import AWSBackend
import Foundation
import JMESPath
import OrderedJSON
import RootmailCore

extension GlobalOptions {
    /// `--output`, else AWS_DEFAULT_OUTPUT, else the profile's `output`, else JSON, as the AWS CLI chooses.
    func outputFormat(environment: [String: String] = ProcessInfo.processInfo.environment) -> OutputFormat {
        // CSV reaches here only in a command that prints it (the others refuse it at the start).
        if let format = output?.format { return format }
        for (source, value) in [("AWS_DEFAULT_OUTPUT", environment["AWS_DEFAULT_OUTPUT"]),
                                ("the profile's output setting", ProfileOutputSetting.value(profile: profile, environment: environment))] {
            guard let value, !value.isEmpty else { continue }
            guard let format = OutputFormat(rawValue: value) else {
                FailureReport.exit(message: "\(source) is \"\(value)\"; it must be one of "
                    + OutputFormat.allCases.map(\.rawValue).joined(separator: ", ") + ".", status: .configuration)
            }
            return format
        }
        return .json
    }

    /// `--query` compiled; a malformed one ends the command before it calls anything, with the
    /// AWS CLI's message (the column of the fault marked) and the usage status.
    func compiledQuery() -> JMESPathExpression? {
        guard let query else { return nil }
        do {
            return try JMESPathExpression(query)
        } catch {
            FailureReport.exit(message: "Bad value for --query \(query): \(error)", status: .usage)
        }
    }

    /// The answer as `--query` selects it: applied to the whole answer, before formatting.
    func applyingQuery(to document: JSONValue) -> JSONValue {
        guard let expression = compiledQuery() else { return document }
        do {
            guard let selected = JSONValue(try expression.search(document.jmesValue)) else {
                FailureReport.exit(message: "--query \(expression.text) selects an expression reference (&...), "
                    + "which cannot be printed; use it as a function's argument, as in sort_by(Accounts, &Name).",
                    status: .usage)
            }
            return selected
        } catch {
            FailureReport.exit(message: error.description, status: .other)
        }
    }
}

extension JSONValue {
    var jmesValue: JMESValue {
        switch self {
        case .string(let text): .string(text)
        case .number(let value):
            value == value.rounded() && abs(value) < 1e15 ? .integer(Int(value)) : .double(value)
        case .bool(let value): .bool(value)
        case .null: .null
        case .array(let items): .array(items.map(\.jmesValue))
        case .object(let fields): .object(JMESObject(fields.map { ($0.0, $0.1.jmesValue) }))
        }
    }

    /// nil for an expression reference, which is no JSON value.
    init?(_ value: JMESValue) {
        switch value {
        case .string(let text): self = .string(text)
        case .integer(let number): self = .number(Double(number))
        case .double(let number): self = .number(number)
        case .bool(let flag): self = .bool(flag)
        case .null: self = .null
        case .array(let items):
            var converted: [JSONValue] = []
            for item in items {
                guard let document = JSONValue(item) else { return nil }
                converted.append(document)
            }
            self = .array(converted)
        case .object(let object):
            var fields: [(String, JSONValue)] = []
            for member in object.members {
                guard let document = JSONValue(member.value) else { return nil }
                fields.append((member.key, document))
            }
            self = .object(fields)
        case .expressionReference: return nil
        }
    }
}
