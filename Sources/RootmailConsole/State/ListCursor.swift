/// The selected row of a list and the first row on screen. The selection always stays on
/// screen: moving past an edge scrolls by as little as needed.
public struct ListCursor: Hashable, Sendable {
    public private(set) var selected = 0
    public private(set) var top = 0

    public init() {}

    /// Selects `row` (clamped to the list) and scrolls just enough to show it.
    public mutating func select(_ row: Int, count: Int, height: Int) {
        selected = max(0, min(row, count - 1))
        fit(count: count, height: height)
    }

    public mutating func move(by rows: Int, count: Int, height: Int) {
        select(selected + rows, count: count, height: height)
    }

    /// Pages keep the selection at the same place on screen, as `less` and k9s do.
    public mutating func page(by pages: Int, count: Int, height: Int) {
        let step = max(1, height) * pages
        top += step
        select(selected + step, count: count, height: height)
    }

    /// Rows were inserted at `rows` (ascending, in the new numbering): keeps the selection on
    /// the same item and the screen on the same items, except at the very top, where the list
    /// grows under a user who has not moved yet.
    public mutating func itemsInserted(at rows: [Int], count: Int, height: Int) {
        for row in rows {
            if row < selected || (row == selected && selected > 0) { selected += 1 }
            if row < top || (row == top && top > 0) { top += 1 }
        }
        fit(count: count, height: height)
    }

    /// Re-clamps after the list or the screen changed size.
    public mutating func fit(count: Int, height: Int) {
        selected = max(0, min(selected, count - 1))
        let height = max(1, height)
        if selected < top { top = selected }
        if selected >= top + height { top = selected - height + 1 }
        top = max(0, min(top, count - height))
    }
}
