import Foundation
import RootmailCore
import Testing
import TerminalUI
@testable import RootmailConsole

/// The highlight follows the account, not the row: after a resend, a refresh or a filter
/// change the next key acts on the account the user chose.
@Suite(.tags(.reducer)) struct SelectionByAccountTests {
    /// Data Lake's update, then a minute later Zürich's: oldest first on the Pending screen.
    private func twoPendingUpdates() async -> ConsoleDriver {
        let console = await ConsoleDriver()
        for (name, email) in [("Data Lake", "lake@example.net"), ("Zürich Analytics", "analytics@example.net")] {
            await console.selectAccount(named: name)
            await console.press(.character("u"))
            await console.type(email)
            await console.press(.enter, .escape)
            await console.advanceClock(by: 60)
        }
        await console.press(.character("p"), .character("g"))
        return console
    }

    @Test func aResendThatReSortsThePendingListKeepsTheSelectedAccount() async {
        let console = await twoPendingUpdates()
        #expect(console.state.selectedOpenUpdate?.update.accountName == "Data Lake")
        await console.press(.character("r"), .tab, .enter)
        // The new code restarted Data Lake's clock: it is now the newest, last in the list.
        #expect(console.state.openUpdates.items.last?.update.accountName == "Data Lake")
        #expect(console.state.selectedOpenUpdate?.update.accountName == "Data Lake")
        await console.press(.character("x"))
        guard case .confirmDiscard(let confirmation)? = console.state.overlay else {
            Issue.record("x did not ask to discard: \(String(describing: console.state.overlay))")
            return
        }
        #expect(console.state.accountName(confirmation.accountID) == "Data Lake")
    }

    @Test func aRefreshThatBringsAnOlderUpdateKeepsTheSelectedAccount() async throws {
        let console = await twoPendingUpdates()
        await console.press(.character("G"))
        #expect(console.state.selectedOpenUpdate?.update.accountName == "Zürich Analytics")
        // Another session recorded an older update; R reads it in at the top.
        let started = TestOrganization.start.addingTimeInterval(-3600)
        try console.store.insert(PendingUpdate(
            organizationID: TestOrganization.organizationID, accountID: TestOrganization.tokyo,
            accountName: "東京 Sandbox", previousEmail: nil, newEmail: try EmailAddress("tokyo@example.net"),
            startedAt: started, expiresAt: started.addingTimeInterval(AWSMessages.codeLifetime),
            startedBy: "arn:aws:iam::111111111111:user/ops", phase: .pending, ownerPID: 0, updatedAt: started))
        await console.press(.character("R"))
        #expect(console.state.openUpdates.count == 3)
        #expect(console.state.selectedOpenUpdate?.update.accountName == "Zürich Analytics")
    }

    @Test func filteringAndClearingTheFilterKeepTheSelectedAccount() async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "Security Audit")
        await console.press(.character("/"))
        // "u" lets Payments, Security Audit and Zürich through; Security Audit is not the first.
        await console.type("u")
        #expect(console.state.accounts.shownCount == 3)
        #expect(console.state.accounts.shownAccount(at: 0)?.name != "Security Audit")
        #expect(console.state.selectedAccount?.name == "Security Audit")
        await console.press(.enter)
        #expect(console.state.selectedAccount?.name == "Security Audit")
        await console.press(.escape)
        #expect(console.state.accounts.query.isEmpty)
        #expect(console.state.selectedAccount?.name == "Security Audit")
    }

    @Test func aFilterThatHidesTheSelectedAccountSelectsTheFirstMatch() async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "Security Audit")
        await console.press(.character("/"))
        await console.type("lake")
        #expect(console.state.selectedAccount?.name == "Data Lake")
    }
}
