import Foundation
import RootmailCore

extension ConsoleState {
    /// `p` from Accounts or Details: the screen, read afresh.
    mutating func showPending() -> [ConsoleEffect] {
        if screen != .pendingUpdates {
            screens.append(.pendingUpdates)
            pendingScreen = PendingScreenState()
        }
        isLoadingOpenUpdates = true
        return [.loadOpenUpdates]
    }

    /// `s`: asks the backend how an uncertain update ended. Enter (Complete), `r` (Resend) and
    /// `x` (Discard) open their dialogs.
    mutating func resolveSelectedUpdate() -> [ConsoleEffect] {
        guard let open = selectedOpenUpdate else { return [] }
        let condition = open.condition(at: now)
        guard condition == .uncertain else {
            status = StatusMessage(ConsoleMessages.onlyUncertainResolves(condition.label))
            return []
        }
        guard changesInFlight.insert(open.accountID).inserted else { return [] }
        status = StatusMessage(ConsoleMessages.resolving(accountName(open.accountID)))
        return [.resolveUncertain(open.accountID)]
    }
}
