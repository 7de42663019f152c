import Foundation
import Testing

/// Nothing a user started is lost: not when the process is killed, not when two sessions
/// work on the same data directory at once.
@Suite(.tags(.subprocess)) struct DurabilityTests {
    @Test func aProcessKilledRightAfterStartLeavesThePendingUpdateListed() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let account = try PrimaryEmailCommandTests.memberAccount(rootmail)
        let newEmail = "killed@example.org"

        let (process, out, _) = try rootmail.launch(
            ["start-primary-email-update", "--account-id", account.id, "--primary-email", newEmail])
        // Kill it the moment it has said PENDING: the record must already be on disk.
        var printed = Data()
        while !String(decoding: printed, as: UTF8.self).contains("PENDING") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += chunk
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(String(decoding: printed, as: UTF8.self).contains("PENDING"))

        let pending = try rootmail.run("pending").json["PendingUpdates"] as? [[String: Any]] ?? []
        let update = try #require(pending.first { $0["AccountId"] as? String == account.id })
        #expect(update["NewEmail"] as? String == newEmail)
        #expect(update["Condition"] as? String == "AWAITING_CODE")
    }

    @Test func twoSessionsStartingUpdatesAtOnceLoseNothing() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        #expect(try rootmail.run("sim", "throttling", "off").status == 0)
        let listing = try rootmail.run("list-accounts").json["Accounts"] as? [[String: Any]] ?? []
        let callers = try rootmail.run("sim", "callers").json["Callers"] as? [[String: Any]] ?? []
        let management = callers.first { $0["Name"] as? String == "admin" }?["AccountId"] as? String
        let delegated = callers.first { $0["Name"] as? String == "delegated-admin" }?["AccountId"] as? String
        let targets = listing
            .filter { $0["State"] as? String == "ACTIVE" }
            .compactMap { $0["Id"] as? String }
            .filter { $0 != management && $0 != delegated }
            .prefix(8)
        #expect(targets.count == 8)

        let launched = try targets.enumerated().map { index, id in
            try rootmail.launch(["start-primary-email-update", "--account-id", id,
                                 "--primary-email", "parallel\(index)@example.org",
                                 "--caller", index.isMultiple(of: 2) ? "admin" : "delegated-admin"])
        }
        for (process, out, err) in launched {
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            _ = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(stderr)")
        }
        let pending = try rootmail.run("pending").json["PendingUpdates"] as? [[String: Any]] ?? []
        #expect(Set(pending.compactMap { $0["AccountId"] as? String }) == Set(targets))
        let audit = try rootmail.run("audit").json["AuditLog"] as? [[String: Any]] ?? []
        #expect(audit.count == 8)
    }

    @Test func theDataDirectoryIsPrivateToTheUser() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        _ = try rootmail.run("list-accounts")
        let attributes = try FileManager.default.attributesOfItem(atPath: rootmail.home.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        for name in try FileManager.default.contentsOfDirectory(atPath: rootmail.home.path)
        where name.hasSuffix(".sqlite") {
            let file = try FileManager.default.attributesOfItem(atPath: rootmail.home.appendingPathComponent(name).path)
            #expect((file[.posixPermissions] as? Int) == 0o600, "\(name)")
        }
    }
}
