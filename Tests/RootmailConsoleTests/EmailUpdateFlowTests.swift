import Foundation
import RootmailCore
import Testing
import TerminalUI
@testable import RootmailConsole

/// The Update email address and Complete email update flows, key by key, against the service
/// and the test organization.
@Suite(.tags(.reducer, .snapshot)) struct EmailUpdateFlowTests {
    private func openUpdateDialog(_ console: ConsoleDriver, on name: String = "Zürich Analytics") async {
        await console.selectAccount(named: name)
        await console.press(.character("u"))
    }

    private func isOnCodeStep(_ state: ConsoleState) -> Bool {
        if case .updateEmail(let dialog)? = state.overlay, case .code = dialog.step { return true }
        return false
    }

    private func codeForm(_ state: ConsoleState) -> VerificationCodeForm? {
        switch state.overlay {
        case .updateEmail(let dialog)?:
            if case .code(let form) = dialog.step { return form }
            return nil
        case .completeEmail(let form)?:
            return form
        default:
            return nil
        }
    }

    private func dialogMessage(_ state: ConsoleState) -> StatusMessage? {
        if case .updateEmail(let dialog)? = state.overlay, case .email(let form) = dialog.step { return form.message }
        return codeForm(state)?.message
    }

    @Test func saveStartsTheUpdateAndConfirmCompletesIt() async throws {
        let console = await ConsoleDriver()
        await openUpdateDialog(console)
        await console.type("analytics@example.net")
        await console.press(.enter)
        let newEmail = try EmailAddress("analytics@example.net")
        #expect(console.effects.contains(.startUpdate(TestOrganization.zurich, accountName: "Zürich Analytics",
                                                       newEmail: newEmail, currentEmail: "zurich-analytics@example.com")))
        #expect(isOnCodeStep(console.state))
        #expect(try console.store.openUpdates(organizationID: nil).map(\.newEmail) == [newEmail])

        await console.type(try #require(console.organization.lastCode(for: TestOrganization.zurich)))
        await console.press(.enter)
        #expect(console.state.overlay == nil)
        #expect(console.state.accounts.account(TestOrganization.zurich)?.email == "analytics@example.net")
        #expect(console.organization.email(of: TestOrganization.zurich) == "analytics@example.net")
        #expect(console.state.openUpdates.isEmpty)
        #expect(console.state.status == .success("The root email address of Zürich Analytics is now analytics@example.net."))
        #expect(try console.store.openUpdates(organizationID: nil).isEmpty)
    }

    @Test func finishLaterKeepsTheUpdatePendingAcrossSessions() async throws {
        let console = await ConsoleDriver()
        await openUpdateDialog(console)
        await console.type("analytics@example.net")
        await console.press(.enter, .escape)
        #expect(console.state.overlay == nil)
        #expect(console.state.openUpdates[TestOrganization.zurich] != nil)
        #expect(console.state.status?.text.contains("Still pending: Zürich Analytics → analytics@example.net, 24h 0m left") == true)

        // The program is closed between Save and Confirm and started again an hour later.
        console.clock.advance(by: 3600)
        let later = await console.restarted()
        #expect(later.state.status?.text == "1 pending email update — press p")
        let timeLeft = later.state.openUpdates[TestOrganization.zurich]?.update.timeLeft(at: later.state.now)
        #expect(timeLeft.map(TimeText.duration) == "23h 0m")
        await later.press(.character("p"))
        #expect(later.state.screen == .pendingUpdates)
        await later.press(.enter)
        #expect(codeForm(later.state)?.accountID == TestOrganization.zurich)
        await later.type(try #require(later.organization.lastCode(for: TestOrganization.zurich)))
        await later.press(.enter)
        #expect(later.state.overlay == nil)
        #expect(later.state.openUpdates.isEmpty)
        #expect(later.state.accounts.account(TestOrganization.zurich)?.email == "analytics@example.net")
    }

    @Test func completeFromTheAccountDetailsShowsTheNewAddressAtOnce() async throws {
        let console = await ConsoleDriver()
        await openUpdateDialog(console)
        await console.type("analytics@example.net")
        await console.press(.enter, .escape, .enter)
        #expect(console.state.details?.primaryEmail == .loaded(try EmailAddress("zurich-analytics@example.com")))
        await console.press(.character("c"))
        await console.type(try #require(console.organization.lastCode(for: TestOrganization.zurich)))
        await console.press(.enter)
        #expect(console.state.details?.primaryEmail == .loaded(try EmailAddress("analytics@example.net")))
        let screen = Snapshot.render(console.state, size: console.state.size)
        #expect(screen.contains("Email        analytics@example.net"))
        #expect(!screen.contains("Pending email update"))
    }

    @Test func completingTheLastUpdateOfThePendingListKeepsASelection() async throws {
        let console = await ConsoleDriver()
        await openUpdateDialog(console, on: "Data Lake")
        await console.type("lake@example.net")
        await console.press(.enter, .escape)
        await console.advanceClock(by: 60)
        await openUpdateDialog(console, on: "Zürich Analytics")
        await console.type("analytics@example.net")
        await console.press(.enter, .escape, .character("p"), .character("G"))
        #expect(console.state.selectedOpenUpdate?.accountID == TestOrganization.zurich)
        await console.press(.enter)
        await console.type(try #require(console.organization.lastCode(for: TestOrganization.zurich)))
        await console.press(.enter)
        #expect(console.state.screen == .pendingUpdates)
        #expect(console.state.openUpdates.count == 1)
        #expect(console.state.selectedOpenUpdate?.update.newEmail.rawValue == "lake@example.net")
    }

    @Test func tabMovesBetweenTheFieldAndTheButtonsSafeButtonFirst() async {
        let console = await ConsoleDriver()
        await openUpdateDialog(console)
        await console.type("analytics@example.net")
        await console.press(.tab)
        guard case .updateEmail(let dialog)? = console.state.overlay, case .email(let form) = dialog.step else {
            Issue.record("the dialog closed")
            return
        }
        #expect(form.focus == .cancel)
        await console.press(.enter)
        #expect(console.state.overlay == nil)
        #expect(!console.effects.contains { if case .startUpdate = $0 { true } else { false } })

        await console.press(.character("u"))
        await console.type("analytics@example.net")
        await console.press(.tab, .tab, .backTab, .right)
        await console.press(.enter)
        #expect(isOnCodeStep(console.state))
    }

    @Test func aMalformedAddressIsRefusedBeforeAnythingIsSent() async throws {
        let console = await ConsoleDriver()
        await openUpdateDialog(console)
        await console.type("analytics.example.net")
        await console.press(.enter)
        #expect(dialogMessage(console.state)?.text == "Invalid Email \"analytics.example.net\": must contain exactly one @, as in name@example.com.")
        #expect(try console.store.openUpdates(organizationID: nil).isEmpty)
        #expect(console.organization.lastCode(for: TestOrganization.zurich) == nil)
        // Fixing the address and saving again works.
        await console.press(.control("u"))
        await console.type("analytics@example.net")
        await console.press(.enter)
        #expect(isOnCodeStep(console.state))
    }

    @Test func anAddressInUseShowsAWSErrorInTheDialog() async throws {
        let console = await ConsoleDriver()
        await openUpdateDialog(console)
        await console.type("Data-Lake@Example.com")
        await console.press(.enter)
        let message = try #require(dialogMessage(console.state))
        #expect(message.kind == .error)
        #expect(message.text.contains("ConflictException"))
        #expect(message.text.contains("already in use"))
        #expect(try console.store.openUpdates(organizationID: nil).isEmpty)
        #expect(console.state.changesInFlight.isEmpty)
    }

    @Test func wrongCodesCountDownThenVoidTheCodeAndResendRecovers() async throws {
        let console = await ConsoleDriver()
        await openUpdateDialog(console)
        await console.type("analytics@example.net")
        await console.press(.enter)
        for left in [4, 3, 2, 1] {
            await console.type("000000")
            await console.press(.enter)
            let message = try #require(dialogMessage(console.state))
            #expect(message.text.contains("ValidationException"))
            #expect(message.text.hasSuffix("\(left) \(left == 1 ? "attempt" : "attempts") left."))
            #expect(codeForm(console.state)?.input.isEmpty == true)
        }
        await console.type("000000")
        await console.press(.enter)
        #expect(dialogMessage(console.state)?.text.contains("No attempts left") == true)
        let form = try #require(codeForm(console.state))
        #expect(console.state.codeFormControls(form) == [.close, .resend])
        #expect(form.focused(among: [.close, .resend]) == .close)

        let firstCode = console.organization.lastCode(for: TestOrganization.zurich)
        await console.press(.tab, .enter)
        #expect(console.organization.lastCode(for: TestOrganization.zurich) != firstCode)
        #expect(dialogMessage(console.state)?.text == "A new code was sent to analytics@example.net; the 24 hours start again.")
        await console.type(try #require(console.organization.lastCode(for: TestOrganization.zurich)))
        await console.press(.enter)
        #expect(console.state.accounts.account(TestOrganization.zurich)?.email == "analytics@example.net")
    }

    @Test func aCodeOfTheWrongShapeIsRefusedLocally() async {
        let console = await ConsoleDriver()
        await openUpdateDialog(console)
        await console.type("analytics@example.net")
        await console.press(.enter)
        await console.type("12345")
        await console.press(.enter)
        #expect(dialogMessage(console.state)?.text.contains("must be the 6 letters or digits") == true)
        #expect(!console.effects.contains { if case .acceptUpdate = $0 { true } else { false } })
        #expect(console.state.openUpdates[TestOrganization.zurich]?.update.failedAttempts == 0)
    }

    @Test func enterTwiceWhileSavingSendsOnce() async {
        let console = await ConsoleDriver()
        await openUpdateDialog(console)
        await console.type("analytics@example.net")
        let first = console.sendHoldingEffects(.key(.enter))
        let second = console.sendHoldingEffects(.key(.enter))
        #expect(first.count == 1)
        #expect(second.isEmpty)
        #expect(console.state.isBusy)
    }

    @Test func closingWhileSavingStillReportsTheResult() async {
        let console = await ConsoleDriver()
        await openUpdateDialog(console)
        await console.type("analytics@example.net")
        let held = console.sendHoldingEffects(.key(.enter))
        await console.press(.escape)
        #expect(console.state.overlay == nil)
        await console.perform(held)
        #expect(console.state.openUpdates[TestOrganization.zurich] != nil)
        #expect(console.state.status?.text.hasPrefix("Update of Zürich Analytics started") == true)
    }

    @Test func actionsThatCannotApplySayWhyInsteadOfOpening() async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "Data Lake")
        await console.press(.character("c"))
        #expect(console.state.overlay == nil)
        #expect(console.state.status == .error("No pending email update for this account; start one with Update email address."))

        await console.selectAccount(named: "Management")
        await console.press(.character("u"))
        #expect(console.state.overlay == nil)
        #expect(console.state.status?.text.hasPrefix("Not for the management account") == true)

        let auditor = await ConsoleDriver(caller: TestOrganization.auditor)
        await auditor.selectAccount(named: "Data Lake")
        await auditor.press(.character("u"))
        #expect(auditor.state.status == .error("Your caller lacks the permission account:StartPrimaryEmailUpdate."))
    }

    @Test func theActionsMenuOpensTheDialogsAndKeepsDisabledEntriesClosed() async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "Data Lake")
        await console.press(.enter, .character("a"), .down, .enter)
        guard case .actions? = console.state.overlay else {
            Issue.record("the disabled entry closed the menu")
            return
        }
        #expect(console.state.status?.kind == .error)
        await console.press(.character("k"), .enter)
        guard case .updateEmail(let dialog)? = console.state.overlay else {
            Issue.record("Update email address did not open")
            return
        }
        #expect(dialog.currentEmail == "data-lake@example.com")
    }

    @Test func anExpiredCodeOffersResendWhichRestartsTheClock() async throws {
        let console = await ConsoleDriver()
        await openUpdateDialog(console)
        await console.type("analytics@example.net")
        await console.press(.enter, .escape)
        await console.advanceClock(by: 25 * 3600)
        await console.press(.character("c"))
        let form = try #require(codeForm(console.state))
        #expect(console.state.codeFormControls(form) == [.close, .resend])
        await console.press(.tab, .enter)
        let open = try #require(console.state.openUpdates[TestOrganization.zurich])
        #expect(open.condition(at: console.state.now) == .awaitingCode)
        #expect(open.update.timeLeft(at: console.state.now) == AWSMessages.codeLifetime)
    }

    @Test func discardAsksFirstAndKeepIsTheDefault() async throws {
        let console = await ConsoleDriver()
        await openUpdateDialog(console)
        await console.type("analytics@example.net")
        await console.press(.enter, .escape, .character("p"), .character("x"), .enter)
        #expect(console.state.overlay == nil)
        #expect(console.state.openUpdates.count == 1)
        await console.press(.character("x"), .tab, .enter)
        #expect(console.state.openUpdates.isEmpty)
        #expect(try console.store.openUpdates(organizationID: nil).isEmpty)
        #expect(console.store.all.map(\.phase) == [.discarded])
    }

    @Test func resendFromThePendingList() async throws {
        let console = await ConsoleDriver()
        await openUpdateDialog(console)
        await console.type("analytics@example.net")
        await console.press(.enter, .escape)
        let first = console.organization.lastCode(for: TestOrganization.zurich)
        await console.advanceClock(by: 7200)
        await console.press(.character("p"), .character("r"), .tab, .enter)
        #expect(console.state.overlay == nil)
        #expect(console.organization.lastCode(for: TestOrganization.zurich) != first)
        #expect(console.state.status?.text == "Zürich Analytics: A new code was sent to analytics@example.net; the 24 hours start again.")
        #expect(console.state.openUpdates[TestOrganization.zurich]?.update.timeLeft(at: console.state.now) == AWSMessages.codeLifetime)
    }

    @Test func resendAsksFirstAndCancelIsTheDefault() async {
        let console = await ConsoleDriver()
        await openUpdateDialog(console)
        await console.type("analytics@example.net")
        await console.press(.enter, .escape)
        let first = console.organization.lastCode(for: TestOrganization.zurich)
        await console.press(.character("p"), .character("r"))
        guard case .confirmResend(let confirmation)? = console.state.overlay else {
            Issue.record("r sent without asking: \(String(describing: console.state.overlay))")
            return
        }
        #expect(confirmation.focus == .cancel)
        #expect(!console.effects.contains(.resendCode(TestOrganization.zurich)))
        // Enter on the default button, and Esc, both keep the code already mailed.
        await console.press(.enter)
        #expect(console.state.overlay == nil)
        await console.press(.character("r"), .escape)
        #expect(console.state.overlay == nil)
        #expect(console.organization.lastCode(for: TestOrganization.zurich) == first)
        #expect(!console.effects.contains(.resendCode(TestOrganization.zurich)))
    }

    /// A read-only caller cannot discard an update another admin started, and is told why.
    @Test func aReadOnlyCallerIsRefusedDiscardWithTheReason() async throws {
        let store = InMemoryPendingUpdateStore()
        let started = TestOrganization.start.addingTimeInterval(-600)
        try store.insert(PendingUpdate(
            organizationID: TestOrganization.organizationID, accountID: TestOrganization.zurich,
            accountName: "Zürich Analytics", previousEmail: "zurich-analytics@example.com",
            newEmail: try EmailAddress("analytics@example.net"), startedAt: started,
            expiresAt: started.addingTimeInterval(AWSMessages.codeLifetime),
            startedBy: "arn:aws:iam::111111111111:user/admin", phase: .pending, ownerPID: 0, updatedAt: started))
        let console = await ConsoleDriver(caller: TestOrganization.auditor, store: store)
        await console.press(.character("p"), .character("x"))
        #expect(console.state.overlay == nil)
        #expect(console.state.status == .error("Your caller lacks the permission account:StartPrimaryEmailUpdate, "
            + "which discarding a pending update takes; nothing was discarded."))
        #expect(!console.effects.contains(.discardUpdate(TestOrganization.zurich)))
        #expect(try store.openUpdates(organizationID: nil).count == 1)
        // The service itself refuses, whatever the front end, and the refusal is audited.
        let refusal = try #require(EmailUpdateService.discardRefusal(for: TestOrganization.auditor))
        await #expect(throws: refusal) { try await console.service.discard(account: TestOrganization.zurich) }
        #expect(try store.openUpdates(organizationID: nil).count == 1)
        let entry = try #require(try console.service.auditEntries(limit: 1).first)
        #expect(entry.operation == "DiscardPendingUpdate" && entry.callerARN == TestOrganization.auditor.arn)
        #expect(entry.result == refusal.description)
    }

    @Test func aDiscardIsAudited() async throws {
        let console = await ConsoleDriver()
        await openUpdateDialog(console)
        await console.type("analytics@example.net")
        await console.press(.enter, .escape, .character("p"), .character("x"), .tab, .enter)
        let entry = try #require(try console.service.auditEntries(limit: 1).first)
        #expect(entry.operation == "DiscardPendingUpdate")
        #expect(entry.result == "DISCARDED")
        #expect(entry.accountID == TestOrganization.zurich)
        #expect(entry.callerARN == TestOrganization.admin.arn)
        #expect(entry.newEmail == "analytics@example.net")
    }

    @Test func anUncertainUpdateIsResolvedByAskingTheBackend() async throws {
        let store = InMemoryPendingUpdateStore()
        let start = TestOrganization.start.addingTimeInterval(-600)
        try store.insert(PendingUpdate(
            organizationID: TestOrganization.organizationID, accountID: TestOrganization.legacy,
            accountName: "Legacy Billing", previousEmail: "legacy-billing@example.com",
            newEmail: try EmailAddress("billing@example.net"), startedAt: start,
            expiresAt: start.addingTimeInterval(AWSMessages.codeLifetime), startedBy: "arn:aws:iam::111111111111:user/ops",
            phase: .starting, ownerPID: 0, updatedAt: start))
        let console = await ConsoleDriver(store: store)
        await console.press(.character("p"))
        #expect(console.state.selectedOpenUpdate?.condition(at: console.state.now) == .uncertain)
        #expect(Snapshot.render(console.state, size: console.state.size).contains("uncertain"))
        await console.press(.character("s"))
        // The backend never saw the Start: rootmail says so and stops listing it.
        #expect(console.state.openUpdates.isEmpty)
        #expect(console.state.status == .error("The update of Legacy Billing did not reach AWS; start it again with Update email address."))
    }

    @Test func resolvingAnUpdateThatIsNotUncertainExplainsInstead() async {
        let console = await ConsoleDriver()
        await openUpdateDialog(console)
        await console.type("analytics@example.net")
        await console.press(.enter, .escape, .character("p"), .character("s"))
        #expect(console.state.status?.text == "Only an uncertain update needs resolving; this one is awaiting code.")
        #expect(!console.effects.contains(.resolveUncertain(TestOrganization.zurich)))
    }
}
