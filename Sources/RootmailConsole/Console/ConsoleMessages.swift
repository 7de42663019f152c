import RootmailCore
import TerminalUI

/// What the console says in sentences, kept in one place: the status line, the dialogs'
/// messages and explanations, empty screens, work in progress. The views' own labels (titles,
/// field names, column headings, button names) stay beside the views they lay out.
enum ConsoleMessages {
    /// A message about one account, where the line does not otherwise name it.
    static func about(_ accountName: String, _ text: String) -> String { "\(accountName): \(text)" }

    // MARK: Organization and account list

    static func organizationUnreadable(_ error: RootmailError) -> String {
        "Could not read the organization: \(error) Press R to retry."
    }

    /// The cause comes early: at 80 columns the line is cut after the error's type.
    static func listingStopped(after count: Int, _ error: RootmailError, cachedListAge: String?) -> String {
        let listed = "\(count) \(count == 1 ? "account" : "accounts")"
        let kept = cachedListAge.map { " The cached list from \($0) stays." } ?? ""
        return "Listing stopped after \(listed): \(error)\(kept) Press R to retry."
    }

    static func listNotCached(_ error: RootmailError) -> String {
        "The account list could not be kept for the next start: \(error)"
    }

    static func refreshed(total: Int, added: Int, gone: Int) -> String {
        let changes = [added > 0 ? "\(added) new" : nil, gone > 0 ? "\(gone) gone" : nil].compactMap { $0 }
        let detail = changes.isEmpty ? "" : " (\(changes.joined(separator: ", ")))"
        return "Refreshed: \(total) accounts\(detail)."
    }

    static func cachedListIgnored(_ error: RootmailError) -> String {
        "The cached account list was ignored: \(error) Listing the accounts afresh."
    }

    static func cachedListOfAnotherOrganization(_ cached: String, not organizationID: String) -> String {
        "The cached account list was of organization \(cached), not \(organizationID); it was dropped."
    }

    // MARK: Pending updates

    static func pendingUpdatesFound(_ count: Int) -> String {
        "\(count) \(count == 1 ? "pending email update" : "pending email updates") — press p"
    }

    static func pendingUpdatesUnreadable(_ error: RootmailError) -> String {
        "Could not read the pending updates: \(error)"
    }

    static let noLongerPending = "The update is no longer pending: another rootmail session completed "
        + "or discarded it. Esc closes."

    static func stillPending(_ accountName: String, to newEmail: EmailAddress, left: String) -> String {
        "Still pending: \(accountName) → \(newEmail), \(left) left; p lists it."
    }

    // MARK: Changes

    static let requestOnItsWay = "A request for this account is still on its way; try again in a moment."

    static func codeSent(to newEmail: EmailAddress) -> String {
        "A verification code was sent to \(newEmail); enter it within 24 hours."
    }

    static func updateStarted(_ accountName: String, codeSent: String) -> String {
        "Update of \(accountName) started: \(codeSent) Press p to complete it."
    }

    static func updateNotStarted(_ accountName: String, _ error: RootmailError) -> String {
        "The update of \(accountName) did not start: \(error)"
    }

    static func addressChanged(_ accountName: String, to email: EmailAddress) -> String {
        "The root email address of \(accountName) is now \(email)."
    }

    static func wrongCode(_ error: RootmailError, attemptsLeft left: Int) -> String {
        "\(error) \(left) \(left == 1 ? "attempt" : "attempts") left."
    }

    static func wrongCodeVoided(_ error: RootmailError) -> String {
        "\(error) No attempts left: the code is void; Resend code sends a new one."
    }

    static func newCodeSent(to newEmail: EmailAddress) -> String {
        "A new code was sent to \(newEmail); the 24 hours start again."
    }

    static func noNewCode(_ error: RootmailError) -> String { "no new code was sent: \(error)" }

    static func discarded(_ accountName: String) -> String {
        "rootmail no longer tracks the update of \(accountName); the code already sent expires unused."
    }

    static func notDiscarded(_ accountName: String, _ error: RootmailError) -> String {
        "Could not discard the update of \(accountName): \(error)"
    }

    static func onlyUncertainResolves(_ conditionLabel: String) -> String {
        "Only an uncertain update needs resolving; this one is \(conditionLabel)."
    }

    static func resolving(_ accountName: String) -> String {
        "Asking the backend about the update of \(accountName)…"
    }

    static func resolvedCompleted(_ accountName: String, to newEmail: EmailAddress) -> String {
        "The update of \(accountName) went through: its root address is now \(newEmail)."
    }

    static func resolvedDiscarded(_ accountName: String) -> String {
        "The update of \(accountName) did not reach AWS; start it again with Update email address."
    }

    static func resolvedStill(_ accountName: String, _ condition: PendingUpdateCondition) -> String {
        "The update of \(accountName) is \(condition.label): \(condition.explanation)"
    }

