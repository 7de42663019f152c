import Foundation
import RootmailCore

extension ConsoleState {
    /// Performs what a key means where the user is.
    mutating func perform(_ action: ConsoleAction) -> [ConsoleEffect] {
        switch action {
        case .quit:
            isFinished = true
            return [.quit]
        case .back:
            goBack()
        case .help:
            screens.append(.help)
            helpScroll = 0
        case .refresh:
            return refresh()
        case .showPending:
            if screen != .pendingUpdates {
                screens.append(.pendingUpdates)
                pendingCursor = ListCursor()
            }
            isLoadingOpenUpdates = true
            return [.loadOpenUpdates]
        case .moveUp: move(by: -1)
        case .moveDown: move(by: 1)
        case .pageUp: page(by: -1)
        case .pageDown: page(by: 1)
        case .moveToTop: move(by: -Int.max / 2)
        case .moveToBottom: move(by: Int.max / 2)
        case .open:
            return openSelectedAccount()
        case .startFilter:
            filterInput = TextInput(accounts.query)
        case .keepFilter:
            filterInput = nil
        case .clearFilter:
            filterInput = nil
            applyFilter("")
        case .sort(let column):
            let selectedID = selectedAccount?.id
            accounts.setSort(accounts.sort.choosing(column))
            keepSelection(on: selectedID)
        case .showActions:
            guard let id = targetAccountID else { return [] }
            overlay = .actions(ActionsMenuState(accountID: id))
        case .updateEmail:
            openUpdateDialog()
        case .completeEmail:
            openCompleteDialog()
        case .resendCode:
            confirmResendFromList()
        case .discardUpdate:
            confirmDiscardFromList()
        case .resolveUpdate:
            return resolveFromList()
        case .nextFocus:
            moveFocus(by: 1)
        case .previousFocus:
            moveFocus(by: -1)
        case .activate:
            return activate()
        case .type(let character): editField { $0.insert(character) }
        case .deleteBackward: editField { $0.deleteBackward() }
        case .deleteForward: editField { $0.deleteForward() }
        case .cursorLeft: editField { $0.moveLeft() }
        case .cursorRight: editField { $0.moveRight() }
        case .cursorToStart: editField { $0.moveToStart() }
        case .cursorToEnd: editField { $0.moveToEnd() }
        case .clearField: editField { $0.clear() }
        }
        return []
    }

    // MARK: Navigation

    private mutating func goBack() {
        if let overlay {
            switch overlay {
            case .updateEmail(let dialog):
                if case .code = dialog.step { announceStillPending(dialog.accountID) }
            case .completeEmail(let form):
                announceStillPending(form.accountID)
            case .actions, .confirmDiscard, .confirmResend:
                break
            }
            self.overlay = nil
            return
        }
        guard screens.count > 1 else { return }
        if case .details = screens.removeLast() { details = nil }
    }

    /// Closing a code form leaves the update pending; the status line says how to come back.
    private mutating func announceStillPending(_ id: AccountID) {
        guard let open = openUpdates[id], open.condition(at: now) == .awaitingCode else { return }
        let left = TimeText.duration(open.update.timeLeft(at: now))
        status = StatusMessage("Still pending: \(accountName(id)) → \(open.update.newEmail), \(left) left; "
            + "p lists it.")
    }

    private mutating func refresh() -> [ConsoleEffect] {
        isLoadingOpenUpdates = true
        switch screen {
        case .accounts:
            accountsGeneration += 1
            var load = AccountsLoad(generation: accountsGeneration)
            if accounts.totalCount > 0 { load.replacement = emptyAccountList() }
            accountsLoad = load
            var effects: [ConsoleEffect] = [.loadAccounts(generation: accountsGeneration), .loadOpenUpdates]
            if case .failed = session {
                session = .loading
                effects.insert(.loadSession, at: 0)
            }
            return effects
        case .details(let id):
            details = AccountDetailsState(accountID: id)
            return [.describeAccount(id), .loadPrimaryEmail(id), .loadOpenUpdates]
        case .pendingUpdates, .help:
            return [.loadOpenUpdates]
        }
    }

