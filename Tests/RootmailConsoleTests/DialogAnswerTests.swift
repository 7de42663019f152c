import Foundation
import RootmailCore
import Testing
import TerminalUI
@testable import RootmailConsole

/// A backend answer changes the dialog on screen only when it is about that dialog's account;
/// an answer about another account goes to the status line and leaves the dialog as it was.
@Suite struct DialogAnswerTests {
    private static let size = TerminalSize(rows: 24, columns: 80)

    /// Data Lake's update, then Zürich's, with the Pending screen in front and Data Lake selected.
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

    @Test func aFailedDiscardOfAnotherAccountLeavesTheDiscardDialogAsItWas() async {
        let console = await twoPendingUpdates()
        await console.press(.character("x"))
        let before = Snapshot.render(console.state, size: Self.size)
        #expect(before.contains("Stop tracking the update of Data Lake"), "\(before)")

        await console.send(.updateDiscarded(TestOrganization.zurich, .failure(.transport("The line dropped."))))
        let after = Snapshot.render(console.state, size: Self.size)
        #expect(after.contains("Stop tracking the update of Data Lake"), "\(after)")
        let dialogRows = after.split(separator: "\n").dropLast(3)
        #expect(!dialogRows.contains { $0.contains("The line dropped.") }, "\(after)")
        #expect(console.state.status?.text.hasPrefix("Could not discard the update of Zürich Analytics:") == true)
    }

    @Test func aFailedResendOfAnotherAccountLeavesTheCodeFormAsItWas() async {
        let console = await twoPendingUpdates()
        await console.press(.enter)
        guard case .completeEmail(let form)? = console.state.overlay else {
            Issue.record("Enter did not open Complete email update: \(String(describing: console.state.overlay))")
            return
        }
        #expect(console.state.accountName(form.accountID) == "Data Lake")

        await console.send(.codeResent(TestOrganization.zurich, .failure(.transport("The line dropped."))))
        guard case .completeEmail(let after)? = console.state.overlay else {
            Issue.record("The Complete dialog closed: \(String(describing: console.state.overlay))")
            return
        }
        #expect(after.message == nil)
        #expect(console.state.status?.text.hasPrefix("Zürich Analytics: no new code was sent:") == true)
    }
}
