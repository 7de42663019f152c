import RootmailCore

/// Marking accounts for a migration (Space, `*`). The marks outlive the filter, so that an admin
/// can mark the results of several filters; the management account is never marked, as AWS
/// changes its root email from the account itself.
extension ConsoleState {
    /// Space: marks or unmarks the selected account.
    mutating func toggleMark() {
        guard let account = selectedAccount else { return }
        guard case .loaded(let session) = session else {
            status = .error(ConsoleMessages.organizationLoading)
            return
        }
        guard account.id != session.organization.managementAccountID else {
            status = .error(ConsoleMessages.managementNeverMarked)
            return
        }
        if marked.remove(account.id) == nil { marked.insert(account.id) }
    }

    /// `*`: marks every account the filter shows; when all of them already are, unmarks them.
    mutating func markShown() {
        guard case .loaded(let session) = session else {
            status = .error(ConsoleMessages.organizationLoading)
            return
        }
        let management = session.organization.managementAccountID
        let shown = accounts.shown.map { accounts.accounts[$0].id }.filter { $0 != management }
        if !shown.isEmpty, shown.allSatisfy(marked.contains) {
            marked.subtract(shown)
        } else {
            marked.formUnion(shown)
        }
    }
}
