/// The Help screen: how far it is scrolled.
struct HelpScreenState: Sendable {
    var scroll = 0

    /// The Help screen's keys: ↑ ↓ and pages scroll, to the last screenful at most.
    mutating func reduce(_ action: ConsoleAction, bodyHeight: Int) {
        switch action.listMove {
        case .rows(let rows)?: scroll(by: rows, bodyHeight: bodyHeight)
        case .pages(let pages)?: scroll(by: pages * bodyHeight, bodyHeight: bodyHeight)
        case nil: break
        }
    }

    private mutating func scroll(by rows: Int, bodyHeight: Int) {
        let last = max(0, HelpContent.lines.count - bodyHeight)
        scroll = max(0, min(last, scroll + rows))
    }

    /// Re-clamps after the screen changed size.
    mutating func fit(bodyHeight: Int) {
        scroll = max(0, min(scroll, HelpContent.lines.count - bodyHeight))
    }
}
