import Foundation
import Testing

/// The command line as scripts use it: each step a separate process on one data directory.
@Suite(.tags(.subprocess)) struct PrimaryEmailCommandTests {
    /// An ACTIVE member account of the demo organization and its current address.
    static func memberAccount(_ rootmail: RootmailProcess) throws -> (id: String, email: String) {
        let listing = try rootmail.run("list-accounts")
        #expect(listing.status == 0, "\(listing.stderr)")
        let accounts = listing.json["Accounts"] as? [[String: Any]] ?? []
        let management = try rootmail.run("sim", "callers").json
        let managementAccount = ((management["Callers"] as? [[String: Any]])?
            .first { $0["Name"] as? String == "admin" }?["AccountId"] as? String) ?? ""
        let member = try #require(accounts.first {
            $0["State"] as? String == "ACTIVE" && $0["Id"] as? String != managementAccount
        })
        return (member["Id"] as! String, member["Email"] as! String)
    }

    /// A read-only caller cannot make rootmail forget another admin's update; every discard,
    /// refused or done, is in the audit log.
    @Test func discardNeedsTheStartRightAndIsAudited() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let account = try Self.memberAccount(rootmail)
        let newEmail = "root+\(UUID().uuidString.prefix(8).lowercased())@example.org"
        let started = try rootmail.run("start-primary-email-update", "--account-id", account.id, "--primary-email", newEmail)
        #expect(started.status == 0, "\(started.stderr)")

        let refused = try rootmail.run("pending", "discard", "--account-id", account.id, "--caller", "auditor")
        #expect(refused.status == 255)
        #expect(refused.stderr.contains("lacks the permission account:StartPrimaryEmailUpdate"), "\(refused.stderr)")
        let pending = try rootmail.run("pending").json["PendingUpdates"] as? [[String: Any]] ?? []
        #expect(pending.contains { $0["AccountId"] as? String == account.id })

        let discarded = try rootmail.run("pending", "discard", "--account-id", account.id)
        #expect(discarded.status == 0, "\(discarded.stderr)")
        #expect((try rootmail.run("pending").json["PendingUpdates"] as? [Any])?.isEmpty == true)

        let log = try rootmail.run("audit", "--limit", "2").json["AuditLog"] as? [[String: Any]] ?? []
        #expect(log.map { $0["Operation"] as? String } == ["DiscardPendingUpdate", "DiscardPendingUpdate"])
        #expect(log.first?["Result"] as? String == "DISCARDED")
        #expect((log.last?["Caller"] as? String)?.hasSuffix("auditor") == true, "\(log)")
        #expect((log.last?["Result"] as? String)?.contains("lacks the permission") == true)
    }

    @Test func startMailAcceptChangesTheAddressAcrossProcesses() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let account = try Self.memberAccount(rootmail)
        let newEmail = "root+\(UUID().uuidString.prefix(8).lowercased())@example.org"

        let started = try rootmail.run("start-primary-email-update", "--account-id", account.id, "--primary-email", newEmail)
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.json["Status"] as? String == "PENDING")

        let pending = try rootmail.run("pending").json["PendingUpdates"] as? [[String: Any]] ?? []
        #expect(pending.contains { $0["AccountId"] as? String == account.id && $0["NewEmail"] as? String == newEmail })

        let code = try rootmail.run("mail", "--to", newEmail, "--code")
        #expect(code.status == 0, "\(code.stderr)")
        let otp = code.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(otp.count == 6 && otp.allSatisfy(\.isNumber), "mail --code printed \(code.stdout)")

        let unchanged = try rootmail.run("get-primary-email", "--account-id", account.id)
        #expect(unchanged.json["PrimaryEmail"] as? String == account.email)

        let accepted = try rootmail.run("accept-primary-email-update", "--account-id", account.id,
                                        "--otp", otp, "--primary-email", newEmail)
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.json["Status"] as? String == "ACCEPTED")

        let changed = try rootmail.run("get-primary-email", "--account-id", account.id)
        #expect(changed.json["PrimaryEmail"] as? String == newEmail)
        let stillPending = try rootmail.run("pending").json["PendingUpdates"] as? [[String: Any]] ?? []
        #expect(!stillPending.contains { $0["AccountId"] as? String == account.id })

        let audit = try rootmail.run("audit")
        let entries = audit.json["AuditLog"] as? [[String: Any]] ?? []
        #expect(entries.map { $0["Operation"] as? String } == ["AcceptPrimaryEmailUpdate", "StartPrimaryEmailUpdate"])
        #expect(entries.first?["OldEmail"] as? String == account.email)
        #expect(!audit.stdout.contains(otp), "the audit log must never show a code")
    }

    @Test(arguments: [
        (["get-primary-email", "--account-id", "12345"], "AccountId"),
        (["get-primary-email", "--account-id", "12345678901a"], "AccountId"),
        (["start-primary-email-update", "--account-id", "123456789012", "--primary-email", "not-an-address"], "PrimaryEmail"),
        (["start-primary-email-update", "--account-id", "123456789012", "--primary-email", "a b@example.com"], "PrimaryEmail"),
        (["accept-primary-email-update", "--account-id", "123456789012", "--otp", "12345678", "--primary-email", "x@example.com"], "Otp"),
        (["accept-primary-email-update", "--account-id", "123456789012", "--otp", "12ab", "--primary-email", "x@example.com"], "Otp"),
    ])
    func malformedInputIsAUsageErrorThatNamesTheFieldAndChangesNothing(arguments: [String], field: String) throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let result = try rootmail.run(arguments)
        #expect(result.status == 252)
        #expect(result.stderr.contains(field), "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try rootmail.run("audit").json["AuditLog"] as? [Any] == nil
            || (try rootmail.run("audit").json["AuditLog"] as? [Any])?.isEmpty == true)
        #expect((try rootmail.run("pending").json["PendingUpdates"] as? [Any])?.isEmpty == true)
    }

    @Test func anAddressAlreadyInUseIsAConflictAndChangesNothing() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let account = try Self.memberAccount(rootmail)
        let accounts = try rootmail.run("list-accounts").json["Accounts"] as? [[String: Any]] ?? []
        let taken = try #require(accounts.first { $0["Id"] as? String != account.id }?["Email"] as? String)

        let result = try rootmail.run("start-primary-email-update", "--account-id", account.id,
                                      "--primary-email", taken.uppercased())
        #expect(result.status == 254)
        #expect(result.stderr.contains(
            "An error occurred (ConflictException) when calling the StartPrimaryEmailUpdate operation:"))
        #expect((try rootmail.run("pending").json["PendingUpdates"] as? [Any])?.isEmpty == true)
        #expect(try rootmail.run("get-primary-email", "--account-id", account.id).json["PrimaryEmail"] as? String
            == account.email)
        let audit = try rootmail.run("audit").json["AuditLog"] as? [[String: Any]] ?? []
        #expect((audit.first?["Result"] as? String)?.hasPrefix("ConflictException") == true)
    }

    @Test func aWrongCodeIsRefusedAndTheAddressStays() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let account = try Self.memberAccount(rootmail)
        let newEmail = "wrong-code@example.org"
        try rootmail.run("start-primary-email-update", "--account-id", account.id, "--primary-email", newEmail)
        let code = try rootmail.run("mail", "--to", newEmail, "--code").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let wrong = code == "000000" ? "111111" : "000000"

        let result = try rootmail.run("accept-primary-email-update", "--account-id", account.id,
                                      "--otp", wrong, "--primary-email", newEmail)
        #expect(result.status == 254)
        #expect(result.stderr.contains("(ValidationException)"))
        #expect(result.stderr.contains("The verification code is incorrect."))
        #expect(try rootmail.run("get-primary-email", "--account-id", account.id).json["PrimaryEmail"] as? String
            == account.email)
        let pending = try rootmail.run("pending").json["PendingUpdates"] as? [[String: Any]] ?? []
        #expect(pending.first?["AttemptsLeft"] as? Int == 4)
    }

    @Test func aCommandLineThatDoesNotParseExitsWith252() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        #expect(try rootmail.run("get-primary-email").status == 252)
        #expect(try rootmail.run("no-such-command").status == 252)
        #expect(try rootmail.run("list-accounts", "--output", "yaml").status == 252)
    }

    @Test func outputFormatsFollowTheAWSCLI() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let account = try Self.memberAccount(rootmail)
        let json = try rootmail.run("get-primary-email", "--account-id", account.id)
        #expect(json.stdout == "{\n    \"PrimaryEmail\": \"\(account.email)\"\n}\n")
        let text = try rootmail.run("get-primary-email", "--account-id", account.id, "--output", "text")
        #expect(text.stdout == account.email + "\n")
        let table = try rootmail.run("get-primary-email", "--account-id", account.id, "--output", "table")
        #expect(table.stdout.contains("GetPrimaryEmail"))
        // A lone member is its name and value side by side, as the AWS CLI draws it.
        #expect(table.stdout.contains("|  PrimaryEmail |  \(account.email)  |"), "\(table.stdout)")
    }
}

@Suite(.tags(.subprocess)) struct HelpTests {
    @Test func helpIsPrintedOnStandardOutputWithSuccess() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        for arguments in [["--help"], ["start-primary-email-update", "--help"], ["sim", "--help"]] {
            let result = try rootmail.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout.contains("USAGE:"), "\(arguments)")
        }
    }
}
