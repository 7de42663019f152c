import Foundation
import RootmailCore
import TerminalUI

/// The screens, stacked: Accounts at the bottom, Details, Pending updates or Help above it.
enum Screen: Hashable, Sendable {
    case accounts
    case details(AccountID)
    case pendingUpdates
    case help
    case migrationPreview
    case migration
    case migrations
}

/// Everything the console shows, and nothing else: views draw it, `reduce` changes it.
///
/// The root holds what every screen shares (the session, the account list and the open
/// updates, the changes in flight, the status line) and one state per screen and dialog; each
/// screen's and dialog's state, reducer and view live together in one folder under `Screens/`
/// and `Dialogs/`. `ConsoleReducer.swift` routes every key to the dialog or screen in front.
///
/// - A screen's state type reduces the screen's own keys (moving, the filter, sorting,
///   scrolling) over the shared list it shows, which it is handed.
/// - A dialog's state type reduces its keys with a read-only `DialogContext` and answers with
///   a `DialogOutcome`: stay, with the effects it asks for; close; or a console action.
/// - The console's own keys are the root's: going back and forth between screens, and the
///   account keys, which open a dialog (each dialog's folder says how it opens) or send a
///   change. The backend's answers change the shared lists here, then the dialog that asked
///   (`changeOverlay`).
struct ConsoleState {
    var size: TerminalSize
    var now: Date
    let timeZone: TimeZone
    let backend: BackendDescription

    var session: Loadable<EmailUpdateService.Session> = .loading

    // The account list, shared by every screen (see AccountListing.swift).
    var accounts = AccountList()
    var accountsLoad: AccountsLoad?
    /// Set while the accounts shown are the cached list (being refreshed, or kept after a
    /// refresh failed); nil once they come from a listing of this session.
    var accountsFromCache: CachedAccountsOrigin?
    var accountsGeneration = 0

    // The open updates, shared by every screen (see OpenUpdatesSync.swift).
    var openUpdates = OpenUpdateList()
    var isLoadingOpenUpdates = false
    var hasAnnouncedOpenUpdates = false
    /// When the open updates shown were read.
    var openUpdatesAsOf: Date?
    /// The store's change count when last looked at; another process's change moves it.
    var storeChangeCount: Int?
    var isCheckingStore = false

    var screens: [Screen] = [.accounts]
    var accountsScreen = AccountsScreenState()
    var pendingScreen = PendingScreenState()
    var details: AccountDetailsState?
    var help = HelpScreenState()
    var overlay: Overlay?

    // Migrations (see Screens/Migration*/ and Dialogs/Migration*/).
    /// The accounts marked with Space or `*`, for a migration; never the management account.
    var marked: Set<AccountID> = []
    var migrationPreview: MigrationPreviewScreenState?
    /// The migration this console runs (or last reopened), shown by the migration screen and
    /// in the status line while its Starts run.
    var migration: MigrationProgress?
    var migrationScreen = MigrationScreenState()
    var migrationsScreen = MigrationsScreenState()

    /// Accounts with a change (start, accept, resend, discard, resolve) on its way to the backend.
    var changesInFlight: Set<AccountID> = []

    var status: StatusMessage?
    /// The sort, filter and screen last kept for the next start (see ClipboardAndMemory.swift).
    var remembered: ConsoleMemory?
    var spinnerFrame = 0
    /// Set once the user quit or the terminal went away; the loop then ends.
    var isFinished = false

    init(backend: BackendDescription, size: TerminalSize, now: Date, timeZone: TimeZone = .current) {
        self.backend = backend
        self.size = size
        self.now = now
        self.timeZone = timeZone
    }

    /// The effects that fill a new console: who is calling, the accounts (the cached list at
    /// once, if there is one, while they are listed afresh), the open updates.
    mutating func begin() -> [ConsoleEffect] {
        accountsLoad = AccountsLoad(generation: accountsGeneration)
        isLoadingOpenUpdates = true
        remembered = remembered ?? memory
        return [.loadSession, .loadAccounts(generation: accountsGeneration, cachedFirst: true), .loadOpenUpdates]
    }

    var screen: Screen { screens.last ?? .accounts }

    /// Some backend call is on its way: the spinner turns.
    var isBusy: Bool {
        if accountsLoad != nil || isLoadingOpenUpdates { return true }
        if case .loading = session { return true }
        if let details, details.isLoading { return true }
        if migrationsScreen.isLoading { return true }
        return !changesInFlight.isEmpty || migration?.isStarting == true
    }

    /// What a dialog's reducer may read of the console.
    var dialogContext: DialogContext {
        DialogContext(openUpdates: openUpdates, now: now, changesInFlight: changesInFlight)
    }

