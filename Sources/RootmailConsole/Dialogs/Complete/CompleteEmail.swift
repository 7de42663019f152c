import RootmailCore

/// Complete email update is the verification-code form on its own (Dialogs/CodeForm holds its
/// state, reducer and lines); this is how it opens.
extension ConsoleState {
    /// `c`, or Enter on Pending updates: the code for the account where the user is, unless the
    /// action is unavailable.
    mutating func openCompleteDialog() {
        guard let id = targetAccountID else { return }
        if let reason = reasonUnavailable(.completeEmail, for: id) {
            status = .error(reason)
            return
        }
        overlay = .completeEmail(VerificationCodeForm(accountID: id))
    }
}
