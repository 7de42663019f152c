import Foundation
import Testing

/// The account list kept in the data directory, with the real binary: the console's second
/// start shows the list the first one cached, then the fresh one; the command line lists live.
@Suite(.serialized, .tags(.subprocess, .terminal)) struct CachedAccountListEndToEndTests {
    @Test func aSecondStartShowsTheCachedListThenTheFreshOne() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let tmux = try TmuxSession(rootmail: rootmail)
        defer { tmux.end() }

        // The first start lists the organization; the list is kept before it shows as complete.
        let first = try tmux.waitFor(text: "Accounts 41 of 41")
        #expect(!first.contains("cached"))
        try tmux.press("q")
        try tmux.waitFor(text: "[exited 0]")

        // An account joins meanwhile; scripts see it at once.
        let added = try rootmail.run("sim", "add-account", "--name", "Kyoto Research",
                                     "--email", "kyoto-research@example.com")
        #expect(added.status == 0, "\(added.stderr)")
        #expect((try rootmail.run("list-accounts").json["Accounts"] as? [Any])?.count == 42)

        // The second start showed the 41 it cached (only a cached list is "refreshed" without R)
        // and now shows the 42 of the organization.
        try tmux.tmux(["kill-session", "-t", tmux.name])
        try tmux.start()
        try tmux.waitFor(text: "Refreshed: 42 accounts (1 new).")
        let second = try tmux.waitFor(text: "Accounts 42 of 42")
        #expect(!second.contains("cached"))
        try tmux.press("/")
        try tmux.type("Kyoto")
        try tmux.waitFor(text: "Accounts 1 of 42")
        try tmux.press("Escape")
        try tmux.press("q")
        try tmux.waitFor(text: "[exited 0]")
    }
}
