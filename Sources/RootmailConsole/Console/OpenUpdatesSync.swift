import Foundation
import RootmailCore

/// The open updates every screen shares: read at start, on R and p, and again whenever
/// another process changes the data directory.
extension ConsoleState {
    /// Another process changed the data directory (the command line completed, discarded or
    /// started an update): the pending marks and the Pending updates screen are read again.
    mutating func storeChecked(_ result: Result<Int?, RootmailError>) -> [ConsoleEffect] {
        // A failing check is not shown: the next one tries again, and "as of" tells the age.
        guard case .success(let count?) = result, count != storeChangeCount else { return [] }
        // A read already on its way may have started before the change: look again next time.
        guard !isLoadingOpenUpdates else { return [] }
        storeChangeCount = count
        isLoadingOpenUpdates = true
        return [.loadOpenUpdates]
    }

    mutating func receiveOpenUpdates(_ result: Result<[OpenUpdate], RootmailError>) {
        isLoadingOpenUpdates = false
        switch result {
        case .success(let updates):
            openUpdatesAsOf = now
            let formAccount = overlay?.codeForm?.accountID
            let wasOpen = formAccount.map { openUpdates[$0] != nil } ?? false
            changeOpenUpdates { $0.replaceAll(with: updates) }
            if let formAccount, wasOpen, openUpdates[formAccount] == nil {
                changeOverlay(\.codeForm, of: formAccount) { $0.message = .error(ConsoleMessages.noLongerPending) }
            }
            guard !hasAnnouncedOpenUpdates else { return }
            hasAnnouncedOpenUpdates = true
            if !updates.isEmpty, status?.kind != .error {
                status = StatusMessage(ConsoleMessages.pendingUpdatesFound(updates.count))
            }
        case .failure(let error):
            status = .error(ConsoleMessages.pendingUpdatesUnreadable(error))
        }
    }

    /// Changes the open updates, keeping the Pending updates selection on its account: a resend
    /// or a refresh re-sorts the list, and the next key must act on the account the user chose.
    mutating func changeOpenUpdates(_ change: (inout OpenUpdateList) -> Void) {
        let selectedID = selectedOpenUpdate?.accountID
        change(&openUpdates)
        pendingScreen.keepSelection(on: selectedID, in: openUpdates, height: ConsoleLayout.tableHeight(size))
    }
}
