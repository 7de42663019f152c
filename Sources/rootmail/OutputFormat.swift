import Foundation
import OrderedJSON

/// A command's answer is a JSON value as the AWS CLI would hold it (an ordered tree of objects,
/// lists and scalars), printed as JSON, text or a table like `aws --output json|text|table`.
extension JSONValue {
    static func timestamp(_ date: Date) -> JSONValue {
        // The AWS CLI's default `cli_timestamp_format` (iso8601) prints microseconds and an offset.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'"
        return .string(formatter.string(from: date))
    }

    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
}

enum OutputFormat: String, CaseIterable {
    case json, text, table
}

extension JSONValue {
    func rendered(as format: OutputFormat, title: String) -> String {
        switch format {
        case .json: prettyPrinted()
        case .text: textLines().joined(separator: "\n")
        case .table: TableOutput.render(self, title: title)
        }
    }

    // MARK: Text (tab-separated, as `aws --output text`)

    /// A scalar as the AWS CLI writes it, in text and in table cells (Python's `str`); nil for an object or list.
    var scalarText: String? {
        switch self {
        case .string(let text): text
        case .number: prettyPrinted()
        case .bool(let value): value ? "True" : "False"
        case .null: "None"
        case .array, .object: nil
        }
    }

    func textLines(prefix: String? = nil) -> [String] {
        switch self {
        case .array(let items):
            // A list of scalars is one tab-separated row, as the AWS CLI prints `--query 'Accounts[].[Id, Name]'`.
            let scalars = items.compactMap(\.scalarText)
            if !items.isEmpty, scalars.count == items.count {
                return [([prefix].compactMap { $0 } + scalars).joined(separator: "\t")]
            }
            return items.flatMap { $0.textLines(prefix: prefix) }
        case .object(let fields):
            let scalars = fields.filter { $0.1.scalarText != nil }.sorted { $0.0 < $1.0 }
            var lines: [String] = []
            if !scalars.isEmpty {
                let values = scalars.compactMap(\.1.scalarText)
                lines.append(([prefix].compactMap { $0 } + values).joined(separator: "\t"))
            }
            for (key, value) in fields where value.scalarText == nil {
                lines += value.textLines(prefix: key.uppercased())
            }
            return lines
        default:
            return [([prefix].compactMap { $0 } + [scalarText ?? ""]).joined(separator: "\t")]
        }
    }
}
