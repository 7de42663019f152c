import RootmailCore

/// What the Accounts screen adds to the shared account list: where its cursor is, and the
/// filter being typed.
struct AccountsScreenState: Sendable {
    var cursor = ListCursor()
    /// The filter being typed after `/`; nil once kept with Enter or cleared with Esc.
    var filterInput: TextInput?

    /// Keeps the selection on an account after the list changed under it; without one, or
    /// once it is gone, the cursor stays in the list.
    mutating func keepSelection(on id: AccountID?, in list: AccountList, height: Int) {
        if let id, let row = list.shownRow(of: id) {
            cursor.select(row, count: list.shownCount, height: height)
        } else {
            cursor.fit(count: list.shownCount, height: height)
        }
    }

    mutating func itemsInserted(at rows: [Int], in list: AccountList, height: Int) {
        cursor.itemsInserted(at: rows, count: list.shownCount, height: height)
    }

    mutating func fit(_ list: AccountList, height: Int) {
        cursor.fit(count: list.shownCount, height: height)
    }
}

extension ConsoleState {
    var selectedAccount: Account? { accounts.shownAccount(at: accountsScreen.cursor.selected) }
}
