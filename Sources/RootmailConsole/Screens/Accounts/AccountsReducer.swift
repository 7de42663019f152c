import Foundation
import RootmailCore

extension ConsoleState {
    /// The keys of the Accounts screen (the filter being typed among them). The screen sorts
    /// and filters the shared list; the account keys (`a`, `u`, `c`) open dialogs.
    mutating func reduceAccounts(_ action: ConsoleAction) -> [ConsoleEffect] {
        let height = ConsoleLayout.tableHeight(size)
        if let move = action.listMove {
            accountsScreen.cursor.apply(move, count: accounts.shownCount, height: height)
            return []
        }
        switch action {
        case .open:
            guard let account = selectedAccount else { return [] }
            screens.append(.details(account.id))
            return openDetails(of: account.id)
        case .startFilter:
            accountsScreen.filterInput = TextInput(accounts.query)
        case .keepFilter:
            accountsScreen.filterInput = nil
        case .clearFilter:
            accountsScreen.filterInput = nil
            applyFilter("")
        case .sort(let column):
            let selectedID = selectedAccount?.id
            accounts.setSort(accounts.sort.choosing(column))
            keepSelection(on: selectedID)
        default:
            guard let edit = action.fieldEdit, var input = accountsScreen.filterInput else { return [] }
            edit(&input)
            accountsScreen.filterInput = input
            applyFilter(input.text)
        }
        return []
    }

    /// The selected account stays selected while the filter lets it through (clearing the
    /// filter too); once it is filtered out the first match is selected.
    private mutating func applyFilter(_ query: String) {
        guard query != accounts.query else { return }
        let selectedID = selectedAccount?.id
        accounts.setQuery(query)
        if let selectedID, accounts.shownRow(of: selectedID) != nil {
            keepSelection(on: selectedID)
        } else {
            accountsScreen.cursor = ListCursor()
        }
    }
}
