import Foundation
import RootmailCore

/// What floats over the current screen and takes the keys until it closes.
enum Overlay: Sendable {
    case actions(ActionsMenuState)
    case updateEmail(UpdateEmailDialogState)
    case completeEmail(VerificationCodeForm)
    case confirmDiscard(DiscardConfirmation)
    case confirmResend(ResendConfirmation)
    case migrationRule(MigrationRuleDialog)
    case migrationCode(MigrationCodeForm)
    case confirmQuit(QuitConfirmation)

    /// The account the overlay acts on; nil for those about many accounts.
    var accountID: AccountID? {
        switch self {
        case .actions(let menu): menu.accountID
        case .updateEmail(let dialog): dialog.accountID
        case .completeEmail(let form): form.accountID
        case .confirmDiscard(let confirmation): confirmation.accountID
        case .confirmResend(let confirmation): confirmation.accountID
        case .migrationCode(let form): form.accountID
        case .migrationRule, .confirmQuit: nil
        }
    }

    /// Hands a key to the dialog on screen, the one place the overlay is opened up by kind.
    mutating func reduce(_ action: ConsoleAction, _ context: DialogContext) -> DialogOutcome {
        switch self {
        case .actions(var menu):
            defer { self = .actions(menu) }
            return menu.reduce(action)
        case .updateEmail(var dialog):
            defer { self = .updateEmail(dialog) }
            return dialog.reduce(action, context)
        case .completeEmail(var form):
            defer { self = .completeEmail(form) }
            return form.reduce(action, context)
        case .confirmDiscard(var confirmation):
            defer { self = .confirmDiscard(confirmation) }
            return confirmation.reduce(action, context)
        case .confirmResend(var confirmation):
            defer { self = .confirmResend(confirmation) }
            return confirmation.reduce(action, context)
        case .migrationRule(var dialog):
            defer { self = .migrationRule(dialog) }
            return dialog.reduce(action)
        case .migrationCode(var form):
            defer { self = .migrationCode(form) }
            return form.reduce(action)
        case .confirmQuit(var confirmation):
            defer { self = .confirmQuit(confirmation) }
            return confirmation.reduce(action)
        }
    }
}

/// A dialog's state, each about one account.
protocol AccountDialog {
    var accountID: AccountID { get }
}

/// Each kind of dialog, read and written in place through `ConsoleState.changeOverlay`.
/// Setting one changes the overlay only when it is a dialog of that kind.
extension Overlay {
    var actions: ActionsMenuState? {
        get { if case .actions(let menu) = self { menu } else { nil } }
        set { if let newValue, actions != nil { self = .actions(newValue) } }
    }

    var updateEmail: UpdateEmailDialogState? {
        get { if case .updateEmail(let dialog) = self { dialog } else { nil } }
        set { if let newValue, updateEmail != nil { self = .updateEmail(newValue) } }
    }

    var confirmDiscard: DiscardConfirmation? {
        get { if case .confirmDiscard(let confirmation) = self { confirmation } else { nil } }
        set { if let newValue, confirmDiscard != nil { self = .confirmDiscard(newValue) } }
    }

    var confirmResend: ResendConfirmation? {
        get { if case .confirmResend(let confirmation) = self { confirmation } else { nil } }
        set { if let newValue, confirmResend != nil { self = .confirmResend(newValue) } }
    }

    /// The verification-code form on screen: Update email address at its code step, or
    /// Complete email update.
    var codeForm: VerificationCodeForm? {
        get {
            switch self {
            case .updateEmail(let dialog): dialog.codeForm
            case .completeEmail(let form): form
            default: nil
            }
        }
        set {
            guard let newValue else { return }
            switch self {
            case .updateEmail(var dialog) where dialog.codeForm != nil:
                dialog.step = .code(newValue)
                self = .updateEmail(dialog)
            case .completeEmail:
                self = .completeEmail(newValue)
            default:
                break
            }
        }
    }
}

/// What a dialog's reducer may read of the console around it.
struct DialogContext {
    let openUpdates: OpenUpdateList
    let now: Date
    /// Accounts with a change on its way to the backend: one request at a time per account.
    let changesInFlight: Set<AccountID>

    /// The code form's controls for the update's condition now.
    func codeFormControls(_ form: VerificationCodeForm) -> [VerificationCodeForm.Control] {
        VerificationCodeForm.controls(for: openUpdates[form.accountID]?.condition(at: now))
    }
}

/// What a dialog's reducer leaves to the console after a key.
enum DialogOutcome: Equatable {
    /// The dialog stays open; the effects are its requests (a change among them puts the
    /// account in flight).
    case stay([ConsoleEffect])
    /// The dialog closes, nothing said.
    case close
    /// The key means what this action means for the console (Actions menu entries, Close of a
    /// code form).
    case perform(ConsoleAction)
    /// The rule dialog gave a rule: the console previews it over the marked accounts.
    case previewMigration(AddressRule, ruleText: String)
    /// The migration's code field gave codes (one for its row, or pasted `ACCOUNT CODE` pairs).
    case acceptMigrationCodes([MigrationCode])

    static let stay = DialogOutcome.stay([])
}

/// The next or previous item of a cycle (Tab and Shift-Tab through a dialog's controls).
func cycle<Item: Equatable>(_ current: Item, in items: [Item], by step: Int) -> Item {
    guard let index = items.firstIndex(of: current), !items.isEmpty else { return items.first ?? current }
    return items[((index + step) % items.count + items.count) % items.count]
}
