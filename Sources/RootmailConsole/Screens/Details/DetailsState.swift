import RootmailCore

/// What the Account details screen has asked the backend.
struct AccountDetailsState: Sendable {
    let accountID: AccountID
    var description: Loadable<AccountDetails> = .loading
    var primaryEmail: Loadable<EmailAddress> = .loading

    var isLoading: Bool {
        if case .loading = description { return true }
        if case .loading = primaryEmail { return true }
        return false
    }
}

extension ConsoleState {
    /// Asks for an account's details afresh (opening the screen, or R on it). The screen has no
    /// keys of its own beyond the account keys and the console's.
    mutating func openDetails(of id: AccountID) -> [ConsoleEffect] {
        details = AccountDetailsState(accountID: id)
        return [.describeAccount(id), .loadPrimaryEmail(id)]
    }
}
