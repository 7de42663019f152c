import RootmailCore

extension AccountsScreenState {
    /// The Accounts screen's own keys: moving, the filter as it is typed, sorting. The screen
    /// sorts and filters the shared `list`; Enter (details) and the account keys are the
    /// console's, as on every screen that shows an account.
    mutating func reduce(_ action: ConsoleAction, list: inout AccountList, height: Int) {
        if let move = action.listMove {
            cursor.apply(move, count: list.shownCount, height: height)
            return
        }
        switch action {
        case .startFilter:
            filterInput = TextInput(list.query)
        case .keepFilter:
            filterInput = nil
        case .clearFilter:
            filterInput = nil
            applyFilter("", to: &list, height: height)
        case .sort(let column):
            let selectedID = list.shownAccount(at: cursor.selected)?.id
            list.setSort(list.sort.choosing(column))
            keepSelection(on: selectedID, in: list, height: height)
        default:
            guard let edit = action.fieldEdit, var input = filterInput else { return }
            edit(&input)
            filterInput = input
            applyFilter(input.text, to: &list, height: height)
        }
    }

    /// The selected account stays selected while the filter lets it through (clearing the
    /// filter too); once it is filtered out the first match is selected.
    private mutating func applyFilter(_ query: String, to list: inout AccountList, height: Int) {
        guard query != list.query else { return }
        let selectedID = list.shownAccount(at: cursor.selected)?.id
        list.setQuery(query)
        if let selectedID, list.shownRow(of: selectedID) != nil {
            keepSelection(on: selectedID, in: list, height: height)
        } else {
            cursor = ListCursor()
        }
    }
}
