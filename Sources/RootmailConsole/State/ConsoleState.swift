import Foundation
import RootmailCore
import TerminalUI

/// The screens, stacked: Accounts at the bottom, Details, Pending updates or Help above it.
public enum Screen: Hashable, Sendable {
    case accounts
    case details(AccountID)
    case pendingUpdates
    case help
}

/// A running ListAccounts load.
public struct AccountsLoad: Sendable {
    public let generation: Int
    public var loadedCount = 0
    /// A refresh (R, or the start over a cached list) fills this list out of sight and shows it
    /// once complete; a first load fills the shown list directly so the first frame does not
    /// wait for every page.
    var replacement: AccountList?
}

/// Where a shown list that no listing of this session produced comes from: the list cached by
/// the last complete listing, shown at start until a fresh listing completes.
public struct CachedAccountsOrigin: Hashable, Sendable {
    public let organizationID: String
    public let fetchedAt: Date
}

/// What the Account details screen has asked the backend.
public struct AccountDetailsState: Sendable {
    public let accountID: AccountID
    public var description: Loadable<AccountDetails> = .loading
    public var primaryEmail: Loadable<EmailAddress> = .loading
}

/// Everything the console shows, and nothing else: views draw it, `reduce` changes it.
public struct ConsoleState {
    public var size: TerminalSize
    public var now: Date
    public let timeZone: TimeZone
    public let backend: BackendDescription

    public internal(set) var session: Loadable<EmailUpdateService.Session> = .loading
    public internal(set) var accounts = AccountList()
    public internal(set) var accountsCursor = ListCursor()
    public internal(set) var accountsLoad: AccountsLoad?
    /// Set while the accounts shown are the cached list (being refreshed, or kept after a
    /// refresh failed); nil once they come from a listing of this session.
    public internal(set) var accountsFromCache: CachedAccountsOrigin?
    var accountsGeneration = 0
    /// The filter being typed after `/`; nil once kept with Enter or cleared with Esc.
    public internal(set) var filterInput: TextInput?

    public internal(set) var openUpdates = OpenUpdateList()
    public internal(set) var isLoadingOpenUpdates = false
    var hasAnnouncedOpenUpdates = false
    public internal(set) var pendingCursor = ListCursor()
    /// When the open updates shown were read.
    public internal(set) var openUpdatesAsOf: Date?
    /// The store's change count when last looked at; another process's change moves it.
    var storeChangeCount: Int?
    var isCheckingStore = false

    public internal(set) var screens: [Screen] = [.accounts]
    public internal(set) var overlay: Overlay?
    public internal(set) var details: AccountDetailsState?
    public internal(set) var helpScroll = 0

    /// Accounts with a change (start, accept, resend, discard, resolve) on its way to the backend.
    public internal(set) var changesInFlight: Set<AccountID> = []

    public internal(set) var status: StatusMessage?
    public internal(set) var spinnerFrame = 0
    /// Set once the user quit or the terminal went away; the loop then ends.
    public internal(set) var isFinished = false

    public init(backend: BackendDescription, size: TerminalSize, now: Date, timeZone: TimeZone = .current) {
        self.backend = backend
        self.size = size
        self.now = now
        self.timeZone = timeZone
    }

    /// The effects that fill a new console: who is calling, the accounts (the cached list at
    /// once, if there is one, while they are listed afresh), the open updates.
    public mutating func begin() -> [ConsoleEffect] {
        accountsLoad = AccountsLoad(generation: accountsGeneration)
        isLoadingOpenUpdates = true
        return [.loadSession, .loadAccounts(generation: accountsGeneration, cachedFirst: true), .loadOpenUpdates]
    }

    public var screen: Screen { screens.last ?? .accounts }

    public var selectedAccount: Account? { accounts.shownAccount(at: accountsCursor.selected) }

    /// The open update under the cursor of the Pending updates screen.
    public var selectedOpenUpdate: OpenUpdate? {
        let items = openUpdates.items
        return items.indices.contains(pendingCursor.selected) ? items[pendingCursor.selected] : nil
    }

    /// Some backend call is on its way: the spinner turns.
    public var isBusy: Bool {
        if accountsLoad != nil || isLoadingOpenUpdates { return true }
        if case .loading = session { return true }
        if let details {
            if case .loading = details.description { return true }
            if case .loading = details.primaryEmail { return true }
        }
        return !changesInFlight.isEmpty
    }

