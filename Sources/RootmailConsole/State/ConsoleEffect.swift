import RootmailCore

/// Work the reducer asks for. An effect runner performs it off the input loop and answers
/// with events.
public enum ConsoleEffect: Equatable, Sendable {
    case loadSession
    /// Every page of ListAccounts, each answered with `.accountsPage`.
    case loadAccounts(generation: Int)
    case loadOpenUpdates
    case describeAccount(AccountID)
    case loadPrimaryEmail(AccountID)
    case startUpdate(AccountID, accountName: String, newEmail: EmailAddress, currentEmail: String?)
    case acceptUpdate(AccountID, code: OneTimeCode, email: EmailAddress)
    case resendCode(AccountID)
    case discardUpdate(AccountID)
    case resolveUncertain(AccountID)
    case quit
}
