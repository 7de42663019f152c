import Foundation
import RootmailCore
import TerminalUI

extension ConsoleState {
    /// Applies one event and returns the work it asks for. Pure apart from `self`: no clock,
    /// no terminal, no backend.
    public mutating func reduce(_ event: ConsoleEvent) -> [ConsoleEffect] {
        var effects: [ConsoleEffect] = []
        switch event {
        case .key(let key):
            guard let action = KeyTable.action(for: key, in: keyContexts) else { return [] }
            // Nothing happens unseen: below the minimum size only quitting works.
            guard ConsoleLayout.isLargeEnough(size) || action == .quit else { return [] }
            // A message stays while the user browses, and goes with the next thing they do.
            if !action.isMovement { status = nil }
            return perform(action)
        case .resized(let newSize):
            size = newSize
        case .tick(let date):
            now = date
            if isBusy { spinnerFrame &+= 1 }
        case .hangup:
            isFinished = true
            return [.quit]
        case .storeWatchDue:
            guard !isCheckingStore else { return [] }
            isCheckingStore = true
            return [.checkStore]
        case .storeChecked(let result):
            isCheckingStore = false
            effects = storeChecked(result)
        case .sessionLoaded(.success(let loaded)):
            session = .loaded(loaded)
            effects = dropCachedAccounts(unlessOf: loaded.organization.id)
        case .sessionLoaded(.failure(let error)):
            session = .failed(error)
            status = .error("Could not read the organization: \(error) Press R to retry.")
        case .accountsPage(let generation, let page, let isLast):
            receiveAccounts(page, generation: generation, isLast: isLast)
        case .accountsFailed(let generation, let error):
            guard let load = accountsLoad, load.generation == generation else { return [] }
            accountsLoad = nil
            // The cause comes early: at 80 columns the line is cut after the error's type.
            let listed = "\(load.loadedCount) \(load.loadedCount == 1 ? "account" : "accounts")"
            let kept = accountsFromCache.map {
                " The cached list from \(TimeText.age(now.timeIntervalSince($0.fetchedAt))) stays."
            }
            status = .error("Listing stopped after \(listed): \(error)\(kept ?? "") Press R to retry.")
        case .cachedAccountsLoaded(let generation, let result):
            effects = receiveCachedAccounts(result, generation: generation)
        case .accountsNotCached(let error):
            // The list on screen is right; only the next start misses it. An error shown stays.
            if status?.kind != .error {
                status = .error("The account list could not be kept for the next start: \(error)")
            }
        case .openUpdatesLoaded(let result):
            receiveOpenUpdates(result)
        case .accountDescribed(let id, let result):
            guard details?.accountID == id else { return [] }
            details?.description = Loadable(result)
        case .primaryEmailLoaded(let id, let result):
            guard details?.accountID == id else { return [] }
            details?.primaryEmail = Loadable(result)
        case .updateStarted(let id, let result):
            changesInFlight.remove(id)
            updateStarted(id, result)
        case .updateAccepted(let id, let outcome):
            changesInFlight.remove(id)
            updateAccepted(id, outcome)
        case .codeResent(let id, let result):
            changesInFlight.remove(id)
            codeResent(id, result)
        case .updateDiscarded(let id, let result):
            changesInFlight.remove(id)
            updateDiscarded(id, result)
        case .uncertainResolved(let id, let result):
            changesInFlight.remove(id)
            uncertainResolved(id, result)
        case .throttled(let wait):
            showThrottleWait(wait)
        }
        // Lists may have grown or shrunk under their cursors.
        refitCursors()
        return effects
    }

    // MARK: Lists

    private mutating func receiveAccounts(_ page: [Account], generation: Int, isLast: Bool) {
        guard var load = accountsLoad, load.generation == generation else { return }
        // Take the lists out of the state first so appending does not copy 50,000 accounts.
        accountsLoad = nil
        if var replacement = load.replacement {
            load.replacement = nil
            replacement.append(page)
            load.loadedCount = replacement.totalCount
            if isLast {
                showRefreshedAccounts(replacement)
            } else {
                load.replacement = replacement
                accountsLoad = load
            }
        } else {
            let rows = accounts.append(page)
            accountsCursor.itemsInserted(at: rows, count: accounts.shownCount, height: accountsTableHeight)
            load.loadedCount = accounts.totalCount
            if !isLast { accountsLoad = load }
        }
    }

