import Foundation
import Testing

/// The console on the live AWS backend, as an administrator runs it against a real
/// organization: `rootmail --endpoint-url URL --profile demo` (here `rootmail serve`, over
/// HTTP) with the profile in AWS_CONFIG_FILE; the accounts listed, an update saved, the console
/// closed and reopened, and the update completed there with the mailed code.
@Suite(.serialized, .tags(.subprocess, .terminal)) struct ConsoleLiveBackendTests {
    enum Profile: String, CaseIterable, CustomTestStringConvertible {
        /// Keys in the profile itself.
        case staticKeys
        /// A `credential_process` program that prints the keys, as password managers do.
        case credentialProcess
        /// `role_arn` with a `source_profile` holding the keys.
        case roleARN

        var testDescription: String { rawValue }

        /// The config file's text; a credential process is written into `folder`.
        func configFile(keys: (id: String, secret: String), folder: URL) throws -> String {
            switch self {
            case .staticKeys:
                return "[profile demo]\nregion = eu-west-1\naws_access_key_id = \(keys.id)\naws_secret_access_key = \(keys.secret)\n"
            case .credentialProcess:
                let script = folder.appendingPathComponent("credentials.sh")
                try """
                    #!/bin/sh
                    printf '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "%s"}' '\(keys.id)' '\(keys.secret)'
                    """.write(to: script, atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: script.path)
                return "[profile demo]\nregion = us-east-1\ncredential_process = \(script.path)\n"
            case .roleARN:
                return """
                [profile operator]
                aws_access_key_id = \(keys.id)
                aws_secret_access_key = \(keys.secret)

                [profile demo]
                region = us-east-1
                role_arn = arn:aws:iam::686512560918:role/RootEmailAdmin
                source_profile = operator
                role_session_name = console

                """
            }
        }

        /// The caller line of the console's header.
        var caller: String {
            switch self {
            case .staticKeys, .credentialProcess: "arn:aws:iam::686512560918:user/admin (management account)"
            case .roleARN: "arn:aws:sts::686512560918:assumed-role/RootEmailAdmin/console (management account)"
            }
        }
    }

    @Test(arguments: Profile.allCases)
    func updateInOneConsoleCompleteInTheNext(_ profile: Profile) throws {
        var rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let server = try LiveBackendTests.Server(rootmail)
        defer { server.stop() }
        let config = rootmail.home.appendingPathComponent("aws/config")
        try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
        try profile.configFile(keys: try LiveBackendTests.keys(rootmail), folder: config.deletingLastPathComponent())
            .write(to: config, atomically: true, encoding: .utf8)
        rootmail.extraEnvironment = ["AWS_CONFIG_FILE": config.path]
        let live = ["--endpoint-url", server.url, "--profile", "demo"]
        let account = try ConsoleEndToEndTests.accountID(rootmail, named: "Kraków Billing")
        // Short enough for the pending table's column at 100 columns.
        let newEmail = profile == .staticKeys ? "krakow-keys@example.net" : "krakow-role@example.net"

        let tmux = try TmuxSession(rootmail: rootmail, arguments: live)
        defer { tmux.end() }
        // A person waits for the header to say who they are before acting.
        try tmux.waitFor(text: "Caller \(profile.caller)")
        try tmux.waitFor(text: "│ aws region")

        // The console runs with the profile's files and none of the machine's AWS settings.
        let pid = try #require(try tmux.consolePID())
        let environment = try String(contentsOfFile: "/proc/\(pid)/environ", encoding: .utf8).split(separator: "\0")
        #expect(environment.contains { $0 == "AWS_CONFIG_FILE=\(config.path)" })
        #expect(!environment.contains { $0.hasPrefix("AWS_ACCESS_KEY_ID=") || $0.hasPrefix("AWS_PROFILE=") })
        try tmux.waitFor("every account listed") { $0.contains("Accounts 41 of 41") }
        try tmux.saveUpdate(ofAccountNamed: "Kraków", to: newEmail)
        try tmux.finishLaterAndQuit()

        // Saved for the next session, started by the profile's principal.
        let pending = try rootmail.run(["pending"] + live).json["PendingUpdates"] as? [[String: Any]] ?? []
        #expect(pending.map { $0["NewEmail"] as? String } == [newEmail])
        #expect(pending.first?["StartedBy"] as? String == profile.caller.components(separatedBy: " ")[0])

        try tmux.tmux(["kill-session", "-t", tmux.name])
        try tmux.start(arguments: live)
        try tmux.waitFor(text: "Caller \(profile.caller)")
        try tmux.waitFor(text: "1 pending email update")
        try tmux.press("p")
        try tmux.waitFor(text: newEmail)
        try tmux.press("Enter")
        try tmux.waitFor(text: "Complete email update")
        let code = try rootmail.run("mail", "--to", newEmail, "--code").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(code.count == 6)
        try tmux.type(code)
        try tmux.press("Enter")
        try tmux.waitFor("the dialog closed") { !$0.contains("Complete email update") }
        try tmux.press("Escape")
        try tmux.waitFor("the new address in the list") { $0.contains(newEmail) && $0.contains("Kraków Billing") }
        try tmux.press("q")
        try tmux.waitFor(text: "[exited 0]")

        #expect(try rootmail.run(["get-primary-email", "--account-id", account] + live).json["PrimaryEmail"] as? String == newEmail)
        #expect((try rootmail.run(["pending"] + live).json["PendingUpdates"] as? [Any])?.isEmpty == true)
    }
}
