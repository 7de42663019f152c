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

    /// The keys of the Pending updates screen; Enter (complete) opens the Complete dialog.
    mutating func reducePending(_ action: ConsoleAction) -> [ConsoleEffect] {
        if let move = action.listMove {
            pendingScreen.cursor.apply(move, count: openUpdates.count, height: ConsoleLayout.tableHeight(size))
            return []
        }
        switch action {
        case .resendCode:
            guard let open = selectedOpenUpdate else { return [] }
            openResendConfirmation(for: open.accountID)
        case .discardUpdate:
            guard let open = selectedOpenUpdate else { return [] }
            openDiscardConfirmation(for: open.accountID)
        case .resolveUpdate:
            return resolveSelectedUpdate()
        default:
            break
        }
        return []
    }

    private mutating func resolveSelectedUpdate() -> [ConsoleEffect] {
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