    private mutating func showRefreshedAccounts(_ refreshed: AccountList) {
        let selectedID = selectedAccount?.id
        var refreshed = refreshed
        // The user may have sorted or filtered while the refresh ran.
        refreshed.setSort(accounts.sort)
        refreshed.setQuery(accounts.query)
        // Both lists hold each account once: what is not new was kept, the rest is gone.
        let added = refreshed.accounts.count(where: { accounts.account($0.id) == nil })
        let gone = accounts.totalCount - (refreshed.totalCount - added)
        accounts = refreshed
        accountsFromCache = nil
        keepSelection(on: selectedID)
        // A background refresh may end long after the user moved on: it does not hide their message.
        guard status == nil else { return }
        let changes = [added > 0 ? "\(added) new" : nil, gone > 0 ? "\(gone) gone" : nil].compactMap { $0 }
        let detail = changes.isEmpty ? "" : " (\(changes.joined(separator: ", ")))"
        status = .success("Refreshed: \(accounts.totalCount) accounts\(detail).")
    }

    /// Shows the cached list while the load lists afresh out of sight, if nothing of the fresh
    /// listing is shown yet and the list is of the session's organization (when known).
    private mutating func receiveCachedAccounts(_ result: Result<CachedAccountList?, RootmailError>,
                                                generation: Int) -> [ConsoleEffect] {
        guard var load = accountsLoad, load.generation == generation, load.replacement == nil,
              accounts.totalCount == 0 else { return [] }
        switch result {
        case .success(nil):
            return []
        case .failure(let error):
            status = StatusMessage("The cached account list was ignored: \(error) Listing the accounts afresh.")
            return []
        case .success(let cached?):
            if let organizationID = session.value?.organization.id, organizationID != cached.organizationID {
                return [.forgetCachedAccounts(organizationID: cached.organizationID)]
            }
            accounts.append(cached.accounts)
            accountsCursor = ListCursor()
            accountsFromCache = CachedAccountsOrigin(organizationID: cached.organizationID, fetchedAt: cached.fetchedAt)
            load.replacement = emptyAccountList()
            accountsLoad = load
            return []
        }
    }

    /// A cached list of another organization than the one the backend answers for must not
    /// stand for it: what the fresh listing has found so far is shown instead.
    private mutating func dropCachedAccounts(unlessOf organizationID: String) -> [ConsoleEffect] {
        guard let origin = accountsFromCache, origin.organizationID != organizationID else { return [] }
        let selectedID = selectedAccount?.id
        accountsFromCache = nil
        if var load = accountsLoad, let listedSoFar = load.replacement {
            load.replacement = nil
            accounts = listedSoFar
            accountsLoad = load
        } else {
            accounts = emptyAccountList()
        }
        keepSelection(on: selectedID)
        status = StatusMessage("The cached account list was of organization \(origin.organizationID), "
            + "not \(organizationID); it was dropped.")
        return [.forgetCachedAccounts(organizationID: origin.organizationID)]
    }

    /// An empty list sorted and filtered as the shown one.
    func emptyAccountList() -> AccountList {
        var list = AccountList(sort: accounts.sort)
        list.setQuery(accounts.query)
        return list
    }

    /// Another process changed the data directory (the command line completed, discarded or
    /// started an update): the pending marks and the Pending updates screen are read again.
    private mutating func storeChecked(_ result: Result<Int?, RootmailError>) -> [ConsoleEffect] {
        // A failing check is not shown: the next one tries again, and "as of" tells the age.
        guard case .success(let count?) = result, count != storeChangeCount else { return [] }
        // A read already on its way may have started before the change: look again next time.
        guard !isLoadingOpenUpdates else { return [] }
        storeChangeCount = count
        isLoadingOpenUpdates = true
        return [.loadOpenUpdates]
    }

    private mutating func receiveOpenUpdates(_ result: Result<[OpenUpdate], RootmailError>) {
        isLoadingOpenUpdates = false
        switch result {
        case .success(let updates):
            openUpdatesAsOf = now
            let formAccount = openCodeForm?.accountID
            let wasOpen = formAccount.map { openUpdates[$0] != nil } ?? false
            changeOpenUpdates { $0.replaceAll(with: updates) }
            if let formAccount, wasOpen, openUpdates[formAccount] == nil {
                _ = changeCodeForm(of: formAccount) { form in
                    form.message = .error("The update is no longer pending: another rootmail session completed "
                        + "or discarded it. Esc closes.")
                }
            }
            guard !hasAnnouncedOpenUpdates else { return }
            hasAnnouncedOpenUpdates = true
            if !updates.isEmpty, status?.kind != .error {
                let noun = updates.count == 1 ? "pending email update" : "pending email updates"
                status = StatusMessage("\(updates.count) \(noun) — press p")
            }
        case .failure(let error):
            status = .error("Could not read the pending updates: \(error)")
        }
    }

