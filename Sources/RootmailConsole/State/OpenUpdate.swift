import Foundation
import RootmailCore

/// A pending update as the service reported it, with its condition at that moment.
public struct OpenUpdate: Hashable, Sendable {
    public let update: PendingUpdate
    /// The condition when the service was asked; see `condition(at:)` for later moments.
    public let reportedCondition: PendingUpdateCondition

    public init(_ update: PendingUpdate, condition: PendingUpdateCondition) {
        self.update = update
        self.reportedCondition = condition
    }

    public var accountID: AccountID { update.accountID }

    /// The 24 hours run out while the console is open: a code awaited then is expired now.
    public func condition(at now: Date) -> PendingUpdateCondition {
        update.condition(at: now, callIsRunning: reportedCondition == .inFlight)
    }
}

/// The open updates of this data directory, oldest first, one per account.
public struct OpenUpdateList: Sendable {
    public private(set) var items: [OpenUpdate] = []
    private var rowByAccount: [AccountID: Int] = [:]

    public init(_ updates: [OpenUpdate] = []) {
        replaceAll(with: updates)
    }

    public var count: Int { items.count }
    public var isEmpty: Bool { items.isEmpty }

    public subscript(account: AccountID) -> OpenUpdate? {
        rowByAccount[account].map { items[$0] }
    }

    /// Where an account's update stands in the list.
    public func row(of account: AccountID) -> Int? { rowByAccount[account] }

    public mutating func replaceAll(with updates: [OpenUpdate]) {
        items = updates.sorted { ($0.update.startedAt, $0.update.id) < ($1.update.startedAt, $1.update.id) }
        rowByAccount = Dictionary(items.enumerated().map { ($1.accountID, $0) }, uniquingKeysWith: { $1 })
    }

    /// Records a new or changed update; one that is no longer open leaves the list.
    public mutating func record(_ update: OpenUpdate) {
        var updates = items.filter { $0.accountID != update.accountID }
        if update.update.isOpen { updates.append(update) }
        replaceAll(with: updates)
    }

    public mutating func remove(_ account: AccountID) {
        replaceAll(with: items.filter { $0.accountID != account })
    }
}
