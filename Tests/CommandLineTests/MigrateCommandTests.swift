import Foundation
import Testing

/// `rootmail migrate` as an admin runs it on the embedded organization with AWS's quotas on.
@Suite("rootmail migrate", .serialized, .tags(.subprocess))
struct MigrateCommandTests {
    let rootmail: RootmailProcess
    let maildir: String

    init() throws {
        rootmail = try RootmailProcess()
        maildir = "maildir:" + rootmail.home.appendingPathComponent("mail").path
        let throttling = try rootmail.run("sim", "throttling", "on")
        #expect(throttling.status == 0, "\(throttling.stderr)")
    }

    private func rows(_ result: RootmailProcess.Result) -> [[String: Any]] {
        result.json["Rows"] as? [[String: Any]] ?? []
    }

    private func mailCount(to address: String) -> Int {
        let folder = rootmail.home.appendingPathComponent("mail")
        return ["new", "cur"].flatMap { sub in
            (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(sub).path))?
                .map { folder.appendingPathComponent(sub).appendingPathComponent($0) } ?? []
        }.filter { url in
            ((try? String(contentsOf: url, encoding: .utf8)) ?? "").lowercased().contains("to: \(address.lowercased())")
        }.count
    }

    @Test("without --yes the plan is printed and nothing is sent")
    func planOnly() throws {
        let result = try rootmail.run("migrate", "start", "--rewrite-domain", "northwind.example=newcorp.example",
                                      "--filter", "Staging")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Nothing was sent. Run again with --yes to start 4 updates."))
        #expect(Set(rows(result).compactMap { $0["NewEmail"] as? String }) == [
            "aws-payments-staging@newcorp.example", "aws-storefront-staging@newcorp.example",
            "aws-search-staging@newcorp.example", "aws-data-lake-staging@newcorp.example"])
        #expect(mailCount(to: "aws-payments-staging@newcorp.example") == 0)
        let list = try rootmail.run("migrate", "list")
        #expect((list.json["Migrations"] as? [Any])?.isEmpty == true)
    }

    @Test("the plan flags what AWS would refuse, with counts")
    func planChecks() throws {
        let result = try rootmail.run("migrate", "plan", "--rewrite-domain", "northwind.example=newcorp.example")
        #expect(result.status == 0, "\(result.stderr)")
        let checks = Dictionary(uniqueKeysWithValues: (result.json["Checks"] as? [[String: Any]] ?? []).map {
            ($0["Check"] as? String ?? "", $0["Accounts"] as? Int ?? 0)
        })
        // 3 SUSPENDED, 2 CLOSED, 1 PENDING_CLOSURE, 1 PENDING_ACTIVATION; the management account.
        #expect(checks == ["not active": 7, "management account": 1])
        #expect(result.json["ToStart"] as? Int == 33)
    }

    @Test("a malformed rule changes nothing and says what is wrong", arguments: [
        (["--rewrite-domain", "northwind.example"], "must be OLD=NEW"),
        (["--template", "root@corp.example"], "has no placeholder"),
        (["--rewrite-domain", "a.example=b.example", "--template", "{id}@x.example"], "Give exactly one of"),
    ])
    func badRule(arguments: [String], expected: String) throws {
        let result = try rootmail.run(["migrate", "start", "--yes"] + arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        #expect(mailCount(to: "@") == 0)
    }

    @Test("--yes with the mailbox starts at the quota and completes every account with its mailed code")
    func startAndComplete() throws {
        let began = Date()
        let result = try rootmail.run("migrate", "start", "--rewrite-domain", "northwind.example=newcorp.example",
                                      "--filter", "Staging", "--name", "staging rebrand", "--mailbox", maildir, "--yes")
        let elapsed = Date().timeIntervalSince(began)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(rows(result).map { $0["State"] as? String } == ["done", "done", "done", "done"])
        // Four Starts at one per second, then four Accepts at one per second.
        #expect(elapsed >= 3)
        for row in rows(result) {
            let email = try rootmail.run("get-primary-email", "--account-id", row["AccountId"] as? String ?? "")
            #expect(email.json["PrimaryEmail"] as? String == row["NewEmail"] as? String)
        }
        let list = try rootmail.run("migrate", "list")
        let migrations = list.json["Migrations"] as? [[String: Any]] ?? []
        #expect(migrations.map { $0["Name"] as? String } == ["staging rebrand"])
        #expect(migrations.first?["Done"] as? Int == 4)
    }

    @Test("killed with SIGKILL mid-run and resumed, every account is changed and mailed exactly once")
    func killAndResume() throws {
        let (process, _, _) = try rootmail.launch(["migrate", "start", "--rewrite-domain", "northwind.example=newcorp.example",
                                                   "--filter", "Prod", "--yes"])
        Thread.sleep(forTimeInterval: 2.5)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let list = try rootmail.run("migrate", "list")
        let id = try #require((list.json["Migrations"] as? [[String: Any]])?.first?["Id"] as? String)
        let resumed = try rootmail.run("migrate", "resume", id, "--mailbox", maildir)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let addresses = rows(resumed).compactMap { $0["NewEmail"] as? String }
        #expect(addresses.count == 5)
        #expect(rows(resumed).allSatisfy { $0["State"] as? String == "done" }, "\(resumed.stdout)")
        for address in addresses {
            #expect(mailCount(to: address) == 1, "\(address)")
        }
    }

    // MARK: Selection

    @Test("--ou takes the accounts of the unit and of the units nested in it")
    func selectByUnit() throws {
        // Development holds 3 accounts and its Team Sandboxes unit 8 more, one of them SUSPENDED.
        let result = try rootmail.run("migrate", "plan", "--rewrite-domain", "northwind.example=newcorp.example",
                                      "--ou", "ou-tr9v-9m23xpk5")
        #expect(result.status == 0, "\(result.stderr)")
        let names = Set(rows(result).compactMap { $0["AccountName"] as? String })
        #expect(names.count == 11)
        #expect(names.isSuperset(of: ["Payments Dev", "ML Platform Dev", "東京 Sandbox", "Müller Experiments"]))
        #expect(!names.contains("Payments Prod"))
        #expect(result.json["ToStart"] as? Int == 10)
    }

    @Test("--state keeps the accounts in that state; the management account is never started")
    func selectByState() throws {
        let suspended = try rootmail.run("migrate", "plan", "--rewrite-domain", "northwind.example=newcorp.example",
                                         "--state", "SUSPENDED")
        #expect(suspended.status == 0, "\(suspended.stderr)")
        #expect(Set(rows(suspended).compactMap { $0["AccountName"] as? String })
            == ["Legacy CRM", "Trial 2019", "Müller Experiments"])
        #expect(suspended.json["ToStart"] as? Int == 0)

        let root = try rootmail.run("migrate", "plan", "--rewrite-domain", "northwind.example=newcorp.example",
                                    "--ou", "r-tr9v", "--state", "ACTIVE", "--filter", "Management")
        #expect(rows(root).map { $0["Check"] as? String } == ["management account"], "\(root.stdout)")
        #expect(root.json["ToStart"] as? Int == 0)
    }

    @Test("a selection that matches nothing, or is malformed, is refused and creates nothing", arguments: [
        (["--ou", "ou-tr9v-r6vou11b"], "matches no account"),
        (["--ou", "Workloads"], "must be an organizational unit's ID (ou-…)"),
        (["--state", "GONE"], "--state"),
        (["--ou", "ou-tr9v-9m23xpk5", "--filter", "Prod"], "matches no account"),
    ])
    func badSelection(arguments: [String], expected: String) throws {
        let result = try rootmail.run(["migrate", "start", "--rewrite-domain", "northwind.example=newcorp.example",
                                       "--yes"] + arguments)
        #expect(result.status == 252)
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        let list = try rootmail.run("migrate", "list")
        #expect((list.json["Migrations"] as? [Any])?.isEmpty == true)
    }

    // MARK: CSV

    /// RFC 4180 read back: quoted fields with doubled quotes, CRLF between records.
    private func csvRecords(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else { field.append(character) }
            } else if character == "\"" { quoted = true
            } else if character == "," { record.append(field); field = ""
            } else if character == "\r\n" { record.append(field); records.append(record); record = []; field = ""
            } else { field.append(character) }
        }
        return records
    }

    @Test("migrate plan --output csv is one quoted record per account")
    func planAsCSV() throws {
        #expect(try rootmail.run("sim", "add-account", "--name", "Acme, \"Retail\" EU", "--email",
                                 "acme-retail@northwind.example", "--ou", "Staging").status == 0)
        let result = try rootmail.run("migrate", "plan", "--rewrite-domain", "northwind.example=newcorp.example",
                                      "--ou", "ou-tr9v-mjjtknnj", "--output", "csv")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"Acme, \"\"Retail\"\" EU\""))
        let records = csvRecords(result.stdout)
        #expect(records.first == ["AccountId", "AccountName", "CurrentEmail", "NewEmail", "Check", "Reason"])
        #expect(records.count == 6)
        #expect(records.contains { $0[1] == "Acme, \"Retail\" EU" && $0[3] == "acme-retail@newcorp.example" && $0[4] == "ok" })
    }

    @Test("--output csv is refused by the commands that print no report, before they do anything", arguments: [
        ["migrate", "start", "--rewrite-domain", "northwind.example=newcorp.example", "--yes", "--output", "csv"],
        ["list-accounts", "--output", "csv"],
        ["migrate", "plan", "--rewrite-domain", "northwind.example=newcorp.example", "--output", "csv",
         "--query", "Rows"],
    ])
    func csvRefused(arguments: [String]) throws {
        let result = try rootmail.run(arguments)
        #expect(result.status == 252)
        #expect(result.stderr.contains("--output csv"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect((try rootmail.run("migrate", "list").json["Migrations"] as? [Any])?.isEmpty == true)
    }

    // MARK: Dropped links

    @Test("a SIGHUP (a dropped SSH link) mid-run leaves it resumable: each account changed, mailed and audited once")
    func hangUpAndResume() throws {
        let (process, _, _) = try rootmail.launch(["migrate", "start", "--rewrite-domain", "northwind.example=newcorp.example",
                                                   "--ou", "ou-tr9v-591a58mf", "--yes"])
        Thread.sleep(forTimeInterval: 2.5)
        kill(process.processIdentifier, SIGHUP)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGHUP)
        let list = try rootmail.run("migrate", "list")
        let id = try #require((list.json["Migrations"] as? [[String: Any]])?.first?["Id"] as? String)
        #expect((list.json["Migrations"] as? [[String: Any]])?.first?["Done"] as? Int == 0)
        let resumed = try rootmail.run("migrate", "resume", id, "--mailbox", maildir)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let accounts = rows(resumed).compactMap { $0["AccountId"] as? String }
        #expect(accounts.count == 8)
        #expect(rows(resumed).allSatisfy { $0["State"] as? String == "done" }, "\(resumed.stdout)")
        for address in rows(resumed).compactMap({ $0["NewEmail"] as? String }) {
            #expect(mailCount(to: address) == 1, "\(address)")
        }
        let audit = try rootmail.run("audit").json["AuditLog"] as? [[String: Any]] ?? []
        for account in accounts {
            let mine = audit.filter { $0["AccountId"] as? String == account }
            let starts = mine.filter { $0["Operation"] as? String == "StartPrimaryEmailUpdate"
                && ($0["Result"] as? String ?? "").hasPrefix("PENDING") }
            let accepts = mine.filter { entry in entry["Operation"] as? String == "AcceptPrimaryEmailUpdate"
                && ["ACCEPTED", "COMPLETED"].contains { (entry["Result"] as? String ?? "").hasPrefix($0) } }
            #expect(starts.count == 1, "\(account): \(mine)")
            #expect(accepts.count == 1, "\(account): \(mine)")
        }

        let report = csvRecords(try rootmail.run("migrate", "status", id, "--output", "csv").stdout)
        #expect(report.first == ["AccountId", "AccountName", "OldEmail", "NewEmail", "Result", "Reason",
                                 "StartedAt", "AcceptedAt", "StartedBy", "AcceptedBy"])
        #expect(report.count == 9)
        for record in report.dropFirst() {
            #expect(record[4] == "done")
            #expect(record[2].hasSuffix("@northwind.example") && record[3].hasSuffix("@newcorp.example"))
            let started = try #require(ISO8601DateFormatter().date(from: record[6]), "\(record)")
            let accepted = try #require(ISO8601DateFormatter().date(from: record[7]), "\(record)")
            #expect(started <= accepted && record[6].hasSuffix("Z"))
            #expect(record[8] == "arn:aws:iam::686512560918:user/admin" && record[9] == record[8], "\(record)")
        }
    }
}

