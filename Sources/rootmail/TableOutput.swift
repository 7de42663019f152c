#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import OrderedJSON
import TerminalUI

/// `--output table` as the AWS CLI draws it (awscli's `TableFormatter` and `MultiTable`, ported
/// rule for rule so that the same document gives the same table): a section per object or list
/// of objects, its scalar members as sorted columns, and every nested object or list a section
/// of its own below, indented by one `|` per level, so no cell ever holds JSON. Wider than the
/// terminal, sections of one row turn into two columns, name and value, as the AWS CLI's do.
///
/// One difference on purpose: a character's width is the cells the terminal gives it
/// (`DisplayWidth`), where the AWS CLI counts East Asian "ambiguous" characters such as `ü`
/// as two, which misaligns its tables in Western terminals.
struct TableOutput {
    private var sections: [TableSection] = []
    private let terminalWidth: Int

    init(terminalWidth: Int = TableOutput.terminalWidth()) {
        self.terminalWidth = terminalWidth
    }

    /// The width of the terminal on standard output, else 80, as the AWS CLI reads it.
    static func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// The table of `document` titled `title`; nothing for an empty one, as the AWS CLI prints.
    static func render(_ document: JSONValue, title: String, terminalWidth: Int = TableOutput.terminalWidth()) -> String {
        var table = TableOutput(terminalWidth: terminalWidth)
        guard table.build(title: title, document, indent: 0) else { return "" }
        return table.rendered()
    }

    // MARK: Building (awscli/formatter.py, TableFormatter)

    private mutating func build(title: String?, _ current: JSONValue, indent: Int) -> Bool {
        guard current.isTruthy else { return false }
        if let title { newSection(title, indent: indent) }
        switch current {
        case .array(let items):
            if case .object = items[0] {
                buildList(items, indent: indent, title: title)
            } else {
                for item in items {
                    if let text = item.scalarText {
                        addRow([text])
                    } else if case .array(let elements) = item, elements.allSatisfy({ $0.scalarText != nil }) {
                        addRow(elements.compactMap(\.scalarText))
                    } else {
                        _ = build(title: nil, item, indent: 0)
                    }
                }
            }
        case .object(let members):
            buildObject(members, indent: indent)
        default:
            break
        }
        return true
    }

    private mutating func buildObject(_ members: [(String, JSONValue)], indent: Int) {
        let (headers, more) = Self.groupScalarKeys(members)
        if headers.count == 1 {
            // One scalar member: its name and value side by side, without a header row.
            addRow([headers[0], Self.value(headers[0], in: members)?.scalarText ?? ""])
        } else if !headers.isEmpty {
            addHeader(headers)
            addRow(headers.map { Self.value($0, in: members)?.scalarText ?? "" })
        }
        for name in more {
            if let value = Self.value(name, in: members) { _ = build(title: name, value, indent: indent + 1) }
        }
    }

    private mutating func buildList(_ items: [JSONValue], indent: Int, title: String?) {
        var headers: Set<String> = []
        var more: Set<String> = []
        for case .object(let members) in items {
            let grouped = Self.groupScalarKeys(members)
            headers.formUnion(grouped.scalars)
            more.formUnion(grouped.nested)
        }
        let sortedHeaders = headers.sorted(by: Self.codePointOrder)
        let sortedMore = more.sorted(by: Self.codePointOrder)
        addHeader(sortedHeaders)
        for (index, item) in items.enumerated() {
            if index > 0, !sortedMore.isEmpty {
                newSection(title ?? "", indent: indent)
                addHeader(sortedHeaders)
            }
            guard case .object(let members) = item else { continue }
            addRow(sortedHeaders.map { Self.value($0, in: members)?.scalarText ?? "" })
            for name in sortedMore {
                if let value = Self.value(name, in: members) { _ = build(title: name, value, indent: indent + 1) }
            }
        }
    }

    private static func groupScalarKeys(_ members: [(String, JSONValue)]) -> (scalars: [String], nested: [String]) {
        let scalars = members.filter { $0.1.scalarText != nil }.map(\.0).sorted(by: codePointOrder)
        let nested = members.filter { $0.1.scalarText == nil }.map(\.0).sorted(by: codePointOrder)
        return (scalars, nested)
    }

    private static func value(_ name: String, in members: [(String, JSONValue)]) -> JSONValue? {
        members.first { $0.0 == name }?.1
    }

    /// Python's `sorted` of strings.
    private static func codePointOrder(_ left: String, _ right: String) -> Bool {
        left.unicodeScalars.lexicographicallyPrecedes(right.unicodeScalars)
    }

    private mutating func newSection(_ title: String, indent: Int) {
        sections.append(TableSection(title: title, indent: indent))
    }

    private mutating func addHeader(_ headers: [String]) {
        if sections.isEmpty { newSection("", indent: 0) }
        sections[sections.count - 1].addHeader(headers)
    }

    private mutating func addRow(_ row: [String]) {
        if sections.isEmpty { newSection("", indent: 0) }
        sections[sections.count - 1].addRow(row)
    }

    // MARK: Drawing (awscli/table.py, MultiTable)

    private mutating func rendered() -> String {
        var maxWidth = sections.map { $0.totalWidth(padding: 4) }.max() ?? 0
        if maxWidth > terminalWidth {
            sections = sections.map { $0.vertical() }
            maxWidth = sections.map { $0.totalWidth(padding: 4) }.max() ?? 0
        }
        var lines = [String(repeating: "-", count: maxWidth)]
        for section in sections {
            let edge = String(repeating: "|", count: section.indent)
            lines += section.lines(width: maxWidth - section.indent * 2).map { edge + $0 + edge }
        }
        return lines.joined(separator: "\n")
    }
}

