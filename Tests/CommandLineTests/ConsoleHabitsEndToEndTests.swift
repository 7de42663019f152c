import Foundation
import Testing

/// Issue 13's console habits in the real binary in tmux: `y`/`Y` reach the clipboard through
/// OSC 52 (tmux's `set-clipboard on` keeps what the console sent in a buffer, which
/// `show-buffer` reads), and the sort, filter and screen come back at the next start.
@Suite(.serialized, .tags(.subprocess, .terminal)) struct ConsoleHabitsEndToEndTests {
    @Test func yAndShiftYPutTheAccountIDAndRootAddressOnTheClipboard() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let tmux = try TmuxSession(rootmail: rootmail)
        defer { tmux.end() }
        try tmux.tmux(["set-option", "-s", "set-clipboard", "on"])
        let id = try ConsoleEndToEndTests.accountID(rootmail, named: "Zürich Analytics")

        try tmux.waitFor(text: "(management account)")
        try tmux.press("/")
        try tmux.type("Zürich")
        try tmux.waitFor(text: "Accounts 1 of 41")
        try tmux.press("Enter")
        try tmux.press("y")
        try tmux.waitFor(text: "account ID \(id) to the terminal's clipboard")
        #expect(try tmux.tmux(["show-buffer"]) == id)

        try tmux.press("Y")
        try tmux.waitFor(text: "root email address")
        let address = try #require(try rootmail.run("get-primary-email", "--account-id", id).json["PrimaryEmail"] as? String)
        #expect(try tmux.tmux(["show-buffer"]) == address)
        try tmux.press("q")
        try tmux.waitFor(text: "[exited 0]")
    }

    @Test func theSortFilterAndScreenComeBackAtTheNextStart() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let tmux = try TmuxSession(rootmail: rootmail)
        defer { tmux.end() }

        try tmux.waitFor(text: "(management account)")
        try tmux.press("E")
        try tmux.press("E")
        try tmux.press("/")
        try tmux.type("an")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Sort Email ↓   Filter /an")
        try tmux.press("p")
        try tmux.waitFor(text: "Pending email updates")
        // The SSH link drops while the pending screen is open.
        let pid = try #require(try tmux.consolePID())
        kill(pid, SIGHUP)
        try tmux.waitFor(text: "[exited")

        try tmux.tmux(["kill-session", "-t", tmux.name])
        try tmux.start()
        try tmux.waitFor(text: "Pending email updates")
        try tmux.press("Escape")
        try tmux.waitFor(text: "Sort Email ↓   Filter /an")
        try tmux.press("q")
        try tmux.waitFor(text: "[exited 0]")

        // A corrupt file is ignored: the console starts as new, and keeps the next change.
        try Data("{ not json".utf8).write(to: rootmail.home.appendingPathComponent("console-memory.json"))
        try tmux.tmux(["kill-session", "-t", tmux.name])
        try tmux.start()
        try tmux.waitFor(text: "Sort Name ↑")
        try tmux.waitFor(text: "Accounts 41 of 41")
        try tmux.press("q")
        try tmux.waitFor(text: "[exited 0]")
    }
}