    /// The code form's controls for the update's condition now.
    func codeFormControls(_ form: VerificationCodeForm) -> [VerificationCodeForm.Control] {
        dialogContext.codeFormControls(form)
    }

    /// The key contexts in force, most specific first.
    var keyContexts: [KeyContext] {
        if let form = overlay?.codeForm {
            return form.focused(among: codeFormControls(form)) == .field
                ? [.textField, .dialog, .everywhere] : [.dialog, .everywhere]
        }
        switch overlay {
        case .actions?:
            return [.menu, .everywhere]
        case .updateEmail(let dialog)?:
            guard case .email(let form) = dialog.step else { return [.dialog, .everywhere] }
            return form.focus == .field ? [.textField, .dialog, .everywhere] : [.dialog, .everywhere]
        case .completeEmail?, .confirmDiscard?, .confirmResend?, .confirmQuit?:
            return [.dialog, .everywhere]
        case .migrationRule(let dialog)?:
            return dialog.focus == .field ? [.textField, .dialog, .everywhere] : [.dialog, .everywhere]
        case .migrationCode(let form)?:
            return form.focus == .field ? [.textField, .dialog, .everywhere] : [.dialog, .everywhere]
        case nil:
            break
        }
        switch screen {
        case .accounts:
            return accountsScreen.filterInput == nil
                ? [.accounts, .lists, .screens, .everywhere] : [.filter, .textField, .everywhere]
        case .details:
            return [.details, .screens, .everywhere]
        case .pendingUpdates:
            return [.pending, .lists, .screens, .everywhere]
        case .help:
            return [.help, .lists, .everywhere]
        case .migrationPreview:
            return [.migrationPreview, .lists, .everywhere]
        case .migration:
            return [.migration, .lists, .screens, .everywhere]
        case .migrations:
            return [.migrations, .lists, .screens, .everywhere]
        }
    }

    /// The account as the console knows it best: from the list, else from the details.
    func knownAccount(_ id: AccountID) -> Account? {
        accounts.account(id) ?? details.flatMap { $0.accountID == id ? $0.description.value?.account : nil }
    }

    /// The root address to show for an account: GetPrimaryEmail's answer when the details
    /// have it, else Organizations' copy.
    func currentEmail(of account: Account) -> String {
        if let details, details.accountID == account.id, let email = details.primaryEmail.value {
            return email.rawValue
        }
        return account.email
    }

    /// The account the account keys (`a`, `u`, `c`) act on where the user is.
    var targetAccountID: AccountID? {
        if let menu = overlay?.actions { return menu.accountID }
        switch screen {
        case .accounts: return selectedAccount?.id
        case .details(let id): return id
        case .pendingUpdates: return selectedOpenUpdate?.accountID
        case .help, .migrationPreview, .migration, .migrations: return nil
        }
    }

    /// The name to use in messages about an account.
    func accountName(_ id: AccountID) -> String {
        knownAccount(id)?.name ?? openUpdates[id]?.update.accountName ?? id.rawValue
    }

    /// Why an action cannot apply to an account, or nil when it can.
    func reasonUnavailable(_ action: AccountAction, for account: AccountID) -> String? {
        guard case .loaded(let session) = session else { return ConsoleMessages.organizationLoading }
        // About the marked accounts, not the one under the cursor.
        if action == .updateMarked {
            if marked.isEmpty { return ConsoleMessages.nothingMarked }
            return session.refusal(.start).map(ConsoleMessages.refused)
        }
        let step: UpdateStep = action == .updateEmail ? .start : .accept
        if let refusal = session.refusal(step, for: account, state: knownAccount(account)?.state) {
            return ConsoleMessages.refused(refusal)
        }
        if action == .completeEmail, openUpdates[account] == nil { return ConsoleMessages.noPendingUpdate }
        return nil
    }

    /// Changes the overlay in place when it is a dialog of that kind about that account;
    /// nil, and nothing changed, when it is not.
    @discardableResult
    mutating func changeOverlay<Dialog: AccountDialog, Result>(
        _ kind: WritableKeyPath<Overlay, Dialog?>, of id: AccountID, _ change: (inout Dialog) -> Result
    ) -> Result? {
        guard var dialog = overlay?[keyPath: kind], dialog.accountID == id else { return nil }
        let result = change(&dialog)
        overlay?[keyPath: kind] = dialog
        return result
    }
}

extension ConsoleState {
    /// The changing keys a read-only session is not offered in the footer (Help still lists them).
    var actionsNotForThisSession: Set<ConsoleAction> {
        guard case .loaded(let session) = session, session.isReadOnly else { return [] }
        return [.updateEmail, .resendCode, .discardUpdate]
    }
}