    var accountsTableHeight: Int { ConsoleLayout.tableHeight(size) }

    mutating func keepSelection(on id: AccountID?) {
        if let id, let row = accounts.shownRow(of: id) {
            accountsCursor.select(row, count: accounts.shownCount, height: accountsTableHeight)
        } else {
            accountsCursor.fit(count: accounts.shownCount, height: accountsTableHeight)
        }
    }

    /// Changes the open updates, keeping the Pending updates selection on its account: a resend
    /// or a refresh re-sorts the list, and the next key must act on the account the user chose.
    mutating func changeOpenUpdates(_ change: (inout OpenUpdateList) -> Void) {
        let selectedID = selectedOpenUpdate?.accountID
        change(&openUpdates)
        let height = ConsoleLayout.tableHeight(size)
        if let selectedID, let row = openUpdates.row(of: selectedID) {
            pendingCursor.select(row, count: openUpdates.count, height: height)
        } else {
            pendingCursor.fit(count: openUpdates.count, height: height)
        }
    }

    mutating func refitCursors() {
        accountsCursor.fit(count: accounts.shownCount, height: accountsTableHeight)
        pendingCursor.fit(count: openUpdates.count, height: ConsoleLayout.tableHeight(size))
        helpScroll = max(0, min(helpScroll, HelpContent.lines.count - ConsoleLayout.bodyHeight(size)))
    }

    // MARK: Changes

    private mutating func updateStarted(_ id: AccountID, _ result: Result<OpenUpdate, RootmailError>) {
        let name = accountName(id)
        switch result {
        case .success(let open):
            changeOpenUpdates { $0.record(open) }
            let sent = "A verification code was sent to \(open.update.newEmail); enter it within 24 hours."
            if case .updateEmail(var dialog)? = overlay, dialog.accountID == id, case .email = dialog.step {
                dialog.step = .code(VerificationCodeForm(accountID: id, message: StatusMessage(sent)))
                overlay = .updateEmail(dialog)
            } else {
                status = .success("Update of \(name) started: \(sent) Press p to complete it.")
            }
        case .failure(let error):
            if case .updateEmail(var dialog)? = overlay, dialog.accountID == id, case .email(var form) = dialog.step {
                form.isSaving = false
                form.throttleWait = nil
                form.message = .error(error.description)
                dialog.step = .email(form)
                overlay = .updateEmail(dialog)
            } else {
                status = .error("The update of \(name) did not start: \(error)")
            }
        }
    }

    private mutating func updateAccepted(_ id: AccountID, _ outcome: AcceptOutcome) {
        switch outcome {
        case .accepted(let email):
            changeOpenUpdates { $0.remove(id) }
            showNewAddress(email, of: id)
            if overlay?.accountID == id { overlay = nil }
            status = .success("The root email address of \(accountName(id)) is now \(email).")
        case .rejected(let error, let remaining):
            changeOpenUpdates { if let remaining { $0.record(remaining) } else { $0.remove(id) } }
            let message = Self.rejection(error, remaining: remaining, at: now)
            let shownInDialog = changeCodeForm(of: id) { form in
                form.work = nil
                form.input.clear()
                form.focus = .field
                form.message = .error(message)
            }
            if !shownInDialog { status = .error("\(accountName(id)): \(message)") }
        }
    }

    /// The refusal in words, with the attempts left after a wrong code.
    static func rejection(_ error: RootmailError, remaining: OpenUpdate?, at now: Date) -> String {
        guard error.serviceError?.knownReason == .codeIncorrect, let remaining else { return error.description }
        let left = remaining.update.attemptsLeft
        if left > 0, remaining.condition(at: now) == .awaitingCode {
            return "\(error) \(left) \(left == 1 ? "attempt" : "attempts") left."
        }
        return "\(error) No attempts left: the code is void; Resend code sends a new one."
    }

