import Foundation
import RootmailCore
import TerminalUI

extension ConsoleState {
    /// Applies one event and returns the work it asks for. Pure apart from `self`: no clock,
    /// no terminal, no backend. Keys go to the dialog or screen in front; answers go to the
    /// shared lists, and from there to the dialog that asked.
    mutating func reduce(_ event: ConsoleEvent) -> [ConsoleEffect] {
        var effects: [ConsoleEffect] = []
        switch event {
        case .key(let key):
            guard let action = KeyTable.action(for: key, in: keyContexts) else { return [] }
            // Nothing happens unseen: below the minimum size only quitting works.
            guard ConsoleLayout.isLargeEnough(size) || action == .quit else { return [] }
            // A message stays while the user browses, and goes with the next thing they do.
            if !action.isMovement { status = nil }
            return perform(action) + rememberChanges()
        case .resized(let newSize):
            size = newSize
        case .tick(let date):
            now = date
            if isBusy { spinnerFrame &+= 1 }
        case .hangup:
            isFinished = true
            return []
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
            status = .error(ConsoleMessages.organizationUnreadable(error))
        case .accountsPage(let generation, let page, let isLast):
            receiveAccounts(page, generation: generation, isLast: isLast)
        case .accountsFailed(let generation, let error):
            accountsFailed(error, generation: generation)
        case .cachedAccountsHeadLoaded(let generation, let result):
            effects = receiveCachedAccounts(result, generation: generation)
        case .cachedAccountsLoaded(let generation, let result):
            effects = accountsFromCache == nil ? receiveCachedAccounts(result, generation: generation)
                : completeCachedAccounts(result, generation: generation)
        case .accountsNotCached(let error):
            // The list on screen is right; only the next start misses it. An error shown stays.
            if status?.kind != .error { status = .error(ConsoleMessages.listNotCached(error)) }
        case .openUpdatesLoaded(let result):
            receiveOpenUpdates(result)
        case .accountDescribed, .primaryEmailLoaded:
            details?.reduce(event)
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
        case .migrationCreated, .migrationRowChanged, .migrationStartsEnded, .migrationCodeRefused,
             .migrationsLoaded:
            effects = receiveMigrationAnswer(event)
        case .copiedToClipboard(let copy, let taken):
            copiedToClipboard(copy, taken: taken)
        case .notRemembered(let reason):
            status = .error(ConsoleMessages.notRemembered(reason))
        }
        // Lists may have grown or shrunk under their cursors.
        refitCursors()
        return effects
    }

    /// Performs what a key means where the user is: the console's own keys (navigation, and
    /// the account keys, which open a dialog or send a change) here, the rest in the dialog or
    /// screen in front.
    mutating func perform(_ action: ConsoleAction) -> [ConsoleEffect] {
        switch action {
        case .quit:
            // A migration's Starts stop with the console: ask first (Ctrl-C in the question quits).
            if migration?.isStarting == true, overlay?.isQuitConfirmation != true {
                overlay = .confirmQuit(QuitConfirmation())
                return []
            }
            isFinished = true
        case .back:
            goBack()
        case .help:
            help = HelpScreenState(openedFrom: keyContexts)
            screens.append(.help)
        case .refresh:
            return refresh()
        case .showPending:
            return showPending()
        case .open:
            guard let account = selectedAccount else { return [] }
            return showDetails(of: account.id)
        case .showActions:
            openActionsMenu()
        case .updateEmail:
            openUpdateDialog()
        case .completeEmail:
            openCompleteDialog()
        case .resendCode:
            guard let open = selectedOpenUpdate else { return [] }
            openResendConfirmation(for: open.accountID)
        case .discardUpdate:
            guard let open = selectedOpenUpdate else { return [] }
            openDiscardConfirmation(for: open.accountID)
        case .resolveUpdate:
            return resolveSelectedUpdate()
        case .toggleMark:
            toggleMark()
        case .markShown:
            markShown()
        case .planMigration:
            openMigrationRuleDialog()
        case .startMigration:
            return startPreviewedMigration()
        case .showMigrations:
            return showMigrations()
        case .openMigration:
            return openSelectedMigration()
        case .enterMigrationCode:
            openMigrationCodeForm()
        case .cycleStateFilter:
            migrationScreen.cycleFilter(migration, size: size)
        case .copy(let item):
            return copy(item)
        default:
            if overlay != nil { return reduceOverlay(action) }
            switch screen {
            case .accounts: accountsScreen.reduce(action, list: &accounts, height: ConsoleLayout.tableHeight(size))
            case .pendingUpdates: pendingScreen.reduce(action, updates: openUpdates, height: ConsoleLayout.tableHeight(size))
            case .help: help.reduce(action, bodyHeight: ConsoleLayout.bodyHeight(size))
            case .migrationPreview: migrationPreview?.reduce(action, size: size)
            case .migration: migrationScreen.reduce(action, migration, size: size)
            case .migrations: migrationsScreen.reduce(action, height: ConsoleLayout.tableHeight(size))
            case .details: break
            }
        }
        return []
    }

    /// The dialog in front takes the key; what it asks of the console is done here.
    private mutating func reduceOverlay(_ action: ConsoleAction) -> [ConsoleEffect] {
        let context = dialogContext
        guard let outcome = overlay?.reduce(action, context) else { return [] }
        switch outcome {
        case .stay(let effects):
            // One request at a time per account: the dialogs asked only for accounts not in flight.
            changesInFlight.formUnion(effects.compactMap(\.changedAccount))
            return effects
        case .close:
            overlay = nil
            return []
        case .perform(let next):
            return perform(next)
        case .previewMigration(let rule, let ruleText):
            previewMigration(rule, ruleText: ruleText)
            return []
        case .acceptMigrationCodes(let codes):
            return acceptMigrationCodes(codes)
        }
    }

    // MARK: Navigation

    private mutating func goBack() {
        if let overlay {
            if let form = overlay.codeForm { announceStillPending(form.accountID) }
            self.overlay = nil
            return
        }
        guard screens.count > 1 else { return }
        switch screens.removeLast() {
        case .details: details = nil
        case .migrationPreview: backFromMigrationPreview()
        default: break
        }
    }

    /// Closing a code form leaves the update pending; the status line says how to come back.
    private mutating func announceStillPending(_ id: AccountID) {
        guard let open = openUpdates[id], open.condition(at: now) == .awaitingCode else { return }
        let left = TimeText.duration(open.update.timeLeft(at: now))
        status = StatusMessage(ConsoleMessages.stillPending(accountName(id), to: open.update.newEmail, left: left))
    }

    private mutating func refresh() -> [ConsoleEffect] {
        isLoadingOpenUpdates = true
        switch screen {
        case .accounts: return refreshAccounts() + [.loadOpenUpdates]
        case .details(let id): return openDetails(of: id) + [.loadOpenUpdates]
        case .pendingUpdates, .help, .migrationPreview, .migration: return [.loadOpenUpdates]
        case .migrations: return [.loadOpenUpdates] + showMigrations()
        }
    }

    private mutating func refitCursors() {
        accountsScreen.fit(accounts, height: ConsoleLayout.tableHeight(size))
        pendingScreen.fit(openUpdates, height: ConsoleLayout.tableHeight(size))
        help.fit(bodyHeight: ConsoleLayout.bodyHeight(size))
        migrationPreview?.fit(size: size)
        migrationScreen.fit(migration, size: size)
        migrationsScreen.fit(height: ConsoleLayout.tableHeight(size))
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
