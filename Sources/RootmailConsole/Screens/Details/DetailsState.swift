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

    /// DescribeAccount's and GetPrimaryEmail's answers for the account shown; a late answer
    /// about an account left behind changes nothing.
    mutating func reduce(_ event: ConsoleEvent) {
        switch event {
        case .accountDescribed(let id, let result) where id == accountID:
            description = Loadable(result)
        case .primaryEmailLoaded(let id, let result) where id == accountID:
            primaryEmail = Loadable(result)
        default:
            break
        }
    }
}

extension ConsoleState {
    /// Enter on an account: its details, asked for afresh.
    mutating func showDetails(of id: AccountID) -> [ConsoleEffect] {
        screens.append(.details(id))
        return openDetails(of: id)
    }

    /// Asks for an account's details afresh (opening the screen, or R on it). The screen has no
    /// keys of its own beyond the account keys and the console's.
    mutating func openDetails(of id: AccountID) -> [ConsoleEffect] {
        details = AccountDetailsState(accountID: id)
        return [.describeAccount(id), .loadPrimaryEmail(id)]
    }
}
