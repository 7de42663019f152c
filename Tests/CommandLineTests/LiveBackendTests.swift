import Foundation
import Testing

/// The live AWS backend driven from the command line against `rootmail serve` over HTTP, with
/// credentials from an AWS CLI profile: an update started in one process and completed in
/// another, as an administrator does across two SSH sessions.
@Suite(.tags(.subprocess)) struct LiveBackendTests {
    /// `rootmail serve` on a free loopback port, on the embedded organization of `rootmail`'s data directory.
    final class Server {
        let process: Process
        let url: String
        /// What serve writes to standard error (its log), read once it has stopped.
        private let errors: Pipe

        init(_ rootmail: RootmailProcess, options: [String] = []) throws {
            let (process, out, errors) = try rootmail.launch(["serve", "--port", "0"] + options)
            self.process = process
            self.errors = errors
            var printed = ""
            while !printed.contains("listening at") {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                printed += String(decoding: chunk, as: UTF8.self)
            }
            let match = printed.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression)
            url = try #require(match.map { String(printed[$0]) }, "serve printed: \(printed)")
        }

        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }

        /// Stops the server and returns its standard error.
        func stopAndReadLog() -> String {
            stop()
            return String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }
    }

    static func keys(_ rootmail: RootmailProcess, caller: String = "admin") throws -> (id: String, secret: String) {
        let lines = try rootmail.run("serve", "credentials", "--caller", caller).stdout
        func value(_ name: String) -> String? {
            lines.split(separator: "\n").first { $0.hasPrefix("export \(name)=") }
                .map { String($0.dropFirst("export \(name)=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "'\"")) }
        }
        return (try #require(value("AWS_ACCESS_KEY_ID")), try #require(value("AWS_SECRET_ACCESS_KEY")))
    }

    func write(_ text: String, to url: URL, mode: Int = 0o600) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
    }

    /// Start in one process, read the mailed code, accept in another; the address changes.
    func updateAcrossSessions(_ rootmail: RootmailProcess, server: Server, profile: String,
                              startedBy: String = "arn:aws:iam::686512560918:user/admin") throws {
        let account = try ConsoleEndToEndTests.accountID(rootmail, named: "Kraków Billing")
        let newEmail = "krakow-\(profile)@example.net"
        let common = ["--endpoint-url", server.url, "--profile", profile]

        let listed = try rootmail.run(["list-accounts"] + common)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect((listed.json["Accounts"] as? [Any])?.count == 41)

        let started = try rootmail.run(["start-primary-email-update", "--account-id", account,
                                        "--primary-email", newEmail] + common)
        #expect(started.status == 0, "\(started.stderr)")
        let pending = try rootmail.run(["pending"] + common).json["PendingUpdates"] as? [[String: Any]] ?? []
        #expect(pending.first?["NewEmail"] as? String == newEmail)
        #expect(pending.first?["StartedBy"] as? String == startedBy)

        let code = try rootmail.run("mail", "--to", newEmail, "--code").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let accepted = try rootmail.run(["accept-primary-email-update", "--account-id", account, "--otp", code,
                                         "--primary-email", newEmail] + common)
        #expect(accepted.json["Status"] as? String == "ACCEPTED", "\(accepted.stderr)")
        #expect(try rootmail.run(["get-primary-email", "--account-id", account] + common)
            .json["PrimaryEmail"] as? String == newEmail)
    }

    @Test func aProfileWithKeysInTheCredentialsFile() throws {
        var rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let server = try Server(rootmail)
        defer { server.stop() }
        let keys = try Self.keys(rootmail)
        let config = rootmail.home.appendingPathComponent("aws/config")
        let credentials = rootmail.home.appendingPathComponent("aws/credentials")
        try write("[profile demo]\nregion = eu-west-1\n", to: config)
        try write("[demo]\naws_access_key_id = \(keys.id)\naws_secret_access_key = \(keys.secret)\n", to: credentials)
        rootmail.extraEnvironment = ["AWS_CONFIG_FILE": config.path, "AWS_SHARED_CREDENTIALS_FILE": credentials.path]
        try updateAcrossSessions(rootmail, server: server, profile: "demo")
    }

    @Test func aProfileWithACredentialProcess() throws {
        var rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let server = try Server(rootmail)
        defer { server.stop() }
        let keys = try Self.keys(rootmail)
        let script = rootmail.home.appendingPathComponent("aws/credentials.sh")
        try write("""
            #!/bin/sh
            printf '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "%s"}' '\(keys.id)' '\(keys.secret)'
            """, to: script, mode: 0o700)
        let config = rootmail.home.appendingPathComponent("aws/config")
        try write("[profile scripted]\nregion = us-east-1\ncredential_process = \(script.path)\n", to: config)
        rootmail.extraEnvironment = ["AWS_CONFIG_FILE": config.path]
        try updateAcrossSessions(rootmail, server: server, profile: "scripted")
    }

    @Test func aProfileThatAssumesARoleFromASourceProfile() throws {
        var rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let server = try Server(rootmail)
        defer { server.stop() }
        let keys = try Self.keys(rootmail, caller: "auditor")
        let config = rootmail.home.appendingPathComponent("aws/config")
        let credentials = rootmail.home.appendingPathComponent("aws/credentials")
        // The read-only auditor's keys, and the administrators' role it may assume.
        try write("""
            [profile operator]
            region = us-east-1

            [profile rooted]
            role_arn = arn:aws:iam::686512560918:role/RootEmailAdmin
            source_profile = operator
            role_session_name = night-shift
            """, to: config)
        try write("[operator]\naws_access_key_id = \(keys.id)\naws_secret_access_key = \(keys.secret)\n", to: credentials)
        rootmail.extraEnvironment = ["AWS_CONFIG_FILE": config.path, "AWS_SHARED_CREDENTIALS_FILE": credentials.path]
        try updateAcrossSessions(rootmail, server: server, profile: "rooted",
                                 startedBy: "arn:aws:sts::686512560918:assumed-role/RootEmailAdmin/night-shift")

        // A role the organization does not have: the error names the profile and the role.
        try write("[profile operator]\nregion = us-east-1\n[profile rooted]\nrole_arn = arn:aws:iam::686512560918:role/Missing\n"
            + "source_profile = operator\n", to: config)
        let refused = try rootmail.run("list-accounts", "--endpoint-url", server.url, "--profile", "rooted")
        #expect(refused.status == 253, "\(refused.stderr)")
        #expect(refused.stderr.contains("rooted") && refused.stderr.contains("AccessDenied")
            && refused.stderr.contains("arn:aws:iam::686512560918:role/Missing"), "\(refused.stderr)")
    }

    @Test func aWrongSecretIsACredentialsErrorAndChangesNothing() throws {
        var rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let server = try Server(rootmail)
        defer { server.stop() }
        let keys = try Self.keys(rootmail)
        rootmail.extraEnvironment = ["AWS_ACCESS_KEY_ID": keys.id, "AWS_SECRET_ACCESS_KEY": "wrong" + keys.secret]
        let result = try rootmail.run("list-accounts", "--endpoint-url", server.url)
        #expect(result.status == 253, "\(result.stderr)")
        #expect(result.stderr.contains("InvalidSignatureException") || result.stderr.contains("signature"))
    }

    @Test func noCredentialsNamesTheProfileAndTheFiles() throws {
        var rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let config = rootmail.home.appendingPathComponent("aws/config")
        try write("[profile empty]\nregion = us-east-1\n", to: config)
        rootmail.extraEnvironment = ["AWS_CONFIG_FILE": config.path]
        let result = try rootmail.run("list-accounts", "--profile", "empty", "--endpoint-url", "http://127.0.0.1:9")
        #expect(result.status == 253)
        #expect(result.stderr.contains("empty"))
        #expect(result.stderr.contains(config.path))
    }

    @Test func aBrokenConfigFileIsNamedWithItsLine() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let config = rootmail.home.appendingPathComponent("config/rootmail/config.toml")
        try write("# rootmail\nbackend = aws\n", to: config)
        let result = try rootmail.run("list-accounts")
        #expect(result.status == 253)
        #expect(result.stderr.contains("\(config.path), line 2"))
        try write("backend = \"embedded\"\n", to: config)
        #expect(try rootmail.run("list-accounts").status == 0)
    }
}
