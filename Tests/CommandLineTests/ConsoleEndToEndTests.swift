import Foundation
import Testing

/// The console as an administrator uses it over SSH: the real binary in tmux, on a fresh
/// data directory, closed and reopened between Save and Confirm.
@Suite(.serialized, .tags(.subprocess, .terminal)) struct ConsoleEndToEndTests {
    @Test func updateFinishLaterReopenCompleteResize() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let tmux = try TmuxSession(rootmail: rootmail)
        defer { tmux.end() }
        let newEmail = "zurich-root@example.net"

        try tmux.waitFor(text: "q quit")
        // Actions wait for the organization and the caller, as a person waits for the header.
        try tmux.waitFor(text: "(management account)")
        try tmux.waitFor("every account listed") { $0.contains("Accounts 41 of 41") }

        // Filter to one account, open it, save an update: the dialog asks for the code.
        try tmux.saveUpdate(ofAccountNamed: "Zürich", to: newEmail)
        try tmux.waitFor(text: "zurich")
        try tmux.finishLaterAndQuit()

        // A new session sees the update and completes it with the mailed code.
        try tmux.tmux(["kill-session", "-t", tmux.name])
        try tmux.start()
        try tmux.waitFor(text: "1 pending email update")
        try tmux.press("p")
        try tmux.waitFor(text: newEmail)
        try tmux.press("Enter")
        try tmux.waitFor(text: "Complete email update")
        let code = try rootmail.run("mail", "--to", newEmail, "--code").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(code.count == 6)
        try tmux.type(code)
        try tmux.press("Enter")
        try tmux.waitFor("the dialog closed") { !$0.contains("Complete email update") }
        try tmux.press("Escape")
        try tmux.waitFor("the new address in the list") { $0.contains(newEmail) && $0.contains("Zürich Analytics") }
        #expect(try rootmail.run("get-primary-email", "--account-id", Self.accountID(rootmail, named: "Zürich Analytics"))
            .json["PrimaryEmail"] as? String == newEmail)

        // Resize: 80×24 still shows the table, 40×10 says it is too small, and back again.
        try tmux.resize(columns: 80, rows: 24)
        try tmux.waitFor("80 columns") { screen in
            screen.split(separator: "\n").allSatisfy { $0.count <= 80 } && screen.contains("Account ID")
        }
        try tmux.resize(columns: 40, rows: 10)
        try tmux.waitFor(text: "Terminal too small")
        try tmux.resize(columns: 100, rows: 30)
        try tmux.waitFor("the table again") { $0.contains("Account ID") && !$0.contains("too small") }
        try tmux.press("q")
        try tmux.waitFor(text: "[exited 0]")
    }

    @Test func hangupMidDialogKeepsTheUpdateAndRestoresTheTerminal() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let tmux = try TmuxSession(rootmail: rootmail)
        defer { tmux.end() }
        let newEmail = "tokyo-root@example.net"

        try tmux.waitFor(text: "q quit")
        // Actions wait for the organization and the caller, as a person waits for the header.
        try tmux.waitFor(text: "(management account)")
        try tmux.press("/")
        try tmux.type("東京")
        try tmux.waitFor(text: "Accounts 1 of 41")
        try tmux.press("Enter")
        try tmux.press("u")
        try tmux.waitFor(text: "Update email address")
        try tmux.type(newEmail)
        try tmux.press("Enter")
        try tmux.waitFor(text: "Verification code")

        // The SSH link drops: the program gets SIGHUP in the middle of the dialog.
        let pid = try #require(try tmux.consolePID())
        kill(pid, SIGHUP)
        try tmux.waitFor(text: "[exited")
        let settings = try Self.terminalSettings(tmux)
        #expect(settings.contains(" icanon") && !settings.contains("-icanon"), "the terminal stayed raw: \(settings)")
        #expect(!settings.contains(" -echo "), "echo stayed off: \(settings)")

        try tmux.tmux(["kill-session", "-t", tmux.name])
        try tmux.start()
        try tmux.waitFor(text: "1 pending email update")
        try tmux.press("p")
        try tmux.waitFor(text: newEmail)
        try tmux.press("q")
        try tmux.press("q")
        try tmux.waitFor(text: "[exited 0]")
    }

    /// The command line completes an update while the console shows it: the console follows by
    /// itself, without a key pressed.
    @Test func anOpenConsoleSeesWhatTheCommandLineDid() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let tmux = try TmuxSession(rootmail: rootmail)
        defer { tmux.end() }
        let newEmail = "zurich-watch@example.net"
        let account = try Self.accountID(rootmail, named: "Zürich Analytics")

        try tmux.waitFor(text: "(management account)")
        try tmux.press("p")
        try tmux.waitFor(text: "No pending email updates")

        let started = try rootmail.run("start-primary-email-update", "--account-id", account, "--primary-email", newEmail)
        #expect(started.status == 0, "\(started.stderr)")
        try tmux.waitFor(text: newEmail)
        try tmux.waitFor(text: "as of")

        let code = try rootmail.run("mail", "--to", newEmail, "--code").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let accepted = try rootmail.run("accept-primary-email-update", "--account-id", account, "--otp", code,
                                        "--primary-email", newEmail)
        #expect(accepted.status == 0, "\(accepted.stderr)")
        try tmux.waitFor("the update gone from the pending screen") {
            $0.contains("No pending email updates") && !$0.contains(newEmail)
        }
        try tmux.press("q")
        try tmux.press("q")
        try tmux.waitFor(text: "[exited 0]")
    }

    static func accountID(_ rootmail: RootmailProcess, named name: String) throws -> String {
        let accounts = try rootmail.run("list-accounts").json["Accounts"] as? [[String: Any]] ?? []
        return try #require(accounts.first { $0["Name"] as? String == name }?["Id"] as? String)
    }

    /// The terminal's settings as the program left them (the pane runs `stty -a` after it).
    static func terminalSettings(_ tmux: TmuxSession) throws -> String {
        try tmux.waitFor(text: "iexten")
    }
}
