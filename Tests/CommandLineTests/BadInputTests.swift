import Foundation
import Testing

/// Input no person means to give: bytes that are not UTF-8, a configuration file written on
/// Windows, a line of control characters. Each is refused by name, or read as intended.
@Suite(.tags(.subprocess)) struct BadInputTests {
    @Test func anArgumentThatIsNotUTF8IsRefusedNamingItsOption() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        // Foundation's Process takes Strings; a shell's printf puts the raw bytes in argv.
        let result = try rootmail.runInShell(#"""
            "$ROOTMAIL" start-primary-email-update --account-id 111111111111 --primary-email "$(printf '\377\376@x.io')"
            """#)
        #expect(result.status == 252, "\(result.stderr)")
        #expect(result.stderr.contains("--primary-email"), "\(result.stderr)")
        #expect(result.stderr.contains("UTF-8"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect((try rootmail.run("pending").json["PendingUpdates"] as? [Any])?.isEmpty == true)

        let joined = try rootmail.runInShell(#"""
            "$ROOTMAIL" get-primary-email "--account-id=$(printf '1\377')"
            """#)
        #expect(joined.status == 252)
        #expect(joined.stderr.contains("--account-id"), "\(joined.stderr)")
    }

    @Test func aConfigurationFileWithCRLFLineEndingsIsReadAsTOMLReadsIt() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        try rootmail.writeConfig("# written on Windows\r\nbackend = \"embedded\"\r\nregion = \"eu-west-1\"\r\n")
        let result = try rootmail.run("list-accounts")
        #expect(result.status == 0, "\(result.stderr)")

        try rootmail.writeConfig("backend = \"embedded\"\r\nbackend = \"nowhere\"\r\n")
        let refused = try rootmail.run("list-accounts")
        #expect(refused.status == 253)
        #expect(refused.stderr.contains("line 2 (backend = \"nowhere\")"), "\(refused.stderr)")
    }

    @Test func aConfigurationErrorQuotesAShortEscapedExcerpt() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        try rootmail.writeConfig("\u{1B}[2J\u{1B}]0;owned\u{7}" + String(repeating: "x", count: 50_000) + "\n")
        let result = try rootmail.run("list-accounts")
        #expect(result.status == 253)
        #expect(result.stderr.contains("line 1"), "\(result.stderr.prefix(300))")
        #expect(result.stderr.contains(#"\u{1B}[2J"#), "\(result.stderr.prefix(300))")
        #expect(!result.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(result.stderr.utf8.count < 1_000, "stderr has \(result.stderr.utf8.count) bytes")
    }

    @Test func anUnknownArgumentIsEchoedEscaped() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let result = try rootmail.run("list-accounts", "--\u{1B}]0;owned\u{7}" + String(repeating: "y", count: 5_000))
        #expect(result.status == 252)
        #expect(!result.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(result.stderr.prefix(300))")
        #expect(result.stderr.utf8.count < 3_000, "stderr has \(result.stderr.utf8.count) bytes")
    }
}

@Suite(.tags(.subprocess)) struct UnknownCommandTests {
    @Test func anUnknownCommandPrintsTheTopLevelUsage() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let result = try rootmail.run("frobnicate")
        #expect(result.status == 252)
        #expect(result.stderr.contains("Unknown command 'frobnicate'"), "\(result.stderr)")
        #expect(result.stderr.contains("rootmail <subcommand>"), "\(result.stderr)")
        #expect(!result.stderr.contains("rootmail console"), "\(result.stderr)")
    }
}

extension RootmailProcess {
    /// Runs a shell script with `$ROOTMAIL` naming the binary, for arguments Foundation's
    /// `Process` cannot pass (bytes that are not UTF-8).
    func runInShell(_ script: String) throws -> Result {
        var shell = self
        shell.extraEnvironment["ROOTMAIL"] = Self.binary.path
        return try shell.run(["-c", script], executable: "/bin/sh")
    }

    /// Writes `$XDG_CONFIG_HOME/rootmail/config.toml`.
    func writeConfig(_ text: String) throws {
        let folder = home.appendingPathComponent("config/rootmail", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: folder.appendingPathComponent("config.toml"))
    }
}
