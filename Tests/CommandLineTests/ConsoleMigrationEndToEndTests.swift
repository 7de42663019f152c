import Foundation
import Testing

/// A migration from the console as an admin does it over SSH: the real binary in tmux, on the
/// embedded organization with AWS's quotas on, accounts marked under four filters, the rule,
/// the preview, the Starts, then the mailed codes typed as `ACCOUNT CODE` lines.
@Suite(.serialized, .tags(.subprocess, .terminal)) struct ConsoleMigrationEndToEndTests {
    /// Ten ACTIVE accounts, found by four filters (`search-` leaves out Ångström Research).
    static let filters = ["Payments", "Storefront", "Data Lake", "search-"]

    @Test func tenAccountsMarkedMigratedAndCompletedWithTypedCodes() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let throttling = try rootmail.run("sim", "throttling", "on")
        #expect(throttling.status == 0, "\(throttling.stderr)")
        let accounts = try rootmail.run("list-accounts").json["Accounts"] as? [[String: Any]] ?? []
        // As the console's filter matches: name, ID or address, case ignored.
        let chosen = accounts.filter { account in
            let text = ["Name", "Id", "Email"].map { (account[$0] as? String ?? "").lowercased() }
            return Self.filters.contains { filter in text.contains { $0.contains(filter.lowercased()) } }
        }.compactMap { $0["Id"] as? String }
        #expect(chosen.count == 10)

        let tmux = try TmuxSession(rootmail: rootmail, columns: 120, rows: 30)
        defer { tmux.end() }
        try tmux.waitFor(text: "(management account)")
        try tmux.waitFor("every account listed") { $0.contains("Accounts 41 of 41") }

        // Marks outlive the filter: four filters, `*` under each.
        var marked = 0
        for filter in Self.filters {
            try tmux.press("/")
            try tmux.press("C-u")
            try tmux.type(filter)
            try tmux.press("Enter")
            let screen = try tmux.waitFor(text: "/\(filter)")
            let shown = try #require(screen.firstMatch(of: /Accounts (\d+) of 41/).flatMap { Int($0.1) })
            try tmux.type("*")
            marked += shown
            try tmux.waitFor(text: "\(marked) marked")
        }
        try tmux.press("Escape")
        try tmux.waitFor(text: "Accounts 41 of 41 · 10 marked")

        try tmux.type("M")
        try tmux.waitFor(text: "Update email addresses of 10 accounts")
        try tmux.type("northwind.example=newcorp.example")
        try tmux.press("Enter")
        try tmux.waitFor(text: "10 marked, 10 to start")
        #expect(try rootmail.run("pending").stdout.contains("newcorp") == false, "the preview sent something")

        try tmux.press("Enter")
        try tmux.waitFor("every Start answered", timeout: 60) { $0.contains("10 of 10 started") }

        // The codes, as the admin reads them from the mail, typed into the code field line by line.
        try tmux.press("Enter")
        try tmux.waitFor(text: "Verification code")
        for id in chosen {
            let account = try #require(accounts.first { $0["Id"] as? String == id })
            let newEmail = (account["Email"] as? String ?? "").replacingOccurrences(of: "@northwind.example", with: "@newcorp.example")
            let code = try rootmail.run("mail", "--to", newEmail, "--code").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(code.count == 6, "no code mailed to \(newEmail)")
            try tmux.type("\(id) \(code)")
            try tmux.press("Enter")
        }
        try tmux.waitFor("every row done", timeout: 60) { $0.contains("done 10") && !$0.contains("awaiting code") }
        try tmux.press("Escape")
        try tmux.waitFor(text: "finished: 10 addresses changed")

        for id in chosen {
            let email = try rootmail.run("get-primary-email", "--account-id", id).json["PrimaryEmail"] as? String
            #expect(email?.hasSuffix("@newcorp.example") == true, "account \(id) has \(email ?? "no address")")
        }
        let list = try rootmail.run("migrate", "list")
        let listed = list.json["Migrations"] as? [[String: Any]] ?? []
        #expect(listed.count == 1, "\(list.stdout) \(list.stderr)")
        #expect(listed.first?["Done"] as? Double == 10)

        // Finished: q quits without asking.
        try tmux.press("Escape")
        try tmux.type("q")
        try tmux.waitFor(text: "[exited 0]")
    }
}