    private mutating func codeResent(_ id: AccountID, _ result: Result<OpenUpdate, RootmailError>) {
        switch result {
        case .success(let open):
            changeOpenUpdates { $0.record(open) }
            if case .confirmResend(let confirmation)? = overlay, confirmation.accountID == id { overlay = nil }
            let text = "A new code was sent to \(open.update.newEmail); the 24 hours start again."
            let shownInDialog = changeCodeForm(of: id) { form in
                form.work = nil
                form.input.clear()
                form.focus = .field
                form.message = StatusMessage(text)
            }
            if !shownInDialog { status = .success("\(accountName(id)): \(text)") }
        case .failure(let error):
            if case .confirmResend(var confirmation)? = overlay, confirmation.accountID == id {
                confirmation.isSending = false
                confirmation.message = .error(error.description)
                overlay = .confirmResend(confirmation)
                return
            }
            let shownInDialog = changeCodeForm(of: id) { form in
                form.work = nil
                form.message = .error(error.description)
            }
            if !shownInDialog { status = .error("\(accountName(id)): no new code was sent: \(error)") }
        }
    }

    private mutating func updateDiscarded(_ id: AccountID, _ result: Result<Void, RootmailError>) {
        let name = accountName(id)
        switch result {
        case .success:
            changeOpenUpdates { $0.remove(id) }
            if overlay?.accountID == id { overlay = nil }
            status = .success("rootmail no longer tracks the update of \(name); the code already sent expires unused.")
        case .failure(let error):
            if case .confirmDiscard(var confirmation)? = overlay, confirmation.accountID == id {
                confirmation.isDiscarding = false
                confirmation.message = .error(error.description)
                overlay = .confirmDiscard(confirmation)
            } else {
                status = .error("Could not discard the update of \(name): \(error)")
            }
        }
    }

    private mutating func uncertainResolved(_ id: AccountID, _ result: Result<OpenUpdate, RootmailError>) {
        let name = accountName(id)
        let message: StatusMessage
        switch result {
        case .success(let resolved):
            changeOpenUpdates { $0.record(resolved) }
            let update = resolved.update
            switch update.phase {
            case .completed:
                showNewAddress(update.newEmail, of: id)
                message = .success("The update of \(name) went through: its root address is now \(update.newEmail).")
            case .discarded:
                message = .error("The update of \(name) did not reach AWS; start it again with Update email address.")
            default:
                message = .success("The update of \(name) is \(resolved.condition(at: now).label): "
                    + resolved.condition(at: now).explanation)
            }
        case .failure(let error):
            message = .error("Could not resolve the update of \(name): \(error)")
        }
        let shownInDialog = changeCodeForm(of: id) { form in
            form.work = nil
            form.message = message
        }
        if !shownInDialog { status = message }
    }

    /// The wait shows where the call was started: in the Update dialog while it saves, else on
    /// the status line.
    private mutating func showThrottleWait(_ wait: ThrottleWait) {
        if case .updateEmail(var dialog)? = overlay, dialog.accountID == wait.accountID,
           case .email(var form) = dialog.step, form.isSaving {
            form.throttleWait = wait
            dialog.step = .email(form)
            overlay = .updateEmail(dialog)
            return
        }
        guard changesInFlight.contains(wait.accountID) else { return }
        status = StatusMessage("\(accountName(wait.accountID)): \(wait.operation) was throttled (\(AWSMessages.throttled)); "
            + "retrying in \(wait.seconds) s…")
    }

    /// Shows an accepted address at once, in the list and in the details.
    private mutating func showNewAddress(_ email: EmailAddress, of id: AccountID) {
        let selectedID = selectedAccount?.id
        accounts.setEmail(email.rawValue, of: id)
        // A refresh running now may have listed the account before the change.
        accountsLoad?.replacement?.setEmail(email.rawValue, of: id)
        keepSelection(on: selectedID)
        if details?.accountID == id { details?.primaryEmail = .loaded(email) }
    }

    /// Changes the open code form of an account, if one is open; true when it was.
    mutating func changeCodeForm(of id: AccountID, _ change: (inout VerificationCodeForm) -> Void) -> Bool {
        switch overlay {
        case .updateEmail(var dialog)? where dialog.accountID == id:
            guard case .code(var form) = dialog.step else { return false }
            change(&form)
            dialog.step = .code(form)
            overlay = .updateEmail(dialog)
            return true
        case .completeEmail(var form)? where form.accountID == id:
            change(&form)
            overlay = .completeEmail(form)
            return true
        default:
            return false
        }
    }
}

extension Loadable {
    init(_ result: Result<Value, RootmailError>) {
        switch result {
        case .success(let value): self = .loaded(value)
        case .failure(let error): self = .failed(error)
        }
    }
}
