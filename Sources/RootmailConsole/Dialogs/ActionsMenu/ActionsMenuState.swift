import RootmailCore

/// The entries of the Actions menu, as in the AWS Organizations console.
enum AccountAction: CaseIterable, Hashable, Sendable {
    case updateEmail
    case completeEmail
    /// Offered while accounts are marked: a migration of the marked accounts.
    case updateMarked

    var title: String {
        switch self {
        case .updateEmail: "Update email address"
        case .completeEmail: "Complete email update"
        case .updateMarked: "Update email addresses of the marked accounts…"
        }
    }

    var shortcut: Character {
        switch self {
        case .updateEmail: "u"
        case .completeEmail: "c"
        case .updateMarked: "M"
        }
    }

    /// What choosing the entry does: the same as its shortcut.
    var consoleAction: ConsoleAction {
        switch self {
        case .updateEmail: .updateEmail
        case .completeEmail: .completeEmail
        case .updateMarked: .planMigration
        }
    }
}

struct ActionsMenuState: AccountDialog, Hashable, Sendable {
    let accountID: AccountID
    var selected: AccountAction = .updateEmail
    /// The entries shown: the marked accounts' entry only while some are marked.
    let entries: [AccountAction]

    init(accountID: AccountID, markedCount: Int = 0) {
        self.accountID = accountID
        entries = AccountAction.allCases.filter { $0 != .updateMarked || markedCount > 0 }
    }

    /// ↑ ↓ choose an entry, Enter takes it; the shortcuts are the console's own keys.
    mutating func reduce(_ action: ConsoleAction) -> DialogOutcome {
        switch action {
        case .moveUp: selected = cycle(selected, in: entries, by: -1)
        case .moveDown: selected = cycle(selected, in: entries, by: 1)
        case .activate: return .perform(selected.consoleAction)
        default: break
        }
        return .stay
    }
}

extension ConsoleState {
    /// `a`: the menu for the account where the user is.
    mutating func openActionsMenu() {
        guard let id = targetAccountID else { return }
        overlay = .actions(ActionsMenuState(accountID: id, markedCount: marked.count))
    }
}
