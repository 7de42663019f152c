/// The Help screen: its lines, the keys of where it was opened first, and how far it is scrolled.
struct HelpScreenState: Sendable {
    var scroll = 0
    let lines: [HelpLine]

    init(openedFrom contexts: [KeyContext] = []) {
        lines = HelpContent.lines(openedFrom: contexts)
    }

    /// The Help screen's keys: ↑ ↓ and pages scroll, to the last screenful at most.
    mutating func reduce(_ action: ConsoleAction, bodyHeight: Int) {
        switch action.listMove {
        case .rows(let rows)?: scroll(by: rows, bodyHeight: bodyHeight)
        case .pages(let pages)?: scroll(by: pages * bodyHeight, bodyHeight: bodyHeight)
        case nil: break
        }
    }

    private mutating func scroll(by rows: Int, bodyHeight: Int) {
        let last = max(0, lines.count - bodyHeight)
        scroll = max(0, min(last, scroll + rows))
    }

    /// Re-clamps after the screen changed size.
    mutating func fit(bodyHeight: Int) {
        scroll = max(0, min(scroll, lines.count - bodyHeight))
    }
}
