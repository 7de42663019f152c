import RootmailCore

/// Work the reducer asks for. An effect runner performs it off the input loop and answers
/// with events.
enum ConsoleEffect: Equatable, Sendable {
    case loadSession
    /// Every page of ListAccounts, each answered with `.accountsPage`; a complete listing then
    /// replaces the cached list. With `cachedFirst`, the cached list is read and answered with
    /// `.cachedAccountsLoaded` before the first page is asked for.
    case loadAccounts(generation: Int, cachedFirst: Bool = false)
    /// Drops the cached list of an organization the backend no longer answers for.
    case forgetCachedAccounts(organizationID: String)
    case loadOpenUpdates
    /// Reads the store's change count, answered with `.storeChecked`.
    case checkStore
    case describeAccount(AccountID)
    case loadPrimaryEmail(AccountID)
    case startUpdate(AccountID, accountName: String, newEmail: EmailAddress, currentEmail: String?)
    case acceptUpdate(AccountID, code: OneTimeCode, email: EmailAddress)
    case resendCode(AccountID)
    case discardUpdate(AccountID)
    case resolveUncertain(AccountID)
    /// Keeps the migration in the store, answered with `.migrationCreated`, then sends its
    /// Starts at AWS's quota, each answered with `.migrationRowChanged`, and at the end
    /// `.migrationStartsEnded`.
    case createMigration(MigrationDraft)
    /// Accepts a code for a migration's row, answered with `.migrationRowChanged` (or
    /// `.migrationCodeRefused` when the row cannot take one).
    case acceptMigrationCode(Migration, AccountID, OneTimeCode)
    /// The organization's migrations with their rows, newest first: `.migrationsLoaded`.
    case loadMigrations(organizationID: String)
    /// Puts text on the terminal's clipboard (OSC 52), answered with `.copiedToClipboard`.
    /// Done by the loop through the terminal device, never by a reducer or a task.
    case copyToClipboard(ClipboardCopy)
    /// Keeps the sort, filter and screen for the next start on this backend, in the data
    /// directory; done by the loop, in order, so the newest always wins.
    case remember(ConsoleMemory)

    /// The account a change (start, accept, resend, discard, resolve) is sent for: until its
    /// answer arrives the account is in flight, and no second change for it is sent.
    var changedAccount: AccountID? {
        switch self {
        case .startUpdate(let id, _, _, _), .acceptUpdate(let id, _, _), .resendCode(let id), .discardUpdate(let id),
             .resolveUncertain(let id):
            id
        case .createMigration, .acceptMigrationCode, .loadMigrations,
             .loadSession, .loadAccounts, .forgetCachedAccounts, .loadOpenUpdates, .checkStore, .describeAccount,
             .loadPrimaryEmail, .copyToClipboard, .remember:
            nil
        }
    }
}
