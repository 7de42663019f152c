import Foundation
import Testing

/// `rootmail serve --log-level`: a line per request that says who asked what and how it went,
/// and nothing a reader of the log could sign with or complete an update with.
@Suite struct ServeLogTests {
    func exchange(logLevel: String) throws -> (log: String, code: String, secret: String) {
        var rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let server = try LiveBackendTests.Server(rootmail, options: ["--log-level", logLevel])
        defer { server.stop() }
        let keys = try LiveBackendTests.keys(rootmail)
        let account = try ConsoleEndToEndTests.accountID(rootmail, named: "Kraków Billing")
        let newEmail = "krakow-logged@example.net"
        rootmail.extraEnvironment = ["AWS_ACCESS_KEY_ID": keys.id, "AWS_SECRET_ACCESS_KEY": keys.secret,
                                     "AWS_DEFAULT_REGION": "us-east-1"]
        let common = ["--endpoint-url", server.url]
        #expect(try rootmail.run(["start-primary-email-update", "--account-id", account, "--primary-email", newEmail]
            + common).status == 0)
        let code = try rootmail.run("mail", "--to", newEmail, "--code").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let wrong = code == "000000" ? "111111" : "000000"
        let refused = try rootmail.run(["accept-primary-email-update", "--account-id", account, "--otp", wrong,
                                        "--primary-email", newEmail] + common)
        #expect(refused.status == 254, "\(refused.stderr)")
        let accepted = try rootmail.run(["accept-primary-email-update", "--account-id", account, "--otp", code,
                                         "--primary-email", newEmail] + common)
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let log = server.stopAndReadLog()
        #expect(!log.contains(wrong) && !log.contains(code), "\(log)")
        #expect(!log.contains(keys.secret))
        #expect(!log.contains("Signature="))
        #expect(!log.contains(newEmail), "bodies are not logged")
        return (log, code, keys.secret)
    }

    static func lines(_ log: String, containing text: String) -> [Substring] {
        log.split(separator: "\n").filter { $0.contains(text) }
    }

    @Test func infoLogsEachRequestsOperationCallerStatusAndTime() throws {
        let (log, _, _) = try exchange(logLevel: "info")
        let accepts = Self.lines(log, containing: "AcceptPrimaryEmailUpdate by admin:")
        // Two accepts, and whatever retries the accept quota (one a second) made the second need.
        #expect(accepts.count >= 2, "\(log)")
        #expect(accepts.first?.range(of: #"info rootmail\.serve: .*AcceptPrimaryEmailUpdate by admin: 400 ValidationException in [0-9]+\.[0-9] ms \(request [0-9a-f-]{36}\)"#,
                                     options: .regularExpression) != nil, "\(log)")
        #expect(accepts.last?.range(of: #"AcceptPrimaryEmailUpdate by admin: 200 in [0-9]+\.[0-9] ms"#,
                                    options: .regularExpression) != nil, "\(log)")
        #expect(Self.lines(log, containing: "StartPrimaryEmailUpdate by admin: 200 in").count == 1, "\(log)")
        #expect(Self.lines(log, containing: "DescribeAccount by admin: 200 in").count == 1, "\(log)")
        #expect(!log.contains("debug "), "info leaves the details out: \(log)")
    }

    @Test func debugAlsoLogsMethodPathClientAndScope() throws {
        let (log, _, _) = try exchange(logLevel: "debug")
        #expect(log.range(of: #"debug rootmail\.serve: .*AcceptPrimaryEmailUpdate request [0-9a-f-]{36}: POST /acceptPrimaryEmailUpdate, [0-9]+ bytes, client [^,]+, signed for AKIA[A-Z0-9]+/[0-9]{8}/us-east-1/account"#,
                          options: .regularExpression) != nil, "\(log)")
        #expect(Self.lines(log, containing: "AcceptPrimaryEmailUpdate by admin: 200 in").count == 1, "\(log)")
    }

    @Test func anUnverifiedRequestIsLoggedAsSuch() throws {
        var rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let server = try LiveBackendTests.Server(rootmail, options: ["--log-level", "info"])
        defer { server.stop() }
        let keys = try LiveBackendTests.keys(rootmail)
        rootmail.extraEnvironment = ["AWS_ACCESS_KEY_ID": keys.id, "AWS_SECRET_ACCESS_KEY": "wrong" + keys.secret,
                                     "AWS_DEFAULT_REGION": "us-east-1"]
        #expect(try rootmail.run("list-accounts", "--endpoint-url", server.url).status == 253)
        let log = server.stopAndReadLog()
        #expect(log.contains("ListAccounts by an unverified caller: 400 InvalidSignatureException in"), "\(log)")
        #expect(!log.contains(keys.secret))
    }

    @Test func anUnknownLevelIsRefused() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let result = try rootmail.run("serve", "--log-level", "verbose")
        #expect(result.status == 252)
        #expect(result.stderr.contains("--log-level") && result.stderr.contains("info") && result.stderr.contains("debug"),
                "\(result.stderr)")
    }
}
