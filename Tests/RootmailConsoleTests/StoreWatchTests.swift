import Foundation
import RootmailCore
import Testing
import TerminalUI
@testable import RootmailConsole

/// A console left open sees what another rootmail process did on the same data directory:
/// the watch (a timer event reading one number) reloads the pending updates by itself.
@Suite(.tags(.reducer, .snapshot)) struct StoreWatchTests {
    /// The console's session, and a second service on the same store and organization: the
    /// command line run beside it.
    private func consoleWithPendingUpdate() async throws -> (ConsoleDriver, EmailUpdateService) {
        let console = await ConsoleDriver()
        let commandLine = EmailUpdateService(backend: console.organization, store: console.store,
                                             audit: console.store.auditLog, now: { [clock = console.clock] in clock.now })
        try await commandLine.startUpdate(account: TestOrganization.zurich, accountName: "Zürich Analytics",
                                          to: try EmailAddress("analytics@example.net"), currentEmail: nil)
        // The first look at the store reads what is there now.
        await console.send(.storeWatchDue)
        #expect(console.state.openUpdates[TestOrganization.zurich] != nil)
        return (console, commandLine)
    }

    @Test func anUpdateCompletedElsewhereLeavesThePendingScreenByItself() async throws {
        let (console, commandLine) = try await consoleWithPendingUpdate()
        await console.press(.character("p"))
        #expect(Snapshot.render(console.state, size: console.state.size).contains("analytics@example.net"))
        await console.advanceClock(by: 90)

        let code = try OneTimeCode(try #require(console.organization.lastCode(for: TestOrganization.zurich)))
        try await commandLine.acceptUpdate(account: TestOrganization.zurich, code: code)
        await console.send(.storeWatchDue)

        #expect(console.state.openUpdates.isEmpty)
        let screen = Snapshot.render(console.state, size: console.state.size)
        #expect(screen.contains("No pending email updates"))
        #expect(screen.contains("as of 10:01:30 UTC"))
        // Nothing is left to complete, and closing says nothing about "Still pending".
        await console.press(.escape)
        await console.selectAccount(named: "Zürich Analytics")
        await console.press(.character("c"))
        #expect(console.state.overlay == nil)
        #expect(console.state.status?.text.hasPrefix("No pending email update for this account") == true)
    }

    @Test func anOpenCompleteDialogSaysTheUpdateWasFinishedElsewhere() async throws {
        let (console, commandLine) = try await consoleWithPendingUpdate()
        await console.press(.character("p"), .enter)
        guard case .completeEmail? = console.state.overlay else {
            Issue.record("Enter did not open Complete email update")
            return
        }
        try await commandLine.discard(account: TestOrganization.zurich)
        await console.send(.storeWatchDue)
        guard case .completeEmail(let form)? = console.state.overlay else {
            Issue.record("the dialog closed under the user")
            return
        }
        #expect(form.message?.kind == .error)
        #expect(form.message?.text.contains("no longer pending") == true)
        #expect(console.state.codeFormControls(form) == [.close])
        await console.press(.escape)
        #expect(console.state.status?.text.hasPrefix("Still pending") != true)
    }

    @Test func nothingChangedMeansNothingIsRead() async throws {
        let (console, _) = try await consoleWithPendingUpdate()
        let loads = console.effects.count(where: { $0 == .loadOpenUpdates })
        await console.send(.storeWatchDue)
        await console.send(.storeWatchDue)
        #expect(console.effects.count(where: { $0 == .loadOpenUpdates }) == loads)
        #expect(console.effects.count(where: { $0 == .checkStore }) == 3)
    }

    @Test func keysNeverTouchTheStore() async throws {
        let (console, _) = try await consoleWithPendingUpdate()
        let before = console.effects.count
        await console.press(.down, .up, .character("/"), .character("z"), .escape, .character("j"))
        #expect(!console.effects.dropFirst(before).contains(.checkStore))
    }
}
