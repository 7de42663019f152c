import Foundation
import RootmailCore
import Testing
import TerminalUI
@testable import RootmailConsole

/// Issue 8's console items: the header says when the session is read-only, a CLOSED or
/// SUSPENDED account is refused before the admin types, and Help opens on the keys of the
/// screen it was opened from.
@Suite(.tags(.reducer, .snapshot)) struct ReadOnlyAndRefusalTests {
    @Test func aReadOnlyCallerIsToldSoInTheHeaderAndOfferedNoChangingKeys() async {
        let auditor = await ConsoleDriver(caller: TestOrganization.auditor)
        let screen = Snapshot.render(auditor.state, size: TerminalSize(rows: 24, columns: 80))
        let header = screen.split(separator: "\n", omittingEmptySubsequences: false)[1]
        #expect(header.hasPrefix(" READ ONLY, cannot change emails · Caller arn:aws:iam::111111111111:user/"),
                "\(header)")
        Snapshot.check(auditor.state, named: "accounts.read-only-caller", sizes: [TerminalSize(rows: 24, columns: 80)])

        let footer = screen.split(separator: "\n", omittingEmptySubsequences: false)[ConsoleLayout.footerRow(TerminalSize(rows: 24, columns: 80))]
        #expect(!footer.contains("u update") && footer.contains("p pending"), "\(footer)")
        await auditor.press(.character("p"))
        let pending = Snapshot.render(auditor.state, size: TerminalSize(rows: 24, columns: 80))
        let pendingFooter = pending.split(separator: "\n", omittingEmptySubsequences: false)[ConsoleLayout.footerRow(TerminalSize(rows: 24, columns: 80))]
        #expect(!pendingFooter.contains("r resend") && !pendingFooter.contains("x discard"), "\(pendingFooter)")

        let admin = await ConsoleDriver()
        let adminScreen = Snapshot.render(admin.state, size: TerminalSize(rows: 24, columns: 80))
        #expect(!adminScreen.contains("READ ONLY"))
        #expect(adminScreen.contains("u update"))
        await admin.press(.character("p"))
        #expect(Snapshot.render(admin.state, size: TerminalSize(rows: 24, columns: 80)).contains("r resend"))
    }

    @Test(arguments: [("Closed Experiment", "CLOSED"), ("Legacy Billing", "SUSPENDED")])
    func noUpdateStartsForAClosedOrSuspendedAccount(name: String, state: String) async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: name)
        await console.press(.character("u"))
        #expect(console.state.overlay == nil, "no dialog to type an address into")
        #expect(console.state.status == .error(
            "The account is \(state): its root email address cannot be changed until it is ACTIVE again."))
        #expect(!console.effects.contains { if case .startUpdate = $0 { true } else { false } })

        // The actions menu says it before anything is chosen.
        await console.press(.character("a"))
        let menu = Snapshot.render(console.state, size: TerminalSize(rows: 24, columns: 80))
        #expect(menu.contains("The account is \(state)"), "\(menu)")
    }

    @Test func anActiveAccountStillOpensTheUpdateDialog() async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "Data Lake")
        await console.press(.character("u"))
        #expect(console.state.overlay?.updateEmail != nil)
    }

    @Test func helpShowsTheKeysOfTheScreenItWasOpenedFromFirst() async {
        let console = await ConsoleDriver()
        await console.press(.character("p"), .character("?"))
        let fromPending = Snapshot.render(console.state, size: TerminalSize(rows: 24, columns: 80))
        let firstBodyLine = fromPending.split(separator: "\n", omittingEmptySubsequences: false)[ConsoleLayout.firstBodyRow]
        #expect(firstBodyLine.contains("Pending updates"), "\(fromPending)")
        #expect(fromPending.contains("Resend the code"))

        await console.press(.escape, .escape, .character("?"))
        let fromAccounts = Snapshot.render(console.state, size: TerminalSize(rows: 24, columns: 80))
        #expect(fromAccounts.split(separator: "\n", omittingEmptySubsequences: false)[ConsoleLayout.firstBodyRow].contains("Accounts"))
        #expect(!fromAccounts.contains("Resend the code"))
        // Every key is still there, only the order changed.
        #expect(Set(console.state.help.lines) == Set(HelpContent.lines()))
    }
}
