import Foundation
import RootmailCore
import TerminalUI

/// The first screen: the organization's accounts as a table, with counts, sort and filter.
enum AccountsView {
    /// Returns the cursor, and where the title ends (the activity beside it must not cover it).
    static func draw(_ state: ConsoleState, on surface: any Surface) -> (cursor: CellPosition?, titleEnd: Int) {
        let size = surface.size
        let (filterCursor, titleEnd) = drawTitle(state, on: surface)
        let columns = Table.place(self.columns(state), width: size.columns - 1)
        Table.drawHeadings(columns, row: ConsoleLayout.headingRow, left: 1, on: surface)

        let list = state.accounts
        let shown = list.shown
        let height = ConsoleLayout.tableHeight(size)
        let cursor = state.accountsScreen.cursor
        for offset in 0..<height {
            let row = cursor.top + offset
            guard shown.indices.contains(row) else { break }
            Table.drawRow(list.accounts[shown[row]], columns: columns, row: ConsoleLayout.firstTableRow + offset,
                          left: 1, width: size.columns - 1, isSelected: row == cursor.selected, on: surface)
        }
        if shown.isEmpty {
            surface.write(" " + emptyText(state), row: ConsoleLayout.firstTableRow, column: 0, width: size.columns,
                          style: Styles.muted)
        }
        if let filterCursor { return (filterCursor, titleEnd) }
        guard !shown.isEmpty else { return (nil, titleEnd) }
        return (CellPosition(row: ConsoleLayout.firstTableRow + cursor.selected - cursor.top, column: 1), titleEnd)
    }

    /// `Accounts 12 of 41 · cached 3h ago   Sort Name ↑   Filter /zür`; returns the cursor while
    /// the filter is typed, and the column after the title.
    private static func drawTitle(_ state: ConsoleState, on surface: any Surface) -> (cursor: CellPosition?, end: Int) {
        var column = 0
        var filterStart: Int?
        for segment in titleSegments(state) {
            if segment.isFilterInput { filterStart = column }
            column = surface.draw(segment.text, row: ConsoleLayout.titleRow, column: column, style: segment.style)
        }
        guard let filterStart, let input = state.accountsScreen.filterInput else { return (nil, column) }
        return (CellPosition(row: ConsoleLayout.titleRow, column: filterStart + input.widthBeforeCursor), column)
    }

    private struct TitleSegment {
        let text: String
        let style: CellStyle
        var isFilterInput = false
    }

    private static func titleSegments(_ state: ConsoleState) -> [TitleSegment] {
        let list = state.accounts
        var segments = [
            TitleSegment(text: " Accounts ", style: Styles.bold),
            TitleSegment(text: "\(list.shownCount) of \(list.totalCount)", style: Styles.plain),
        ]
        if !state.marked.isEmpty {
            segments.append(TitleSegment(text: " · \(ConsoleMessages.markedCount(state.marked.count))", style: Styles.bold))
        }
        if let origin = state.accountsFromCache {
            let age = TimeText.age(state.now.timeIntervalSince(origin.fetchedAt))
            segments.append(TitleSegment(text: " · cached \(age)", style: Styles.stale))
        }
        segments += [
            TitleSegment(text: "   Sort ", style: Styles.muted),
            TitleSegment(text: list.sort.label, style: Styles.plain),
        ]
        guard state.accountsScreen.filterInput != nil || !list.query.isEmpty else { return segments }
        segments += [
            TitleSegment(text: "   Filter ", style: Styles.muted),
            TitleSegment(text: "/", style: Styles.bold),
        ]
        if let input = state.accountsScreen.filterInput {
            segments.append(TitleSegment(text: input.text, style: CellStyle(bold: true, underline: true),
                                         isFilterInput: true))
        } else {
            segments.append(TitleSegment(text: list.query, style: Styles.bold))
        }
        return segments
    }

    private static func emptyText(_ state: ConsoleState) -> String {
        if !state.accounts.query.isEmpty { return ConsoleMessages.noAccountMatches(state.accounts.query) }
        return state.accountsLoad != nil ? ConsoleMessages.loadingAccounts : ConsoleMessages.noAccounts
    }

    /// Name and ID always; as the terminal narrows, Joined goes first, then State, Email, Pending.
    static func columns(_ state: ConsoleState) -> [TableColumn<Account>] {
        let sort = state.accounts.sort
        func title(_ column: SortColumn) -> String {
            sort.column == column ? sort.label : column.rawValue
        }
        let stateWidth = min(15, state.accounts.statesPresent.map { $0.rawValue.count }.max() ?? 6)
        let openUpdates = state.openUpdates
        let now = state.now
        let zone = state.timeZone
        var columns: [TableColumn<Account>] = [
            TableColumn(title: "", minWidth: 1, text: { openUpdates[$0.id] == nil ? "" : "●" },
                        style: { openUpdates[$0.id] == nil ? nil : Styles.mark }),
            TableColumn(title: title(.name), minWidth: 16, weight: 1, maxWidth: 40, text: \.name),
            TableColumn(title: title(.accountID), minWidth: 12, text: \.id.rawValue),
            TableColumn(title: title(.email), minWidth: 24, weight: 2, maxWidth: 64, dropOrder: 3, text: \.email,
                        fit: { DisplayWidth.pad(EmailText.shortened($0, to: $1), to: $1) }),
            TableColumn(title: title(.state), minWidth: max(stateWidth, DisplayWidth.of(title(.state))),
                        dropOrder: 2, text: \.state.rawValue),
            TableColumn(title: title(.joined), minWidth: 10, dropOrder: 1,
                        text: { TimeText.day($0.joinedAt, in: zone) }),
        ]
        // Only while accounts are marked, so that an unmarked list keeps its layout.
        if !state.marked.isEmpty {
            let marked = state.marked
            columns.insert(TableColumn(title: "", minWidth: 1, text: { marked.contains($0.id) ? "✓" : "" },
                                       style: { marked.contains($0.id) ? Styles.mark : nil }), at: 0)
        }
        // Only while there are open updates: otherwise its width goes to the addresses.
        if !openUpdates.isEmpty {
            columns.append(TableColumn(title: "Pending", minWidth: 7, dropOrder: 4,
                                       text: { account in openUpdates[account.id].map { pendingCell($0, now: now) } ?? "" },
                                       style: { openUpdates[$0.id] == nil ? nil : Styles.mark }))
        }
        return columns
    }

    /// Time left while a code is awaited, otherwise the condition in a word.
    static func pendingCell(_ open: OpenUpdate, now: Date) -> String {
        switch open.condition(at: now) {
        case .awaitingCode: TimeText.duration(open.update.timeLeft(at: now))
        case .inFlight: "sending"
        case .uncertain: "resolve"
        case .expired: "expired"
        case .voided: "voided"
        case .finished: ""
        }
    }
}