/// One titled block of a table: an optional header row and rows of cells.
private struct TableSection {
    let title: String
    let indent: Int
    private(set) var headers: [String] = []
    private(set) var rows: [[String]] = []
    private var columnCount: Int?
    private var maxWidths: [Int] = []

    init(title: String, indent: Int) {
        self.title = title
        self.indent = indent
    }

    mutating func addHeader(_ headers: [String]) {
        updateMaxWidths(headers)
        if columnCount == nil { columnCount = headers.count }
        self.headers = headers
    }

    /// A row with as many cells as the section's first (the AWS CLI fails on a list of lists of
    /// different lengths; this pads or cuts them).
    mutating func addRow(_ row: [String]) {
        let count = columnCount ?? row.count
        columnCount = count
        let cells = Array((row + Array(repeating: "", count: max(0, count - row.count))).prefix(count))
        rows.append(cells)
        updateMaxWidths(cells)
    }

    private mutating func updateMaxWidths(_ cells: [String]) {
        if maxWidths.isEmpty {
            maxWidths = cells.map { DisplayWidth.of($0) }
        } else {
            for (index, cell) in cells.enumerated() where index < maxWidths.count {
                maxWidths[index] = max(maxWidths[index], DisplayWidth.of(cell))
            }
        }
    }

    /// With a border, and the indentation bars on both sides.
    func totalWidth(padding: Int) -> Int {
        let columns = maxWidths.reduce(0) { $0 + $1 + padding } + 2 + indent * 2
        return max(DisplayWidth.of(title) + 2 + indent * 2, columns)
    }

    /// A section of one row under a header as rows of name and value.
    func vertical() -> TableSection {
        guard rows.count == 1, !headers.isEmpty else { return self }
        var section = TableSection(title: title, indent: indent)
        for (header, cell) in zip(headers, rows[0]) { section.addRow([header, cell]) }
        return section
    }

    /// The columns' widths with `padding` each, scaled to fill `width` as the AWS CLI scales them.
    private func columnWidths(padding: Int, filling width: Int) -> [Int] {
        let unscaled = maxWidths.map { $0 + padding }
        guard !unscaled.isEmpty else { return [] }
        let factor = Double(width) / Double(unscaled.reduce(0, +))
        var scaled = unscaled.map { Int((factor * Double($0)).rounded(.toNearestOrEven)) }
        var offBy = scaled.reduce(0, +) - width
        while offBy != 0 {
            let order = offBy < 0 ? Array(scaled.indices.reversed()) : Array(scaled.indices)
            for index in order {
                if offBy > 0 {
                    scaled[index] -= 1
                    offBy -= 1
                } else {
                    scaled[index] += 1
                    offBy += 1
                }
                if offBy == 0 { break }
            }
        }
        return scaled
    }

    func lines(width: Int) -> [String] {
        var lines: [String] = []
        if !title.isEmpty {
            lines.append(Self.centered(title, width: width, left: "|"))
            if headers.isEmpty && rows.isEmpty { lines.append("+" + String(repeating: "-", count: max(0, width - 2)) + "+") }
        }
        let widths = columnWidths(padding: 4, filling: width)
        if !headers.isEmpty {
            lines.append(Self.lineBreak(widths))
            lines.append(zip(widths, headers).enumerated().map { index, cell in
                Self.centered(cell.1, width: cell.0, left: index == 0 ? "|" : "")
            }.joined())
        }
        if !rows.isEmpty, !widths.isEmpty {
            lines.append(Self.lineBreak(widths))
            for row in rows {
                lines.append(zip(widths, row).enumerated().map { index, cell in
                    Self.leftAligned(cell.1, width: cell.0, left: index == 0 ? "|" : "")
                }.joined())
            }
            lines.append(Self.lineBreak(widths))
        }
        return lines
    }

    private static func lineBreak(_ widths: [Int]) -> String {
        widths.enumerated().map { index, width in
            index == 0 ? "+" + String(repeating: "-", count: max(0, width - 2)) + "+"
                : String(repeating: "-", count: max(0, width - 1)) + "+"
        }.joined()
    }

    private static func centered(_ text: String, width: Int, left: String) -> String {
        let length = DisplayWidth.of(text)
        let start = width / 2 - length / 2 - 1
        let right = width - 1 - (left.count + start + length)
        return left + String(repeating: " ", count: max(0, start)) + text + String(repeating: " ", count: max(0, right)) + "|"
    }

    private static func leftAligned(_ text: String, width: Int, left: String) -> String {
        let length = DisplayWidth.of(text)
        let padding = width - (length + 2 + left.count + 1) >= 0 ? 2 : 0
        let right = width - (left.count + padding + length) - 1
        return left + String(repeating: " ", count: padding) + text + String(repeating: " ", count: max(0, right)) + "|"
    }
}

extension JSONValue {
    /// Python's truth: empty strings, lists and objects, zero, false and null are false.
    fileprivate var isTruthy: Bool {
        switch self {
        case .string(let text): !text.isEmpty
        case .number(let number): number != 0
        case .bool(let value): value
        case .null: false
        case .array(let items): !items.isEmpty
        case .object(let members): !members.isEmpty
        }
    }
}
