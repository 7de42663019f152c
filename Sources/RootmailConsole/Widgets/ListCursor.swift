/// The selected row of a list and the first row on screen. The selection always stays on
/// screen: moving past an edge scrolls by as little as needed.
struct ListCursor: Hashable, Sendable {
    private(set) var selected = 0
    private(set) var top = 0

    init() {}

    /// Selects `row` (clamped to the list) and scrolls just enough to show it.
    mutating func select(_ row: Int, count: Int, height: Int) {
        selected = max(0, min(row, count - 1))
        fit(count: count, height: height)
    }

    mutating func move(by rows: Int, count: Int, height: Int) {
        select(selected + rows, count: count, height: height)
    }

    /// Pages keep the selection at the same place on screen, as `less` and k9s do.
    mutating func page(by pages: Int, count: Int, height: Int) {
        let step = max(1, height) * pages
        top += step
        select(selected + step, count: count, height: height)
    }

    /// Rows were inserted at `rows` (ascending, in the new numbering): keeps the selection on
    /// the same item and the screen on the same items, except at the very top, where the list
    /// grows under a user who has not moved yet.
    mutating func itemsInserted(at rows: [Int], count: Int, height: Int) {
        for row in rows {
            if row < selected || (row == selected && selected > 0) { selected += 1 }
            if row < top || (row == top && top > 0) { top += 1 }
        }
        fit(count: count, height: height)
    }

    mutating func apply(_ move: ListMove, count: Int, height: Int) {
        switch move {
        case .rows(let rows): self.move(by: rows, count: count, height: height)
        case .pages(let pages): page(by: pages, count: count, height: height)
        }
    }

    /// Re-clamps after the list or the screen changed size.
    mutating func fit(count: Int, height: Int) {
        selected = max(0, min(selected, count - 1))
        let height = max(1, height)
        if selected < top { top = selected }
        if selected >= top + height { top = selected - height + 1 }
        top = max(0, min(top, count - height))
    }
}

/// A move through a list: by rows (top and bottom are very many rows), or by pages.
enum ListMove: Hashable, Sendable {
    case rows(Int)
    case pages(Int)
}
