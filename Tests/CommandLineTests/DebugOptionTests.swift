import Foundation
import Testing

/// `--debug` as the AWS CLI's: the exchange with AWS on standard error, readable enough to see
/// what was sent and answered, and nothing in it that would let a reader act as the caller.
@Suite struct DebugOptionTests {
    /// A SigV4 signature as it would appear unredacted.
    static let signature = #"Signature=[0-9a-f]{64}"#

    /// A role session's keys, fetched by the real AWS CLI, so that the test knows the secret
    /// key and the session token rootmail signs with.
    static func roleSession(_ rootmail: RootmailProcess, server: LiveBackendTests.Server)
        throws -> (id: String, secret: String, token: String) {
        let auditor = try LiveBackendTests.keys(rootmail, caller: "auditor")
        var client = rootmail
        client.extraEnvironment = ["AWS_ACCESS_KEY_ID": auditor.id, "AWS_SECRET_ACCESS_KEY": auditor.secret,
                                   "AWS_DEFAULT_REGION": "us-east-1", "AWS_PAGER": ""]
        let assumed = try client.run(["aws", "--endpoint-url", server.url, "--output", "json", "sts", "assume-role",
                                      "--role-arn", "arn:aws:iam::686512560918:role/RootEmailAdmin",
                                      "--role-session-name", "debugging"], executable: "/usr/bin/env")
        #expect(assumed.status == 0, "\(assumed.stderr) (pip install awscli)")
        let credentials = try #require(assumed.json["Credentials"] as? [String: Any], "\(assumed.stdout)")
        return (try #require(credentials["AccessKeyId"] as? String), try #require(credentials["SecretAccessKey"] as? String),
                try #require(credentials["SessionToken"] as? String))
    }

    @Test func startAndAcceptShowTheExchangeWithoutSecrets() throws {
        var rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let server = try LiveBackendTests.Server(rootmail)
        defer { server.stop() }
        let session = try Self.roleSession(rootmail, server: server)
        let account = try ConsoleEndToEndTests.accountID(rootmail, named: "Kraków Billing")
        let newEmail = "krakow-debug@example.net"
        rootmail.extraEnvironment = ["AWS_ACCESS_KEY_ID": session.id, "AWS_SECRET_ACCESS_KEY": session.secret,
                                     "AWS_SESSION_TOKEN": session.token, "AWS_DEFAULT_REGION": "us-east-1"]
        let common = ["--endpoint-url", server.url]

        let started = try rootmail.run(["--debug", "start-primary-email-update", "--account-id", account,
                                        "--primary-email", newEmail] + common)
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.json["Status"] as? String == "PENDING", "the answer stays on standard output")
        let code = try rootmail.run("mail", "--to", newEmail, "--code").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(code.count == 6)
        let accepted = try rootmail.run(["accept-primary-email-update", "--debug", "--account-id", account,
                                         "--otp", code, "--primary-email", newEmail] + common)
        #expect(accepted.json["Status"] as? String == "ACCEPTED", "\(accepted.stderr)")

        for (operation, log) in [("startPrimaryEmailUpdate", started.stderr), ("acceptPrimaryEmailUpdate", accepted.stderr)] {
            #expect(log.contains("Found credentials in environment variables"), "the source is named: \(log)")
            #expect(log.contains("method=POST, url=\(server.url)/\(operation)"), "\(log)")
            #expect(log.contains("Response (\(operation.prefix(1).uppercased() + operation.dropFirst())) status: 200"), "\(log)")
            #expect(log.contains("'X-Amz-Security-Token': '<redacted>'"), "\(log)")
            #expect(log.contains("Signature=<redacted>'"), "\(log)")
            #expect(log.contains("Credential=\(session.id)/"), "the key ID, which signs nothing, helps find a signing fault")
            #expect(!log.contains(session.secret))
            #expect(!log.contains(session.token))
            #expect(log.range(of: Self.signature, options: .regularExpression) == nil, "\(log)")
        }
        #expect(started.stderr.contains(#""PrimaryEmail":"\#(newEmail)""#), "the request body is shown: \(started.stderr)")
        #expect(accepted.stderr.contains(#""Otp":"<redacted>""#), "\(accepted.stderr)")
        #expect(!accepted.stderr.contains(code))
    }

    @Test func theRoleSessionFetchedForAProfileIsShownRedacted() throws {
        var rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let server = try LiveBackendTests.Server(rootmail)
        defer { server.stop() }
        let auditor = try LiveBackendTests.keys(rootmail, caller: "auditor")
        let config = rootmail.home.appendingPathComponent("aws/config")
        try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
        try """
            [profile rooted]
            region = us-east-1
            role_arn = arn:aws:iam::686512560918:role/RootEmailAdmin
            credential_source = Environment
            """.write(to: config, atomically: true, encoding: .utf8)
        rootmail.extraEnvironment = ["AWS_CONFIG_FILE": config.path, "AWS_ACCESS_KEY_ID": auditor.id,
                                     "AWS_SECRET_ACCESS_KEY": auditor.secret]
        let listed = try rootmail.run("list-accounts", "--debug", "--profile", "rooted", "--endpoint-url", server.url)
        #expect(listed.status == 0, "\(listed.stderr)")
        let log = listed.stderr
        #expect(log.contains("(AssumeRole, attempt 1 of 3): method=POST, url=\(server.url)/"), "\(log)")
        #expect(log.contains("Response (AssumeRole) status: 200"), "\(log)")
        #expect(log.contains("<SecretAccessKey><redacted></SecretAccessKey>"), "\(log)")
        #expect(log.contains("<SessionToken><redacted></SessionToken>"), "\(log)")
        #expect(log.contains("botocore's method assume-role"), "\(log)")
        #expect(log.contains("Response (ListAccounts) status: 200"), "\(log)")
        #expect(!log.contains(auditor.secret))
        #expect(log.range(of: Self.signature, options: .regularExpression) == nil, "\(log)")
        #expect((listed.json["Accounts"] as? [Any])?.count == 41)
    }

    @Test func theEmbeddedOrganizationSaysNoRequestsAreMade() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let listed = try rootmail.run("--debug", "list-accounts")
        #expect(listed.status == 0)
        #expect(listed.stderr.contains("no HTTP requests are made"), "\(listed.stderr)")
    }

    @Test func badCombinationsStayRefused() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let caller = try rootmail.run("--debug", "list-accounts", "--caller", "admin", "--backend", "aws",
                                      "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9")
        #expect(caller.status == 253, "\(caller.stderr)")
        #expect(caller.stderr.contains("--caller names a principal of the embedded organization"), "\(caller.stderr)")
        let query = try rootmail.run("--debug", "list-accounts", "--query", "Accounts[=")
        #expect(query.status == 252, "\(query.stderr)")
    }

    /// In a terminal the log would be drawn over the console's screen: refused, with the way round.
    @Test func theConsoleInATerminalRefusesDebugUnlessStandardErrorIsRedirected() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let tmux = try TmuxSession(rootmail: rootmail, columns: 200, arguments: ["--debug"])
        defer { tmux.end() }
        let screen = try tmux.waitFor(text: "[exited 252]")
        #expect(screen.contains("rootmail --debug 2>rootmail-debug.log"), "\(screen)")
    }
}