    private mutating func openSelectedAccount() -> [ConsoleEffect] {
        guard let account = selectedAccount else { return [] }
        screens.append(.details(account.id))
        details = AccountDetailsState(accountID: account.id)
        return [.describeAccount(account.id), .loadPrimaryEmail(account.id)]
    }

    // MARK: Lists

    private mutating func move(by rows: Int) {
        if case .actions(var menu)? = overlay {
            menu.selected = cycle(menu.selected, in: AccountAction.allCases, by: rows.signum())
            overlay = .actions(menu)
            return
        }
        switch screen {
        case .accounts:
            accountsCursor.move(by: rows, count: accounts.shownCount, height: accountsTableHeight)
        case .pendingUpdates:
            pendingCursor.move(by: rows, count: openUpdates.count, height: ConsoleLayout.tableHeight(size))
        case .help:
            scrollHelp(by: rows)
        case .details:
            break
        }
    }

    private mutating func page(by pages: Int) {
        switch screen {
        case .accounts:
            accountsCursor.page(by: pages, count: accounts.shownCount, height: accountsTableHeight)
        case .pendingUpdates:
            pendingCursor.page(by: pages, count: openUpdates.count, height: ConsoleLayout.tableHeight(size))
        case .help:
            let height = ConsoleLayout.bodyHeight(size)
            scrollHelp(by: pages * height)
        case .details:
            break
        }
    }

    private mutating func scrollHelp(by rows: Int) {
        let last = max(0, HelpContent.lines.count - ConsoleLayout.bodyHeight(size))
        helpScroll = max(0, min(last, helpScroll + rows))
    }

    /// The selected account stays selected while the filter lets it through (clearing the
    /// filter too); once it is filtered out the first match is selected.
    mutating func applyFilter(_ query: String) {
        guard query != accounts.query else { return }
        let selectedID = selectedAccount?.id
        accounts.setQuery(query)
        if let selectedID, accounts.shownRow(of: selectedID) != nil {
            keepSelection(on: selectedID)
        } else {
            accountsCursor = ListCursor()
        }
    }

    // MARK: Account actions

    private mutating func openUpdateDialog() {
        guard let id = targetAccountID, let account = knownAccount(id) else { return }
        if let reason = reasonUnavailable(.updateEmail, for: id) {
            status = .error(reason)
            return
        }
        overlay = .updateEmail(UpdateEmailDialogState(
            accountID: id, accountName: account.name, currentEmail: currentEmail(of: account)))
    }

    private mutating func openCompleteDialog() {
        guard let id = targetAccountID else { return }
        if let reason = reasonUnavailable(.completeEmail, for: id) {
            status = .error(reason)
            return
        }
        overlay = .completeEmail(VerificationCodeForm(accountID: id))
    }

    /// A new code voids the one already mailed: `r` asks first, as Discard does.
    private mutating func confirmResendFromList() {
        guard let open = selectedOpenUpdate else { return }
        if let reason = reasonUnavailable(.updateEmail, for: open.accountID) {
            status = .error(reason)
            return
        }
        overlay = .confirmResend(ResendConfirmation(accountID: open.accountID))
    }

    private mutating func confirmDiscardFromList() {
        guard let open = selectedOpenUpdate else { return }
        if let session = session.value, let refusal = EmailUpdateService.discardRefusal(for: session.caller) {
            status = .error(refusal.description)
            return
        }
        overlay = .confirmDiscard(DiscardConfirmation(accountID: open.accountID))
    }

    private mutating func resolveFromList() -> [ConsoleEffect] {
        guard let open = selectedOpenUpdate else { return [] }
        let condition = open.condition(at: now)
        guard condition == .uncertain else {
            status = StatusMessage("Only an uncertain update needs resolving; this one is \(condition.label).")
            return []
        }
        guard changesInFlight.insert(open.accountID).inserted else { return [] }
        status = StatusMessage("Asking the backend about the update of \(accountName(open.accountID))…")
        return [.resolveUncertain(open.accountID)]
    }
}