    static func notResolved(_ accountName: String, _ error: RootmailError) -> String {
        "Could not resolve the update of \(accountName): \(error)"
    }

    static func throttled(_ wait: ThrottleWait) -> String {
        "\(wait.operation) was throttled (\(AWSMessages.throttled)); retrying in \(wait.seconds) s…"
    }

    // MARK: Screens

    static let loading = "Loading…"
    static let loadingAccounts = "Loading accounts…"
    static let noAccounts = "No accounts to show. Press R to refresh."

    static func noAccountMatches(_ query: String) -> String {
        "No account matches “\(query)”. Esc clears the filter."
    }

    static let noPendingUpdates = "No pending email updates. Press u on an account to start one."

    static func primaryEmailFailed(_ error: RootmailError, organizationsLists listed: String?) -> String {
        "\(AccountAPIOperation.getPrimaryEmail.rawValue) failed: \(error)" + (listed.map { " Organizations lists \($0)." } ?? "")
    }

    static func describeAccountFailed(_ error: RootmailError) -> String { "\(OrganizationsOperation.describeAccount.rawValue) failed: \(error)" }

    static func terminalTooSmall(_ size: TerminalSize, minimum: TerminalSize) -> String {
        "Terminal too small: \(size.columns)×\(size.rows)\n"
            + "rootmail needs at least \(minimum.columns)×\(minimum.rows).\n"
            + "Enlarge the window, or press Ctrl-C to quit."
    }

    // MARK: Activity beside the title

    static func loadingAccountsActivity(_ count: Int) -> String { "Loading accounts… \(count)" }
    static func refreshing(_ count: Int) -> String { "Refreshing… \(count) so far" }
    static let waitingForBackend = "Waiting for the backend…"
    static let loadingOrganization = "Loading the organization…"

    // MARK: Dialogs

    static let actionsMenuHint = "Enter chooses, Esc closes."

    static func savingReplaces(_ pendingEmail: EmailAddress) -> String {
        "An update to \(pendingEmail) is pending; saving replaces it with a new code."
    }

    static let rootEmailControlsMFA = "The root user's password and MFA stay as they are. Whoever controls the root "
        + "email address and the primary contact phone number can bypass MFA."
    static let codeGoesToNewAddress = "A verification code goes to the new address; it must be entered within 24 hours."
    static let startingUpdate = "Starting the update…"

    static func retrying(_ wait: ThrottleWait) -> String {
        "\(AWSMessages.throttled): retrying in \(wait.seconds) s…"
    }

    static let noPendingUpdateAnyMore = "This account has no pending email update any more."
    static let checkingCode = "Checking the code…"
    static let sendingNewCode = "Sending a new code…"
    static let askingBackend = "Asking the backend…"

    static func discardQuestion(_ accountName: String, _ id: AccountID, to newEmail: EmailAddress) -> String {
        "Stop tracking the update of \(accountName) (\(id)) to \(newEmail)?"
    }

    static let discardExplanation = "AWS cannot cancel an update: a code already sent stays valid until its 24 hours "
        + "end. rootmail will no longer list it."
    static let discarding = "Discarding…"

    static func resendQuestion(_ accountName: String, _ id: AccountID, to newEmail: EmailAddress) -> String {
        "Send a new code for \(accountName) (\(id)) to \(newEmail)?"
    }

    static let resendExplanation = "The code already mailed stops working and the 24 hours start again."
    static let sending = "Sending…"

    // MARK: Why an action is unavailable

    static let organizationLoading = "The organization is still loading; try again in a moment."
    static let noPendingUpdate = "No pending email update for this account; start one with Update email address."

    /// Core's reason (UpdateRefusal) in the console's words.
    static func refused(_ refusal: UpdateRefusal) -> String {
        switch refusal {
        case .consolidatedBillingOnly:
            "The organization has consolidated billing only; root email updates need all features."
        case .callerInMemberAccount:
            "Your caller is in a member account; only the management account or the delegated administrator can do this."
        case .lacksPermission(let permission):
            "Your caller lacks the permission \(permission.rawValue)."
        case .managementAccount:
            "Not for the management account: AWS lets only the management account itself change its root address."
        case .accountNotOpen(let state):
            "The account is \(state.rawValue): its root email address cannot be changed until it is ACTIVE again."
        }
    }

    /// First on the caller's header row, where a narrow terminal does not cut it.
    static let readOnly = "READ ONLY, cannot change emails"

    // MARK: Clipboard and remembered view

    static func copied(_ copy: ClipboardCopy) -> String {
        "Copied \(copy.accountName)'s \(itemName(copy.item)) \(copy.text) to the terminal's clipboard."
    }

    /// OSC 52 is the only way to the clipboard of the terminal at the other end of SSH.
    static func notCopied(_ copy: ClipboardCopy) -> String {
        "Not copied: this terminal does not say it takes clipboard writes (OSC 52, terminfo Ms; in tmux "
            + "set-clipboard on). Select \(copy.text) with the mouse instead."
    }

