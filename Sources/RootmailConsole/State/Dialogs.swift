import RootmailCore

/// What floats over the current screen and takes the keys until it closes.
public enum Overlay: Sendable {
    case actions(ActionsMenuState)
    case updateEmail(UpdateEmailDialogState)
    case completeEmail(VerificationCodeForm)
    case confirmDiscard(DiscardConfirmation)
    case confirmResend(ResendConfirmation)

    /// The account the overlay acts on.
    public var accountID: AccountID {
        switch self {
        case .actions(let menu): menu.accountID
        case .updateEmail(let dialog): dialog.accountID
        case .completeEmail(let form): form.accountID
        case .confirmDiscard(let confirmation): confirmation.accountID
        case .confirmResend(let confirmation): confirmation.accountID
        }
    }
}

/// The next or previous item of a cycle (Tab and Shift-Tab through a dialog's controls).
func cycle<Item: Equatable>(_ current: Item, in items: [Item], by step: Int) -> Item {
    guard let index = items.firstIndex(of: current), !items.isEmpty else { return items.first ?? current }
    return items[((index + step) % items.count + items.count) % items.count]
}