/// `rootmail migrate` in a real terminal: a progress line redrawn in place instead of a line a row.
@Suite("rootmail migrate on a terminal", .serialized, .tags(.terminal))
struct MigrateProgressTests {
    @Test("on a terminal the run shows done/total, the rate and the time left on one line")
    func progressLine() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        #expect(try rootmail.run("sim", "throttling", "on").status == 0)
        let maildir = "maildir:" + rootmail.home.appendingPathComponent("mail").path
        let terminal = try TmuxSession(rootmail: rootmail, arguments: [
            "migrate", "start", "--rewrite-domain", "northwind.example=newcorp.example", "--ou", "ou-tr9v-mjjtknnj",
            "--mailbox", maildir, "--yes", "--query", "Migration.States", "--output", "text"])
        defer { terminal.end() }
        let during = try terminal.waitFor("a progress line") { $0.contains("/4 done") && $0.contains("accounts/s") }
        #expect(during.contains("s left") || during.contains("time left unknown"))
        let screen = try terminal.waitFor(text: "[exited 0]", timeout: 60)
        let lines = screen.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("4/4 done, 0 awaiting a code") }, "\(screen)")
        // One line for the whole run, not one per change of a row.
        #expect(lines.filter { $0.contains("/4 done") }.count == 1, "\(screen)")
        #expect(!lines.contains { $0.hasSuffix(" awaiting code") }, "\(screen)")
    }
}