    /// The verification-code form on screen: Update email address at its code step, or
    /// Complete email update.
    var openCodeForm: VerificationCodeForm? {
        switch overlay {
        case .updateEmail(let dialog)?:
            if case .code(let form) = dialog.step { return form }
            return nil
        case .completeEmail(let form)?:
            return form
        default:
            return nil
        }
    }

    /// The key contexts in force, most specific first.
    public var keyContexts: [KeyContext] {
        if let form = openCodeForm { return codeFormContexts(form) }
        switch overlay {
        case .actions?:
            return [.menu, .everywhere]
        case .updateEmail(let dialog)?:
            guard case .email(let form) = dialog.step else { return [.dialog, .everywhere] }
            return form.focus == .field ? [.textField, .dialog, .everywhere] : [.dialog, .everywhere]
        case .completeEmail?, .confirmDiscard?, .confirmResend?:
            return [.dialog, .everywhere]
        case nil:
            break
        }
        switch screen {
        case .accounts:
            return filterInput == nil ? [.accounts, .lists, .screens, .everywhere] : [.filter, .textField, .everywhere]
        case .details:
            return [.details, .screens, .everywhere]
        case .pendingUpdates:
            return [.pending, .lists, .screens, .everywhere]
        case .help:
            return [.help, .lists, .everywhere]
        }
    }

    private func codeFormContexts(_ form: VerificationCodeForm) -> [KeyContext] {
        form.focused(among: codeFormControls(form)) == .field ? [.textField, .dialog, .everywhere] : [.dialog, .everywhere]
    }

    /// The code form's controls for the update's condition now.
    public func codeFormControls(_ form: VerificationCodeForm) -> [VerificationCodeForm.Control] {
        VerificationCodeForm.controls(for: openUpdates[form.accountID]?.condition(at: now))
    }

    /// The account as the console knows it best: from the list, else from the details.
    public func knownAccount(_ id: AccountID) -> Account? {
        accounts.account(id) ?? details.flatMap { $0.accountID == id ? $0.description.value?.account : nil }
    }

    /// The root address to show for an account: GetPrimaryEmail's answer when the details
    /// have it, else Organizations' copy.
    public func currentEmail(of account: Account) -> String {
        if let details, details.accountID == account.id, let email = details.primaryEmail.value {
            return email.rawValue
        }
        return account.email
    }

    /// The account the account keys (`a`, `u`, `c`) act on where the user is.
    public var targetAccountID: AccountID? {
        if case .actions(let menu)? = overlay { return menu.accountID }
        switch screen {
        case .accounts: return selectedAccount?.id
        case .details(let id): return id
        case .pendingUpdates: return selectedOpenUpdate?.accountID
        case .help: return nil
        }
    }

    /// The name to use in messages about an account.
    public func accountName(_ id: AccountID) -> String {
        knownAccount(id)?.name ?? openUpdates[id]?.update.accountName ?? id.rawValue
    }

    /// Why an action cannot apply to an account, or nil when it can.
    public func reasonUnavailable(_ action: AccountAction, for account: AccountID) -> String? {
        guard case .loaded(let session) = session else {
            return "The organization is still loading; try again in a moment."
        }
        if session.organization.featureSet == .consolidatedBilling {
            return "The organization has consolidated billing only; root email updates need all features."
        }
        if session.caller.role == .memberAccount {
            return "Your caller is in a member account; only the management account or the delegated administrator can do this."
        }
        if account == session.organization.managementAccountID {
            return "Not for the management account: AWS lets only the management account itself change its root address."
        }
        switch action {
        case .updateEmail:
            if !session.caller.mayPerform(.startPrimaryEmailUpdate) {
                return "Your caller lacks the permission \(Permission.startPrimaryEmailUpdate.rawValue)."
            }
        case .completeEmail:
            if openUpdates[account] == nil {
                return "No pending email update for this account; start one with Update email address."
            }
            if !session.caller.mayPerform(.acceptPrimaryEmailUpdate) {
                return "Your caller lacks the permission \(Permission.acceptPrimaryEmailUpdate.rawValue)."
            }
        }
        return nil
    }
}
