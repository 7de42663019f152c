import RootmailCore

/// The entries of the Actions menu, as in the AWS Organizations console.
public enum AccountAction: CaseIterable, Hashable, Sendable {
    case updateEmail
    case completeEmail

    public var title: String {
        switch self {
        case .updateEmail: "Update email address"
        case .completeEmail: "Complete email update"
        }
    }

    public var shortcut: Character {
        switch self {
        case .updateEmail: "u"
        case .completeEmail: "c"
        }
    }
}

public struct ActionsMenuState: Hashable, Sendable {
    public let accountID: AccountID
    public var selected: AccountAction = .updateEmail

    public init(accountID: AccountID) {
        self.accountID = accountID
    }
}
