import ArgumentParser
import Foundation

/// A header and rows printed as RFC 4180 CSV: fields with a comma, a quote or a line break are
/// quoted with their quotes doubled, and every line ends with CRLF, as spreadsheets expect.
struct CSVTable {
    let header: [String]
    let rows: [[String]]

    init(header: [String], rows: [[String]]) {
        precondition(rows.allSatisfy { $0.count == header.count }, "Every CSV row has a field per column")
        self.header = header
        self.rows = rows
    }

    var rendered: String {
        ([header] + rows).map { $0.map(Self.field).joined(separator: ",") + "\r\n" }.joined()
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// An instant as the report gives it: ISO 8601 in UTC, to the second.
    static func time(_ date: Date?) -> String { date?.formatted(.iso8601) ?? "" }
}

/// A command whose answer is also a table for `--output csv`; every other command refuses it
/// before doing anything.
protocol CSVOutputCommand {}

/// The commands that take `--output csv`, for the message that refuses it elsewhere.
enum CSVOutput {
    static let commands = "rootmail migrate plan and rootmail migrate status ID"

    /// Ends a command given `--output csv` that cannot print CSV, before it reads or changes anything.
    static func refuseUnlessTaken(by command: any ParsableCommand) {
        // Every command holds its common options as `@OptionGroup var global`; reading them here
        // keeps the check in one place rather than in each of the commands.
        let options = Mirror(reflecting: command).children.first { $0.label == "_global" }?.value
        guard let global = (options as? OptionGroup<GlobalOptions>)?.wrappedValue else { return }
        if global.output == .csv, !(command is any CSVOutputCommand) {
            FailureReport.exit(message: "--output csv is taken by \(commands) only; "
                + "use --output json, text or table here.", status: .usage)
        }
        if global.output == .csv, let query = global.query {
            FailureReport.exit(message: "--output csv prints the fixed report and cannot follow --query \(query); "
                + "use --output json or text with --query.", status: .usage)
        }
    }
}
