import Foundation
import OrderedJSON
import TerminalUI

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
        case .table: table(title: title)
        }
    }

    // MARK: Text (tab-separated, as `aws --output text`)

    private var scalarText: String? {
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

    // MARK: Table (boxed, as `aws --output table`)

    func table(title: String) -> String {
        var rows: [[String]] = []
        var header: [String] = []
        switch self {
        case .object(let fields) where fields.count == 1:
            if case .array(let items) = fields[0].1 {
                header = Self.columns(of: items)
                rows = items.map { item in header.map { item.field($0)?.scalarText ?? "" } }
            } else {
                header = [fields[0].0]
                rows = [[fields[0].1.scalarText ?? fields[0].1.prettyPrinted()]]
            }
        case .object(let fields):
            header = fields.map(\.0)
            rows = [fields.map { $0.1.scalarText ?? $0.1.prettyPrinted() }]
        default:
            rows = [[scalarText ?? prettyPrinted()]]
        }
        let widths = (0..<(header.isEmpty ? rows.first?.count ?? 0 : header.count)).map { column in
            ((header.isEmpty ? [] : [header[column]]) + rows.map { $0[column] }).map { DisplayWidth.of($0) }.max() ?? 0
        }
        let inner = max(DisplayWidth.of(title) + 2, widths.reduce(0, +) + 3 * max(0, widths.count - 1) + 2)
        var lines = [String(repeating: "-", count: inner + 2), "|" + Self.centered(title, inner) + "|"]
        let rule = "+" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "+"
        func line(_ cells: [String]) -> String {
            "|" + cells.enumerated().map { " " + DisplayWidth.pad($1, to: widths[$0]) + " " }
                .joined(separator: "|") + "|"
        }
        if !header.isEmpty {
            lines += [rule, line(header), rule]
        }
        lines += rows.map(line)
        lines.append(header.isEmpty ? String(repeating: "-", count: inner + 2) : rule)
        return lines.joined(separator: "\n")
    }

    private func field(_ name: String) -> JSONValue? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.0 == name }?.1
    }

    private static func columns(of items: [JSONValue]) -> [String] {
        var names: [String] = []
        for case .object(let fields) in items {
            for (name, value) in fields where value.scalarText != nil && !names.contains(name) { names.append(name) }
        }
        return names
    }

    private static func centered(_ text: String, _ width: Int) -> String {
        let left = max(0, (width - text.count) / 2)
        return String(repeating: " ", count: left) + text + String(repeating: " ", count: max(0, width - text.count - left))
    }
}
