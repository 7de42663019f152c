import RootmailCore

/// What the Pending updates screen adds to the shared open updates: where its cursor is.
struct PendingScreenState: Sendable {
    var cursor = ListCursor()

    /// Keeps the selection on an account's update after the list changed under it.
    mutating func keepSelection(on id: AccountID?, in updates: OpenUpdateList, height: Int) {
        if let id, let row = updates.row(of: id) {
            cursor.select(row, count: updates.count, height: height)
        } else {
            cursor.fit(count: updates.count, height: height)
        }
    }

    mutating func fit(_ updates: OpenUpdateList, height: Int) {
        cursor.fit(count: updates.count, height: height)
    }

    /// The screen's own keys: moving through the shared open updates.
    mutating func reduce(_ action: ConsoleAction, updates: OpenUpdateList, height: Int) {
        guard let move = action.listMove else { return }
        cursor.apply(move, count: updates.count, height: height)
    }
}

extension ConsoleState {
    /// The open update under the cursor of the Pending updates screen.
    var selectedOpenUpdate: OpenUpdate? {
        let items = openUpdates.items
        return items.indices.contains(pendingScreen.cursor.selected) ? items[pendingScreen.cursor.selected] : nil
    }
}
