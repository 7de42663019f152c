import Foundation
import Testing

/// `--cli-input-json` on the primary-email commands, as the AWS CLI takes it: the API's
/// parameters in a file or inline, options given on the command line overriding them, and
/// bad input refused with the usage status before anything changes.
@Suite struct CLIInputJSONTests {
    @Test func anUpdateFromAFileAndInlineJSONWithOptionsOverriding() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let account = try ConsoleEndToEndTests.accountID(rootmail, named: "Kraków Billing")
        let newEmail = "krakow-json@example.net"
        let file = rootmail.home.appendingPathComponent("start.json")
        try #"{"AccountId": "\#(account)", "PrimaryEmail": "\#(newEmail)"}"#.write(to: file, atomically: true, encoding: .utf8)
        let started = try rootmail.run("start-primary-email-update", "--cli-input-json", "file://\(file.path)")
        #expect(started.json["Status"] as? String == "PENDING", "\(started.stderr)")

        let code = try rootmail.run("mail", "--to", newEmail, "--code").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // The JSON's code is wrong; the one given with --otp wins.
        let accepted = try rootmail.run("accept-primary-email-update", "--otp", code, "--cli-input-json",
                                        #"{"AccountId": "\#(account)", "PrimaryEmail": "\#(newEmail)", "Otp": "ZZZZZZ"}"#)
        #expect(accepted.json["Status"] as? String == "ACCEPTED", "\(accepted.stderr)")
        let read = try rootmail.run("get-primary-email", "--cli-input-json", #"{"AccountId": "\#(account)"}"#)
        #expect(read.json["PrimaryEmail"] as? String == newEmail, "\(read.stderr)")
    }

    @Test func badInputIsRefusedWithTheUsageStatusAndChangesNothing() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let account = try ConsoleEndToEndTests.accountID(rootmail, named: "Kraków Billing")
        let cases: [(json: String, message: String)] = [
            ("{\"AccountId\": ", "Error parsing parameter 'cli-input-json': Invalid JSON:"),
            ("[\"\(account)\"]", "the JSON must be an object of parameters"),
            ("{\"AccountId\": \"\(account)\", \"PrimaryEmail\": \"a@example.net\", \"Email\": \"b@example.net\"}",
             "Unknown parameter in input: \"Email\", must be one of: AccountId, PrimaryEmail"),
            ("{\"AccountId\": 12, \"PrimaryEmail\": \"a@example.net\"}", "Invalid type for parameter AccountId, value: 12"),
            ("{\"AccountId\": \"\(account)\"}", "Missing required parameter in input: \"PrimaryEmail\""),
            ("file://\(rootmail.home.path)/missing.json", "Unable to load paramfile file://\(rootmail.home.path)/missing.json"),
        ]
        for (json, message) in cases {
            let result = try rootmail.run("start-primary-email-update", "--cli-input-json", json)
            #expect(result.status == 252, "\(json): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(json): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        #expect((try rootmail.run("pending").json["PendingUpdates"] as? [Any])?.isEmpty == true)
        // Without --cli-input-json a missing option is reported as before.
        let missing = try rootmail.run("get-primary-email")
        #expect(missing.status == 252)
        #expect(missing.stderr.contains("Missing expected argument '--account-id <account-id>'"), "\(missing.stderr)")
    }

    @Test(arguments: ["get-primary-email", "start-primary-email-update", "accept-primary-email-update"])
    func theSkeletonIsTheAWSCLIs(_ command: String) throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let ours = try rootmail.run(command, "--generate-cli-skeleton")
        #expect(ours.status == 0, "\(ours.stderr)")
        let theirs = try rootmail.run(["aws", "account", command, "--generate-cli-skeleton"], executable: "/usr/bin/env")
        #expect(theirs.status == 0, "\(theirs.stderr) (pip install awscli)")
        #expect(ours.stdout == theirs.stdout)
    }
}
