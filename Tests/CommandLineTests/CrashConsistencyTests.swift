import Foundation
import Testing

/// The real binary killed at each write a Start makes (strace's syscall injection): whatever
/// the moment, the databases stay intact, the pending update is the one the backend holds once
/// resolved, every Start the backend accepted is audited exactly once, and no half-written
/// mail is left in `mail/tmp`.
@Suite(.tags(.subprocess)) struct CrashConsistencyTests {
    /// The calls that write: SQLite's pages and syncs, the mail's bytes, sync and rename.
    static let writes = ["pwrite64", "fdatasync", "fsync", "write", "rename"]

    @Test func aStartKilledAtAnyWriteLosesNothingAndMisattributesNothing() throws {
        let template = try RootmailProcess()
        defer { template.remove() }
        #expect(try template.run("sim", "throttling", "off").status == 0)
        let account = try PrimaryEmailCommandTests.memberAccount(template)
        #expect(try template.run("start-primary-email-update", "--account-id", account.id,
                                 "--primary-email", "one@example.org").status == 0)

        var kills = 0
        for call in Self.writes {
            for occurrence in 1... {
                let rootmail = try RootmailProcess()
                defer { rootmail.remove() }
                try FileManager.default.copyItem(at: template.home, to: rootmail.home)
                let start = try rootmail.run(["-f", "-qq", "-o", "/dev/null", "-e", "trace=\(call)",
                                              "-e", "inject=\(call):signal=KILL:when=\(occurrence)",
                                              RootmailProcess.binary.path, "start-primary-email-update",
                                              "--account-id", account.id, "--primary-email", "two@example.org"],
                                             executable: "/usr/bin/strace")
                let killed = start.status != 0
                if killed { kills += 1 }
                try checkConsistency(rootmail, account: account.id, after: "\(call) #\(occurrence)")
                if !killed { break }
            }
        }
        #expect(kills > 10, "strace killed the Start only \(kills) times")
    }

    private func checkConsistency(_ rootmail: RootmailProcess, account: String, after point: String) throws {
        let context = "killed at \(point)"
        for file in ["rootmail.sqlite", "embedded-organization.sqlite"] {
            let check = try rootmail.run(["python3", "-c", """
                import sqlite3, sys
                print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])
                """, rootmail.home.appendingPathComponent(file).path], executable: "/usr/bin/env")
            #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "ok", "\(context): \(file) \(check.stderr)")
        }
        let listed = try rootmail.run("pending").json["PendingUpdates"] as? [[String: Any]] ?? []
        if listed.contains(where: { $0["Condition"] as? String == "UNCERTAIN" }) {
            let resolved = try rootmail.run("pending", "resolve", "--account-id", account)
            #expect(resolved.status == 0, "\(context): \(resolved.stderr)")
        }
        let held = try rootmail.run(["python3", "-c", """
            import sqlite3, sys
            row = sqlite3.connect(sys.argv[1]).execute(
                'SELECT new_email, status FROM email_update WHERE account_id = ?', (sys.argv[2],)).fetchone()
            print(row[0] if row and row[1] == 'PENDING' else '')
            """, rootmail.home.appendingPathComponent("embedded-organization.sqlite").path, account],
            executable: "/usr/bin/env").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(["one@example.org", "two@example.org"].contains(held), "\(context)")

        let pending = try rootmail.run("pending").json["PendingUpdates"] as? [[String: Any]] ?? []
        #expect(pending.count == 1, "\(context): \(pending)")
        #expect(pending.first?["NewEmail"] as? String == held, "\(context)")
        #expect(pending.first?["Condition"] as? String == "AWAITING_CODE", "\(context)")

        let audit = try rootmail.run("audit").json["AuditLog"] as? [[String: Any]] ?? []
        let acceptedStarts = audit.filter {
            $0["Operation"] as? String == "StartPrimaryEmailUpdate" && ($0["Result"] as? String ?? "").hasPrefix("PENDING")
        }.compactMap { $0["NewEmail"] as? String }
        let expected = held == "two@example.org" ? ["one@example.org", "two@example.org"] : ["one@example.org"]
        #expect(acceptedStarts.sorted() == expected, "\(context): \(audit)")

        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: rootmail.home.appendingPathComponent("mail/tmp").path)
        #expect(leftovers.isEmpty, "\(context)")
    }
}
