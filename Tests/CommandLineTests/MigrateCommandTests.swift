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
}
