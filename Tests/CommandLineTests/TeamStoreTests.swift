import Foundation
import Testing

/// Hosts of a team pointed at one PostgreSQL store: what one starts another sees and finishes,
/// and a store that cannot be used stops rootmail before anything else happens.
@Suite(.tags(.subprocess)) struct TeamStoreTests {
    /// A host: a data directory of its own and HOSTNAME, the team's store, the test server's password.
    static func host(_ name: String, storeURL: String) throws -> RootmailProcess {
        var host = try RootmailProcess()
        host.extraEnvironment = ["HOSTNAME": name, "ROOTMAIL_STORE_URL": storeURL,
                                 "PGPASSWORD": try TestPostgres.shared().password]
        return host
    }

    @Test func anUnreachableStoreStopsWith253NamingHostAndCause() throws {
        let host = try Self.host("bastion-a", storeURL: "postgresql://rootmail@127.0.0.1:1/rootmail?sslmode=disable")
        defer { host.remove() }
        let result = try host.run("pending", "list")
        #expect(result.status == 253)
        #expect(result.stderr.contains("Cannot open the store postgresql://rootmail@127.0.0.1:1/rootmail"))
        #expect(result.stderr.contains("connection refused at 127.0.0.1:1"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func aWrongPasswordSaysAuthenticationFailed() throws {
        let server = try TestPostgres.shared()
        var host = try Self.host("bastion-a", storeURL: server.url(database: try server.makeDatabase()))
        defer { host.remove() }
        host.extraEnvironment["PGPASSWORD"] = "wrong"
        let result = try host.run("pending", "list")
        #expect(result.status == 253)
        #expect(result.stderr.contains("authentication failed for user rootmail at 127.0.0.1:\(server.port)"),
                "\(result.stderr)")
    }

    @Test func aPgpassReadableByOthersIsRefusedWithTheFix() throws {
        let server = try TestPostgres.shared()
        let database = try server.makeDatabase()
        var host = try Self.host("bastion-a", storeURL: server.url(database: database))
        defer { host.remove() }
        let pgpass = host.home.appendingPathComponent(".pgpass")
        try FileManager.default.createDirectory(at: host.home, withIntermediateDirectories: true)
        try "127.0.0.1:\(server.port):\(database):rootmail:\(server.password)\n".write(to: pgpass, atomically: true,
                                                                                      encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: pgpass.path)
        host.extraEnvironment["PGPASSWORD"] = nil
        host.extraEnvironment["HOME"] = host.home.path

        let refused = try host.run("pending", "list")
        #expect(refused.status == 253)
        #expect(refused.stderr.contains("chmod 600 \(pgpass.path)"), "\(refused.stderr)")

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: pgpass.path)
        let listed = try host.run("pending", "list")
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.json["PendingUpdates"] as? [Any] != nil)
    }

    @Test func theConfigurationFilesStoreIsUsedAndTheEnvironmentWins() throws {
        let server = try TestPostgres.shared()
        let database = try server.makeDatabase()
        var host = try Self.host("bastion-a", storeURL: "")
        defer { host.remove() }
        host.extraEnvironment["ROOTMAIL_STORE_URL"] = nil
        host.extraEnvironment["PGPASSWORD"] = nil
        let passwordFile = host.home.appendingPathComponent("store-password")
        let config = host.home.appendingPathComponent("config/rootmail/config.toml")
        try LiveBackendTests().write("\(server.password)\n", to: passwordFile, mode: 0o644)
        try LiveBackendTests().write("""
            store = "\(server.url(database: database))"
            password_file = "\(passwordFile.path)"

            """, to: config)

        let loose = try host.run("pending", "list")
        #expect(loose.status == 253)
        #expect(loose.stderr.contains("chmod 600 \(passwordFile.path)"), "\(loose.stderr)")

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passwordFile.path)
        let listed = try host.run("pending", "list")
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(try server.psql("SELECT max(version) FROM rootmail_schema", database: database) == "2",
                "the file's store was the one opened")
        #expect(!FileManager.default.fileExists(atPath: host.home.appendingPathComponent("rootmail.sqlite").path))

        host.extraEnvironment["ROOTMAIL_STORE_URL"] = "postgresql://rootmail@127.0.0.1:1/rootmail?sslmode=disable"
        let overridden = try host.run("pending", "list")
        #expect(overridden.status == 253)
        #expect(overridden.stderr.contains("127.0.0.1:1"), "\(overridden.stderr)")
    }

    @Test func aStoreThatIsNotAPostgresURLIsRefusedWithItsLine() throws {
        var host = try Self.host("bastion-a", storeURL: "")
        defer { host.remove() }
        host.extraEnvironment["ROOTMAIL_STORE_URL"] = nil
        try LiveBackendTests().write("store = \"mysql://db.example.net/rootmail\"\n",
                                     to: host.home.appendingPathComponent("config/rootmail/config.toml"))
        let result = try host.run("pending", "list")
        #expect(result.status == 253)
        #expect(result.stderr.contains("line 1"), "\(result.stderr)")
        #expect(result.stderr.contains("store must be a postgresql:// URL"))
    }

    /// Four rootmail processes opening a new database at the same moment: one applies the schema.
    @Test func processesStartingAtOnceMigrateOnce() throws {
        let server = try TestPostgres.shared()
        let database = try server.makeDatabase()
        let hosts = try (1...4).map { try Self.host("bastion-\($0)", storeURL: server.url(database: database)) }
        defer { hosts.forEach { $0.remove() } }
        let launched = try hosts.map { try $0.launch(["pending", "list"]) }
        for (process, output, errors) in launched {
            let printed = output.fileHandleForReading.readDataToEndOfFile()
            let complaint = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(complaint)")
            #expect(String(decoding: printed, as: UTF8.self).contains("PendingUpdates"))
        }
        #expect(try server.psql("SELECT count(*), max(version) FROM rootmail_schema", database: database) == "2|2")
    }

    /// Host A starts an update and goes home; host B lists it and completes it with the mailed code.
    @Test func oneHostStartsAnotherCompletes() throws {
        let server = try TestPostgres.shared()
        let storeURL = server.url(database: try server.makeDatabase())
        let organization = try RootmailProcess()
        defer { organization.remove() }
        let served = try LiveBackendTests.Server(organization)
        defer { served.stop() }
        let keys = try LiveBackendTests.keys(organization)
        let config = organization.home.appendingPathComponent("aws/config")
        let credentials = organization.home.appendingPathComponent("aws/credentials")
        try LiveBackendTests().write("[profile team]\nregion = eu-west-1\n", to: config)
        try LiveBackendTests().write("[team]\naws_access_key_id = \(keys.id)\naws_secret_access_key = \(keys.secret)\n",
                                     to: credentials)
        var hostA = try Self.host("bastion-a", storeURL: storeURL)
        var hostB = try Self.host("bastion-b", storeURL: storeURL)
        defer { hostA.remove(); hostB.remove() }
        for name in ["AWS_CONFIG_FILE": config.path, "AWS_SHARED_CREDENTIALS_FILE": credentials.path] {
            hostA.extraEnvironment[name.key] = name.value
            hostB.extraEnvironment[name.key] = name.value
        }
        let common = ["--endpoint-url", served.url, "--profile", "team"]
        let account = try ConsoleEndToEndTests.accountID(organization, named: "Kraków Billing")
        let newEmail = "krakow-team@example.net"

        let started = try hostA.run(["start-primary-email-update", "--account-id", account,
                                     "--primary-email", newEmail] + common)
        #expect(started.status == 0, "\(started.stderr)")

        let seenByB = try hostB.run(["pending", "list"] + common)
        #expect(seenByB.status == 0, "\(seenByB.stderr)")
        let pending = seenByB.json["PendingUpdates"] as? [[String: Any]] ?? []
        #expect(pending.count == 1)
        #expect(pending.first?["AccountId"] as? String == account)
        #expect(pending.first?["NewEmail"] as? String == newEmail)
        #expect(pending.first?["Condition"] as? String == "AWAITING_CODE")
        #expect(pending.first?["Host"] as? String == "bastion-a")
        #expect(pending.first?["User"] as? String == ProcessInfo.processInfo.userName)

        let code = try organization.run("mail", "--to", newEmail, "--code").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let accepted = try hostB.run(["accept-primary-email-update", "--account-id", account, "--otp", code,
                                      "--primary-email", newEmail] + common)
        #expect(accepted.json["Status"] as? String == "ACCEPTED", "\(accepted.stderr)")
        #expect(try hostA.run(["get-primary-email", "--account-id", account] + common)
            .json["PrimaryEmail"] as? String == newEmail)
        #expect((try hostA.run(["pending", "list"] + common).json["PendingUpdates"] as? [Any])?.isEmpty == true)
        // The shared audit says which host did what, from which process.
        let audit = try hostA.run(["audit"] + common).json["AuditLog"] as? [[String: Any]] ?? []
        #expect(audit.map { $0["Operation"] as? String } == ["AcceptPrimaryEmailUpdate", "StartPrimaryEmailUpdate"])
        #expect(audit.map { $0["Host"] as? String } == ["bastion-b", "bastion-a"])
        #expect(audit.map { $0["User"] as? String } == Array(repeating: ProcessInfo.processInfo.userName, count: 2))
        let processes = audit.compactMap { $0["ProcessId"] as? Int }
        #expect(processes.count == 2 && processes.allSatisfy { $0 > 0 } && Set(processes).count == 2)
        // Nothing of it went to the hosts' own SQLite files.
        for host in [hostA, hostB] {
            #expect(!FileManager.default.fileExists(atPath: host.home.appendingPathComponent("rootmail.sqlite").path))
        }
    }
}