    static let nothingToCopy = "No account is selected: nothing to copy."

    static func notRemembered(_ reason: String) -> String {
        "The sort, filter and screen could not be kept for the next start: \(reason)"
    }

    private static func itemName(_ item: ClipboardCopy.Item) -> String {
        switch item {
        case .accountID: "account ID"
        case .rootAddress: "root email address"
        }
    }
}

// MARK: Migrations

extension ConsoleMessages {
    static func markedCount(_ count: Int) -> String { "\(count) marked" }

    static let managementNeverMarked = "The management account cannot be marked: AWS lets only that account "
        + "itself change its root address."
    static let nothingMarked = "Mark accounts first: Space marks the selected one, * every one shown."

    static func updateMarkedTitle(_ count: Int) -> String {
        "Update email addresses of \(count) \(count == 1 ? "account" : "accounts")…"
    }

    static func ruleIntro(_ count: Int) -> String {
        "A new root email address for each of the \(count) marked \(count == 1 ? "account" : "accounts"). "
            + "Preview shows what would change; nothing is sent before you start it."
    }

    static let ruleShapes = "OLD=NEW moves a domain (northwind.example=newcorp.example); a template fills in "
        + "{id}, {name}, {local} and {domain} (aws+{id}@corp.example)."
    static let ruleOfNeitherShape = "is neither OLD=NEW nor a template with {id}, {name}, {local} or {domain}"
    static let ruleMissing = "Type a rule: OLD=NEW, or a template with {id}, {name}, {local} or {domain}."
    static let previewWaitsForList = "The account list is still loading: the preview checks every account's "
        + "address, so wait until it is complete."

    static func previewSummary(accounts: Int, toStart: Int) -> String {
        "\(accounts) marked, \(toStart) to start"
    }

    static let nothingToStart = "Every row is left out by a check: there is nothing to start. Esc changes the rule."

    static func migrationAlreadyStarting(_ name: String) -> String {
        "Migration \(name) is still sending its updates; wait until they are all sent."
    }

    static func migrationStarting(_ count: Int) -> String { "Keeping the migration, then starting \(count) updates…" }

    static func migrationStarted(_ migration: Migration, toStart: Int) -> String {
        "Starting \(toStart) updates at AWS's quota; Enter on a row awaiting a code enters it."
    }

    static func migrationNotKept(_ error: RootmailError) -> String { "The migration was not started: \(error)" }

    static func migrationStopped(_ migration: Migration, _ error: RootmailError) -> String {
        "The Starts of \(migration.name) stopped: \(error) rootmail migrate resume \(migration.id) goes on."
    }

    static func migrationFinished(_ migration: Migration, done: Int) -> String {
        "Migration \(migration.name) finished: \(done) \(done == 1 ? "address" : "addresses") changed."
    }

    static func startedCount(_ started: Int, of total: Int) -> String { "\(started) of \(total) started" }
    static func rate(_ perSecond: Double) -> String { String(format: "%.1f per second", perSecond) }
    static func timeLeft(_ left: String) -> String { "\(left) left" }
    static func resumeWith(_ id: String) -> String { "stopped: rootmail migrate resume \(id)" }

    static func migrationInBackground(_ name: String, started: Int, of total: Int, done: Int, awaiting: Int,
                                      isStarting: Bool) -> String {
        let starts = isStarting ? "\(started)/\(total) started, " : ""
        return "Migration \(name): \(starts)\(done) done, \(awaiting) awaiting a code (m)"
    }

    static func rowTakesNoCode(_ accountName: String, _ state: MigrationRow.State) -> String {
        "\(accountName) is \(state.rawValue), not awaiting a code."
    }

    static func notInMigration(_ id: AccountID) -> String { "Account \(id) is not in this migration." }

    static let codeShapes = "The selected row's 6-digit code, or ACCOUNT CODE pairs, one a line (pasted lines "
        + "are each taken)."

    static func codesSent(_ count: Int) -> String {
        count == 1 ? "Checking 1 code…" : "Checking \(count) codes…"
    }

    static func quitWhileStarting(_ name: String, started: Int, of total: Int) -> String {
        "Migration \(name) is still sending its updates: \(started) of \(total) started."
    }

    static func stoppedMigrationResumes(_ id: String) -> String {
        "Stopping loses nothing: every row stays recorded, and rootmail migrate resume \(id) goes on later."
    }

    static let noMigrations = "No migrations yet: mark accounts with Space or *, then press M."

    static func migrationsUnreadable(_ error: RootmailError) -> String { "Could not read the migrations: \(error)" }

    static let sendingUpdates = "Sending updates…"
    static let migrationsNeedStore = "This console was opened without the data directory's migration store."
}
