import TerminalUI

/// A column of a table: how wide it may be, whether it grows, and when it goes as the
/// terminal narrows.
struct TableColumn<Row> {
    var title: String
    var minWidth: Int
    /// Share of the spare width; 0 keeps the column at `minWidth`.
    var weight = 0
    var maxWidth = Int.max
    /// Columns are dropped lowest first while the table does not fit; nil: never dropped.
    var dropOrder: Int?
    var text: (Row) -> String
    /// A cell's own accent (a mark, a warning); nil draws it in the row's style.
    var style: (Row) -> CellStyle? = { _ in nil }
    /// A cell's text made exactly `width` cells wide; by default cut at the end with "…".
    var fit: (String, Int) -> String = { DisplayWidth.fit($0, to: $1) }
}

struct PlacedColumn<Row> {
    let column: TableColumn<Row>
    let x: Int
    let width: Int
}

/// Tables drawn one visible row at a time, so 50,000 rows cost what 20 cost.
enum Table {
    static let gap = 1

    /// Which columns fit in `width` and where they go.
    static func place<Row>(_ columns: [TableColumn<Row>], width: Int) -> [PlacedColumn<Row>] {
        var kept = columns
        func needed(_ columns: [TableColumn<Row>]) -> Int {
            columns.reduce(0) { $0 + $1.minWidth } + gap * max(0, columns.count - 1)
        }
        while needed(kept) > width,
              let drop = kept.indices.filter({ kept[$0].dropOrder != nil })
                .min(by: { kept[$0].dropOrder! < kept[$1].dropOrder! }) {
            kept.remove(at: drop)
        }
        var spare = max(0, width - needed(kept))
        var widths = kept.map(\.minWidth)
        // Hand out the spare width by weight, again while capped columns leave some over.
        while spare > 0 {
            let growing = kept.indices.filter { kept[$0].weight > 0 && widths[$0] < kept[$0].maxWidth }
            let totalWeight = growing.reduce(0) { $0 + kept[$1].weight }
            guard totalWeight > 0 else { break }
            var given = 0
            for index in growing {
                let share = max(1, spare * kept[index].weight / totalWeight)
                let grant = min(share, kept[index].maxWidth - widths[index], spare - given)
                widths[index] += grant
                given += grant
            }
            guard given > 0 else { break }
            spare -= given
        }
        var x = 0
        return kept.indices.map { index in
            defer { x += widths[index] + gap }
            return PlacedColumn(column: kept[index], x: x, width: widths[index])
        }
    }

    static func drawHeadings<Row>(_ columns: [PlacedColumn<Row>], row: Int, left: Int, on surface: any Surface) {
        for placed in columns {
            surface.write(DisplayWidth.fit(placed.column.title, to: placed.width),
                          row: row, column: left + placed.x, width: placed.width, style: Styles.heading)
        }
    }

    static func drawRow<Row>(_ item: Row, columns: [PlacedColumn<Row>], row: Int, left: Int, width: Int,
                             isSelected: Bool, on surface: any Surface) {
        if isSelected { surface.write("", row: row, column: left, width: width, style: Styles.selected, filled: true) }
        for placed in columns {
            var style = placed.column.style(item) ?? (isSelected ? Styles.selected : Styles.plain)
            if isSelected { style.reverse = true }
            let text = placed.column.fit(placed.column.text(item), placed.width)
            surface.draw(text, row: row, column: left + placed.x, style: style)
        }
    }

    /// A list under its headings at `headingRow`: the rows the cursor shows, the selected one
    /// highlighted; where the terminal cursor rests, or nil when the list is empty.
    @discardableResult
    static func drawList<Row>(_ items: [Row], columns: [TableColumn<Row>], cursor: ListCursor, headingRow: Int,
                              height: Int, on surface: any Surface) -> CellPosition? {
        let width = surface.size.columns - 1
        let placed = place(columns, width: width)
        drawHeadings(placed, row: headingRow, left: 1, on: surface)
        for offset in 0..<height {
            let row = cursor.top + offset
            guard items.indices.contains(row) else { break }
            drawRow(items[row], columns: placed, row: headingRow + 1 + offset, left: 1, width: width,
                    isSelected: row == cursor.selected, on: surface)
        }
        guard !items.isEmpty else { return nil }
        return CellPosition(row: headingRow + 1 + cursor.selected - cursor.top, column: 1)
    }
}
