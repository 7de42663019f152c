import Foundation
import RootmailCore
import Testing
import TerminalUI
@testable import RootmailConsole

/// Every screen and dialog state, at 80×24 and 132×40, as the user sees it.
@Suite(.tags(.snapshot)) struct ScreenSnapshotTests {
    // MARK: Accounts

    @Test func accountsList() async {
        let console = await ConsoleDriver()
        Snapshot.check(console.state, named: "accounts")
    }

    @Test func accountsWhileTheFirstPageIsAllThereIs() async {
        let console = await ConsoleDriver(start: false)
        #expect(console.sendHoldingEffects(.tick(console.clock.now)).isEmpty)
        var state = console.state
        #expect(state.begin() == [.loadSession, .loadAccounts(generation: 0, cachedFirst: true), .loadOpenUpdates])
        _ = state.reduce(.sessionLoaded(.success(try! await console.service.session())))
        _ = state.reduce(.accountsPage(generation: 0, accounts: Array(TestOrganization.accounts.prefix(3)), isLast: false))
        Snapshot.check(state, named: "accounts.loading")
    }

    /// The list cached three hours ago, with the fresh listing three accounts in.
    private func accountsFromTheCache() async -> ConsoleState {
        let console = await ConsoleDriver(start: false)
        var state = console.state
        _ = state.begin()
        _ = state.reduce(.sessionLoaded(.success(try! await console.service.session())))
        _ = state.reduce(.cachedAccountsLoaded(generation: 0, .success(CachedAccountListTests.earlierList())))
        _ = state.reduce(.openUpdatesLoaded(.success([])))
        _ = state.reduce(.accountsPage(generation: 0, accounts: Array(TestOrganization.accounts.prefix(3)), isLast: false))
        return state
    }

    @Test func accountsFromTheCacheWhileRefreshing() async {
        Snapshot.check(await accountsFromTheCache(), named: "accounts.cached-refreshing",
                       sizes: [TerminalSize(rows: 24, columns: 80)])
    }

    @Test func accountsFromTheCacheWhileFilteringLeaveTheTitleWhole() async {
        var state = await accountsFromTheCache()
        for key: Key in [.character("/"), .character("s"), .character("a"), .character("n"), .character("d")] {
            _ = state.reduce(.key(key))
        }
        Snapshot.check(state, named: "accounts.cached-filtering", sizes: [TerminalSize(rows: 24, columns: 80)])
    }

    @Test func accountsFromTheCacheAfterTheRefreshFailed() async {
        var state = await accountsFromTheCache()
        _ = state.reduce(.accountsFailed(generation: 0, CachedAccountListTests.throttled))
        Snapshot.check(state, named: "accounts.cached-refresh-failed", sizes: [TerminalSize(rows: 24, columns: 80)])
    }

    @Test func accountsFilteredWhileTyping() async {
        let console = await ConsoleDriver()
        await console.press(.character("/"))
        await console.type("an")
        Snapshot.check(console.state, named: "accounts.filtering")
    }

    @Test func accountsFilterMatchingNothing() async {
        let console = await ConsoleDriver()
        await console.press(.character("/"))
        await console.type("nowhere")
        await console.press(.enter)
        Snapshot.check(console.state, named: "accounts.filter-matches-nothing")
    }

    @Test func accountsSortedByJoinedDateNewestFirst() async {
        let console = await ConsoleDriver()
        await console.press(.character("J"), .character("J"), .character("j"))
        Snapshot.check(console.state, named: "accounts.sorted-by-joined-descending")
    }

    @Test func accountsNarrowingDropsColumns() async {
        let console = await ConsoleDriver()
        await startUpdate(console, account: "Zürich Analytics", to: "analytics@example.net")
        await console.press(.escape)
        Snapshot.check(console.state, named: "accounts.narrow", sizes: [
            TerminalSize(rows: 12, columns: 48), TerminalSize(rows: 16, columns: 60),
            TerminalSize(rows: 24, columns: 72), TerminalSize(rows: 24, columns: 100),
        ])
    }

    @Test func accountsWithAPendingUpdate() async {
        let console = await ConsoleDriver()
        await startUpdate(console, account: "Zürich Analytics", to: "analytics@example.net")
        await console.press(.escape)
        await console.advanceClock(by: 3 * 3600 + 25 * 60)
        Snapshot.check(console.state, named: "accounts.with-pending-update")
    }

    @Test func accountsAtStartWithPendingUpdatesFromAnEarlierSession() async {
        let earlier = await ConsoleDriver()
        await startUpdate(earlier, account: "Zürich Analytics", to: "analytics@example.net")
        await earlier.press(.escape)
        await startUpdate(earlier, account: "Data Lake", to: "lake@example.net")
        earlier.clock.advance(by: 600)
        let console = await ConsoleDriver(store: earlier.store, clock: earlier.clock)
        Snapshot.check(console.state, named: "accounts.pending-at-start")
    }

    @Test func accountsAfterAnUpdateIsCompleted() async {
        let console = await ConsoleDriver()
        await startUpdate(console, account: "Zürich Analytics", to: "analytics@example.net")
        await console.type(console.organization.lastCode(for: TestOrganization.zurich)!)
        await console.press(.enter)
        Snapshot.check(console.state, named: "accounts.after-complete")
    }

    // MARK: Details and actions

    @Test func details() async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "Zürich Analytics")
        await console.press(.enter)
        Snapshot.check(console.state, named: "details")
    }

    @Test func detailsWithAPendingUpdate() async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "Zürich Analytics")
        await console.press(.enter)
        await console.press(.character("u"))
        await console.type("analytics@example.net")
        await console.press(.enter, .escape)
        await console.advanceClock(by: 90 * 60)
        Snapshot.check(console.state, named: "details.with-pending-update")
    }

    @Test func actionsMenuWithCompleteDisabled() async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "東京 Sandbox")
        await console.press(.enter, .character("a"))
        Snapshot.check(console.state, named: "actions-menu.no-pending-update")
    }

    @Test func actionsMenuForTheManagementAccount() async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "Management")
        await console.press(.character("a"))
        Snapshot.check(console.state, named: "actions-menu.management-account")
    }

    @Test func actionsMenuForACallerWithoutPermission() async {
        let console = await ConsoleDriver(caller: TestOrganization.auditor)
        await console.selectAccount(named: "Data Lake")
        await console.press(.character("a"), .down)
        Snapshot.check(console.state, named: "actions-menu.read-only-caller")
    }

    // MARK: Update email address

    @Test func updateDialogEmailStep() async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "Payments 💳 Production")
        await console.press(.character("u"))
        await console.type("payments@example.net")
        Snapshot.check(console.state, named: "update-dialog.email-step")
    }

    @Test func updateDialogInvalidAddress() async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "Payments 💳 Production")
        await console.press(.character("u"))
        await console.type("payments.example.net")
        await console.press(.enter)
        Snapshot.check(console.state, named: "update-dialog.invalid-address")
    }

    @Test func updateDialogAddressInUse() async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "Payments 💳 Production")
        await console.press(.character("u"))
        await console.type("DATA-LAKE@example.com")
        await console.press(.enter)
        Snapshot.check(console.state, named: "update-dialog.address-in-use")
    }

    @Test func updateDialogSaving() async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "Payments 💳 Production")
        await console.press(.character("u"))
        await console.type("payments@example.net")
        let held = console.sendHoldingEffects(.key(.enter))
        #expect(held.count == 1)
        Snapshot.check(console.state, named: "update-dialog.saving")
    }

    @Test func updateDialogCodeStep() async {
        let console = await ConsoleDriver()
        await startUpdate(console, account: "Payments 💳 Production", to: "payments@example.net")
        await console.type("48")
        Snapshot.check(console.state, named: "update-dialog.code-step")
    }

    @Test func updateDialogWrongCode() async {
        let console = await ConsoleDriver()
        await startUpdate(console, account: "Payments 💳 Production", to: "payments@example.net")
        await console.type("000000")
        await console.press(.enter)
        Snapshot.check(console.state, named: "update-dialog.wrong-code")
    }

    @Test func updateDialogCodeVoidedAfterFiveWrongCodes() async {
        let console = await ConsoleDriver()
        await startUpdate(console, account: "Payments 💳 Production", to: "payments@example.net")
        for _ in 1...5 {
            await console.type("000000")
            await console.press(.enter)
        }
        Snapshot.check(console.state, named: "update-dialog.code-voided")
    }

    // MARK: Complete email update

    @Test func completeDialog() async {
        let console = await ConsoleDriver()
        await startUpdate(console, account: "Zürich Analytics", to: "analytics@example.net")
        await console.press(.escape)
        await console.advanceClock(by: 5 * 3600)
        await console.press(.character("c"))
        Snapshot.check(console.state, named: "complete-dialog")
    }

    @Test func completeDialogAfterTheCodeExpired() async {
        let console = await ConsoleDriver()
        await startUpdate(console, account: "Zürich Analytics", to: "analytics@example.net")
        await console.press(.escape)
        await console.advanceClock(by: 25 * 3600)
        await console.press(.character("c"))
        Snapshot.check(console.state, named: "complete-dialog.expired")
    }

    @Test func completeDialogForAnUncertainUpdate() async {
        let store = InMemoryPendingUpdateStore()
        try! store.insert(uncertainUpdate())
        let console = await ConsoleDriver(store: store)
        await console.press(.character("p"), .enter)
        Snapshot.check(console.state, named: "complete-dialog.uncertain")
    }

    // MARK: Pending updates, help, small terminals

    @Test func pendingUpdates() async {
        let store = InMemoryPendingUpdateStore()
        try! store.insert(uncertainUpdate())
        let console = await ConsoleDriver(store: store)
        await startUpdate(console, account: "Zürich Analytics", to: "analytics@example.net")
        await console.press(.escape)
        await console.advanceClock(by: 3600)
        await startUpdate(console, account: "東京 Sandbox", to: "tokyo@example.net")
        await console.press(.escape)
        await console.advanceClock(by: 120)
        await console.press(.character("p"), .down)
        Snapshot.check(console.state, named: "pending-updates")
    }

    @Test func pendingUpdatesDiscardConfirmation() async {
        let console = await ConsoleDriver()
        await startUpdate(console, account: "Zürich Analytics", to: "analytics@example.net")
        await console.press(.escape, .character("p"), .character("x"))
        Snapshot.check(console.state, named: "pending-updates.discard-confirmation")
    }

    @Test func pendingUpdatesResendConfirmation() async {
        let console = await ConsoleDriver()
        await startUpdate(console, account: "Zürich Analytics", to: "analytics@example.net")
        await console.press(.escape, .character("p"), .character("r"))
        Snapshot.check(console.state, named: "pending-updates.resend-confirmation")
    }

    @Test func pendingUpdatesEmpty() async {
        let console = await ConsoleDriver()
        await console.press(.character("p"))
        Snapshot.check(console.state, named: "pending-updates.empty")
    }

    @Test func help() async {
        let console = await ConsoleDriver()
        await console.press(.character("?"))
        Snapshot.check(console.state, named: "help")
    }

    @Test func terminalTooSmall() async {
        let console = await ConsoleDriver()
        Snapshot.check(console.state, named: "too-small", sizes: [
            TerminalSize(rows: 8, columns: 30), TerminalSize(rows: 10, columns: 40),
        ])
    }

    // MARK: Steps

    /// Opens Update email address on an account and saves a new address: the dialog then
    /// shows the Verification code step.
    private func startUpdate(_ console: ConsoleDriver, account: String, to address: String) async {
        await console.selectAccount(named: account)
        await console.press(.character("u"))
        await console.type(address)
        await console.press(.enter)
    }

    /// An update whose Start was interrupted: the process that wrote it is gone.
    private func uncertainUpdate() -> PendingUpdate {
        let start = TestOrganization.start.addingTimeInterval(-7200)
        return PendingUpdate(
            organizationID: TestOrganization.organizationID, accountID: TestOrganization.legacy,
            accountName: "Legacy Billing", previousEmail: "legacy-billing@example.com",
            newEmail: try! EmailAddress("billing@example.net"), startedAt: start,
            expiresAt: start.addingTimeInterval(AWSMessages.codeLifetime),
            startedBy: "arn:aws:iam::111111111111:user/ops", phase: .starting, ownerPID: 0, updatedAt: start)
    }
}
