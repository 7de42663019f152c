import Foundation
import RootmailCore
import Testing
import TerminalUI
@testable import RootmailConsole

/// What narrow terminals keep: the domain of an address, an ARN's account numbers whole, and
/// the Update dialog's account and current address.
@Suite(.tags(.snapshot)) struct NarrowTextTests {
    private static let standard = TerminalSize(rows: 24, columns: 80)

    private func rows(_ state: ConsoleState, size: TerminalSize = standard) -> [String] {
        Snapshot.render(state, size: size).components(separatedBy: "\n")
    }

    @Test func anAddressTooLongForItsColumnKeepsItsDomain() async {
        let console = await ConsoleDriver()
        let row = rows(console.state).first { $0.contains("888888888888") } ?? ""
        #expect(row.contains("@example.com "), "the domain is cut: \(row)")
        #expect(row.contains("closed-e…eriment@"), "the local part is shortened in its middle: \(row)")
    }

    @Test func shortenedAddressesFitTheirWidthAndNeverSplitACharacter() {
        #expect(EmailText.shortened("closed-experiment@example.com", to: 24) == "closed…iment@example.com")
        #expect(EmailText.shortened("a@example.com", to: 24) == "a@example.com")
        let wide = EmailText.shortened("東京東京東京東京@example.jp", to: 19)
        #expect(DisplayWidth.of(wide) <= 19)
        #expect(wide.hasPrefix("東京") && wide.hasSuffix("京@example.jp"), "\(wide)")
        // A domain that leaves no room for the local part: cut at the end, as any text.
        #expect(EmailText.shortened("someone@a-very-long-domain.example.com", to: 12) == "someone@a-v…")
    }

    @Test func anARNWrapsBetweenItsPartsNotInsideANumber() async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "Zürich Analytics")
        await console.press(.enter)
        let shown = rows(console.state)
        guard let arnRow = shown.firstIndex(where: { $0.contains("ARN ") }) else {
            Issue.record("no ARN line:\n\(shown.joined(separator: "\n"))")
            return
        }
        let first = shown[arnRow].trimmingCharacters(in: .whitespaces)
        let second = shown[arnRow + 1].trimmingCharacters(in: .whitespaces)
        #expect(first.hasSuffix("/"), "the first line is cut inside a part: \(first)")
        #expect(second == "222222222222", "the account number is not whole on its line: \(second)")
        Snapshot.check(console.state, named: "details", sizes: [Self.standard])
    }

    @Test(arguments: [TerminalSize(rows: 12, columns: 80), TerminalSize(rows: 12, columns: 48),
                      TerminalSize(rows: 14, columns: 60)])
    func theUpdateDialogKeepsTheAccountAndCurrentAddressLongest(size: TerminalSize) async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "Data Lake")
        await console.press(.character("u"))
        let shown = rows(console.state, size: size).joined(separator: "\n")
        #expect(shown.contains("Account  Data Lake"), "the Account line went:\n\(shown)")
        #expect(shown.contains("Current  data-lake@"), "the Current line went:\n\(shown)")
        #expect(shown.contains("[ Save ]"))
        Snapshot.check(console.state, named: "update-dialog.small", sizes: [size])
    }
}
