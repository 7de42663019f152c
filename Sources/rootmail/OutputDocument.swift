import Foundation
import TerminalUI

/// A command's answer as the AWS CLI would hold it: an ordered tree of objects, lists and
/// scalars, printed as JSON, text or a table like `aws --output json|text|table`.
indirect enum OutputDocument: Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case list([OutputDocument])
    case object([(String, OutputDocument)])

    static func == (lhs: OutputDocument, rhs: OutputDocument) -> Bool {
        lhs.json() == rhs.json()
    }

    static func timestamp(_ date: Date) -> OutputDocument {
        // The AWS CLI's default `cli_timestamp_format` (iso8601) prints microseconds and an offset.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'"
        return .string(formatter.string(from: date))
    }

    static func optional(_ text: String?) -> OutputDocument { text.map(OutputDocument.string) ?? .null }
}

enum OutputFormat: String, CaseIterable {
    case json, text, table
}

extension OutputDocument {
    func rendered(as format: OutputFormat, title: String) -> String {
        switch format {
        case .json: json()
        case .text: textLines().joined(separator: "\n")
        case .table: table(title: title)
        }
    }

    // MARK: JSON (4-space indent, non-ASCII kept, as the AWS CLI prints)

    func json(indent: Int = 0) -> String {
        let pad = String(repeating: " ", count: indent + 4)
        let closing = String(repeating: " ", count: indent)
        switch self {
        case .string(let text): return Self.quoted(text)
        case .number(let value):
            return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .list(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + $0.json(indent: indent + 4) }.joined(separator: ",\n") + "\n\(closing)]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            return "{\n" + fields.map { pad + Self.quoted($0.0) + ": " + $0.1.json(indent: indent + 4) }
                .joined(separator: ",\n") + "\n\(closing)}"
        }
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: Text (tab-separated, as `aws --output text`)

    private var scalarText: String? {
        switch self {
        case .string(let text): text
        case .number: json()
        case .bool(let value): value ? "True" : "False"
        case .null: "None"
        case .list, .object: nil
        }
    }

    func textLines(prefix: String? = nil) -> [String] {
        switch self {
        case .list(let items):
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
            if case .list(let items) = fields[0].1 {
                header = Self.columns(of: items)
                rows = items.map { item in header.map { item.field($0)?.scalarText ?? "" } }
            } else {
                header = [fields[0].0]
                rows = [[fields[0].1.scalarText ?? fields[0].1.json()]]
            }
        case .object(let fields):
            header = fields.map(\.0)
            rows = [fields.map { $0.1.scalarText ?? $0.1.json() }]
        default:
            rows = [[scalarText ?? json()]]
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

    private func field(_ name: String) -> OutputDocument? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.0 == name }?.1
    }

    private static func columns(of items: [OutputDocument]) -> [String] {
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
