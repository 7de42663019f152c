import RootmailCore

/// One thing `y` or `Y` copies: an account's ID or its root address, with the name the
/// status line uses for the account.
struct ClipboardCopy: Hashable, Sendable {
    enum Item: Hashable, Sendable {
        case accountID
        case rootAddress
    }

    let item: Item
    let text: String
    let accountName: String
}
