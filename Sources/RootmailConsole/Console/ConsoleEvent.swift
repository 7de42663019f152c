import Foundation
import RootmailCore
import TerminalUI

/// Everything that can change the console's state: the user's keys, the terminal, the clock,
/// and the backend's answers to effects.
enum ConsoleEvent: Sendable {
    case key(Key)
    case resized(TerminalSize)
    /// The clock moved on (time left, the spinner).
    case tick(Date)
    /// SIGHUP, SIGTERM, SIGINT or SIGQUIT: leave now.
    case hangup
    /// Time to ask whether another process changed the data directory (once a second).
    case storeWatchDue

    case sessionLoaded(Result<EmailUpdateService.Session, RootmailError>)
    /// One page of `ListAccounts` for the load numbered `generation`; `isLast` ends the load.
    case accountsPage(generation: Int, accounts: [Account], isLast: Bool)
    case accountsFailed(generation: Int, RootmailError)
    /// A screen of the list an earlier complete listing cached (nil when there is none), read
    /// first so that it shows at once, before the load numbered `generation` reads the rest.
    case cachedAccountsHeadLoaded(generation: Int, Result<CachedAccountList?, RootmailError>)
    /// The whole list an earlier complete listing cached (nil when there is none), read before
    /// the load numbered `generation` asked for its first page.
    case cachedAccountsLoaded(generation: Int, Result<CachedAccountList?, RootmailError>)
    /// A complete listing could not be kept for the next start.
    case accountsNotCached(RootmailError)
    case openUpdatesLoaded(Result<[OpenUpdate], RootmailError>)
    /// The store's change count (nil when the store cannot tell).
    case storeChecked(Result<Int?, RootmailError>)
    case accountDescribed(AccountID, Result<AccountDetails, RootmailError>)
    case primaryEmailLoaded(AccountID, Result<EmailAddress, RootmailError>)
    case updateStarted(AccountID, Result<OpenUpdate, RootmailError>)
    case updateAccepted(AccountID, AcceptOutcome)
    case codeResent(AccountID, Result<OpenUpdate, RootmailError>)
    case updateDiscarded(AccountID, Result<Void, RootmailError>)
    case uncertainResolved(AccountID, Result<OpenUpdate, RootmailError>)
    /// A throttled call waits before it is sent again.
    case throttled(ThrottleWait)

    case migrationCreated(Result<MigrationProgress, RootmailError>)
    /// A migration's row as it was just recorded.
    case migrationRowChanged(MigrationRow)
    /// The Starts of the migration ended: all sent, or stopped by the error.
    case migrationStartsEnded(migrationID: String, RootmailError?)
    case migrationCodeRefused(AccountID, RootmailError)
    /// The organization's migrations with their rows, newest first.
    case migrationsLoaded(Result<[MigrationProgress], RootmailError>)
    /// The terminal took the copy (true), or said it cannot (false).
    case copiedToClipboard(ClipboardCopy, Bool)
    /// The sort, filter and screen could not be kept for the next start.
    case notRemembered(String)
}

/// How an Accept ended.
enum AcceptOutcome: Sendable {
    case accepted(EmailAddress)
    /// Refused; `remaining` is the update as it stands after the refusal (attempts counted),
    /// nil when it is no longer open.
    case rejected(RootmailError, remaining: OpenUpdate?)
}
