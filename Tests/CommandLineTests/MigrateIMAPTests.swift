import Foundation
import Testing

/// `rootmail migrate` reading the codes from a real Dovecot over IMAPS, whose mail location is
/// the embedded organization's Maildir: Start, mail, IMAP, Accept, all real. Dovecot reads mail
/// as an unprivileged user only, so rootmail runs as that user here and its Maildir is theirs.
@Suite("rootmail migrate with an IMAP mailbox", .serialized, .tags(.subprocess))
struct MigrateIMAPTests {
    let rootmail: RootmailProcess
    let server: DovecotServer

    init() throws {
        var rootmail = try RootmailProcess()
        try FileManager.default.createDirectory(at: rootmail.home, withIntermediateDirectories: true)
        try DovecotServer.handOver(rootmail.home)
        server = try DovecotServer(maildir: rootmail.home.appendingPathComponent("mail"))
        rootmail.extraEnvironment["ROOTMAIL_IMAP_PASSWORD"] = server.password
        self.rootmail = rootmail
    }

    private var url: String { "imaps://\(server.user)@localhost:\(server.tlsPort)/INBOX" }

    /// Runs rootmail as the owner of the mail Dovecot serves.
    private func run(_ arguments: [String], environment: [String: String] = [:]) throws -> RootmailProcess.Result {
        var process = rootmail
        process.extraEnvironment.merge(environment) { _, new in new }
        let owner = DovecotServer.mailOwner
        return try process.run(["--reuid=\(owner.uid)", "--regid=\(owner.gid)", "--clear-groups", RootmailProcess.binary.path]
            + arguments, executable: "/usr/bin/setpriv")
    }

    private func finish() throws {
        try server.stop()
        rootmail.remove()
    }

    private func migrations() throws -> [[String: Any]] {
        try run(["migrate", "list"]).json["Migrations"] as? [[String: Any]] ?? []
    }

    @Test("migrate start --mailbox imaps://… changes every active account with the codes Dovecot serves")
    func startThroughIMAP() throws {
        defer { try? finish() }
        let throttling = try run(["sim", "throttling", "on"])
        #expect(throttling.status == 0, "\(throttling.stderr)")
        let result = try run(["migrate", "start", "--rewrite-domain", "northwind.example=newcorp.example",
                              "--mailbox", url, "--ca-file", server.caFile, "--yes", "--debug"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.json["Rows"] as? [[String: Any]] ?? []
        let done = rows.filter { $0["State"] as? String == "done" }
        #expect(done.count == 33, "\(result.stderr.suffix(2000))")
        #expect(rows.count - done.count == 8)
        #expect(rows.allSatisfy { ["done", "skipped"].contains($0["State"] as? String ?? "") })
        for row in done {
            let email = try run(["get-primary-email", "--account-id", row["AccountId"] as? String ?? ""])
            #expect(email.json["PrimaryEmail"] as? String == row["NewEmail"] as? String)
            #expect((row["NewEmail"] as? String ?? "").hasSuffix("@newcorp.example"))
        }
        #expect(!result.stderr.contains(server.password) && !result.stdout.contains(server.password))
        // Read through IMAP, the mail is neither read nor deleted.
        let files = ["cur", "new"].flatMap {
            (try? FileManager.default.contentsOfDirectory(atPath: server.maildir.appendingPathComponent($0).path)) ?? []
        }
        #expect(files.count == 33)
        #expect(files.allSatisfy { !($0.split(separator: ",").last ?? "").contains("S") }, "\(files)")
        try server.stop()
    }

    @Test("a malformed --mailbox is refused, naming the option and the accepted forms", arguments: [
        ("imaps://localhost/INBOX", "names no user"),
        ("imaps://codes:pw@localhost/INBOX", "ROOTMAIL_IMAP_PASSWORD"),
        ("imaps://codes@localhost:99999/INBOX", "port must be a number"),
        ("pop3://codes@localhost/INBOX", "neither a maildir: path"),
    ])
    func badURL(url: String, expected: String) throws {
        defer { try? finish() }
        let result = try run(["migrate", "start", "--rewrite-domain", "northwind.example=newcorp.example",
                              "--mailbox", url, "--yes"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--mailbox"), "\(result.stderr)")
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        #expect(result.stderr.contains("imaps://USER@HOST[:PORT]/MAILBOX"), "\(result.stderr)")
        #expect(try migrations().isEmpty)
    }

    @Test("a password file that others can read is refused, with the chmod that fixes it")
    func passwordFileMode() throws {
        defer { try? finish() }
        let file = rootmail.home.appendingPathComponent("imap-password")
        try (server.password + "\n").write(to: file, atomically: true, encoding: .utf8)
        try DovecotServer.handOver(file)
        chmod(file.path, 0o644)
        let arguments = ["migrate", "start", "--rewrite-domain", "northwind.example=newcorp.example", "--filter", "Staging",
                         "--mailbox", url, "--ca-file", server.caFile, "--password-file", file.path, "--yes"]
        let refused = try run(arguments, environment: ["ROOTMAIL_IMAP_PASSWORD": ""])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("chmod 600 \(file.path)"), "\(refused.stderr)")
        #expect(try migrations().isEmpty)
        chmod(file.path, 0o600)
        let accepted = try run(arguments, environment: ["ROOTMAIL_IMAP_PASSWORD": ""])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let rows = accepted.json["Rows"] as? [[String: Any]] ?? []
        #expect(rows.count == 4 && rows.allSatisfy { $0["State"] as? String == "done" }, "\(accepted.stdout)")
    }

    @Test("a wrong password, an untrusted certificate or another host name stop the command before any Start")
    func refusedServer() throws {
        defer { try? finish() }
        let start = ["migrate", "start", "--rewrite-domain", "northwind.example=newcorp.example", "--yes", "--debug"]
        let wrong = try run(start + ["--mailbox", url, "--ca-file", server.caFile],
                            environment: ["ROOTMAIL_IMAP_PASSWORD": "not-the-password"])
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("refused the user name or password"), "\(wrong.stderr)")
        #expect(!wrong.stderr.contains("not-the-password"))
        let untrusted = try run(start + ["--mailbox", url])
        #expect(untrusted.status != 0)
        #expect(untrusted.stderr.contains("is not trusted") && untrusted.stderr.contains("--ca-file"), "\(untrusted.stderr)")
        let otherName = try run(start + ["--mailbox", "imaps://\(server.user)@127.0.0.1:\(server.tlsPort)/INBOX",
                                         "--ca-file", server.caFile])
        #expect(otherName.status != 0)
        #expect(otherName.stderr.contains("not issued for that host name"), "\(otherName.stderr)")
        let missing = try run(start + ["--mailbox", url, "--ca-file", server.caFile], environment: ["ROOTMAIL_IMAP_PASSWORD": ""])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("ROOTMAIL_IMAP_PASSWORD"), "\(missing.stderr)")
        #expect(try migrations().isEmpty)
    }
}
