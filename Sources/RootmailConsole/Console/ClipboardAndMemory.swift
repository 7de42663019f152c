import RootmailCore

/// `y` and `Y` (copy the account's ID or root address), and the sort, filter and screen kept
/// for the next start. Both leave the console as effects the loop performs: the terminal
/// device writes the clipboard, the data directory keeps the memory.
extension ConsoleState {
    mutating func copy(_ item: ClipboardCopy.Item) -> [ConsoleEffect] {
        guard let id = targetAccountID else {
            status = StatusMessage(ConsoleMessages.nothingToCopy)
            return []
        }
        let text: String?
        switch item {
        case .accountID:
            text = id.rawValue
        case .rootAddress:
            // An account not listed yet is known only by its pending update.
            text = knownAccount(id).map { currentEmail(of: $0) } ?? openUpdates[id]?.update.previousEmail
        }
        guard let text else {
            status = StatusMessage(ConsoleMessages.nothingToCopy)
            return []
        }
        return [.copyToClipboard(ClipboardCopy(item: item, text: text, accountName: accountName(id)))]
    }

    mutating func copiedToClipboard(_ copy: ClipboardCopy, taken: Bool) {
        status = taken ? .success(ConsoleMessages.copied(copy)) : .error(ConsoleMessages.notCopied(copy))
    }

    /// What the next start on this backend comes back to. A filter being typed is not kept
    /// until Enter keeps it.
    var memory: ConsoleMemory {
        let filter = accountsScreen.filterInput == nil ? accounts.query : remembered?.filter ?? ""
        return ConsoleMemory(sort: accounts.sort, filter: filter,
                             place: screens.contains(.pendingUpdates) ? .pendingUpdates : .accounts)
    }

    /// Comes back to where an earlier session on this backend left off.
    mutating func restore(_ memory: ConsoleMemory) {
        accounts.setSort(memory.sort)
        accounts.setQuery(memory.filter)
        if memory.place == .pendingUpdates { screens.append(.pendingUpdates) }
        remembered = memory
    }

    /// The memory to keep, when the last key changed it.
    mutating func rememberChanges() -> [ConsoleEffect] {
        let now = memory
        guard now != remembered else { return [] }
        remembered = now
        return [.remember(now)]
    }
}
