import Foundation
import RootmailCore

/// A pending update as the service reported it, with its condition at that moment.
struct OpenUpdate: Hashable, Sendable {
    let update: PendingUpdate
    /// The condition when the service was asked; see `condition(at:)` for later moments.
    let reportedCondition: PendingUpdateCondition

    init(_ update: PendingUpdate, condition: PendingUpdateCondition) {
        self.update = update
        self.reportedCondition = condition
    }

    var accountID: AccountID { update.accountID }

    /// The 24 hours run out while the console is open: a code awaited then is expired now.
    func condition(at now: Date) -> PendingUpdateCondition {
        update.condition(at: now, callIsRunning: reportedCondition == .inFlight)
    }
}

/// The open updates of this data directory, oldest first, one per account.
struct OpenUpdateList: Sendable {
    private(set) var items: [OpenUpdate] = []
    private var rowByAccount: [AccountID: Int] = [:]

    init(_ updates: [OpenUpdate] = []) {
        replaceAll(with: updates)
    }

    var count: Int { items.count }
    var isEmpty: Bool { items.isEmpty }

    subscript(account: AccountID) -> OpenUpdate? {
        rowByAccount[account].map { items[$0] }
    }

    /// Where an account's update stands in the list.
    func row(of account: AccountID) -> Int? { rowByAccount[account] }

    mutating func replaceAll(with updates: [OpenUpdate]) {
        items = updates.sorted { ($0.update.startedAt, $0.update.id) < ($1.update.startedAt, $1.update.id) }
        rowByAccount = Dictionary(items.enumerated().map { ($1.accountID, $0) }, uniquingKeysWith: { $1 })
    }

    /// Records a new or changed update; one that is no longer open leaves the list.
    mutating func record(_ update: OpenUpdate) {
        var updates = items.filter { $0.accountID != update.accountID }
        if update.update.isOpen { updates.append(update) }
        replaceAll(with: updates)
    }

    mutating func remove(_ account: AccountID) {
        replaceAll(with: items.filter { $0.accountID != account })
    }
}
