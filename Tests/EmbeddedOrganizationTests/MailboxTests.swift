import Foundation
import RootmailCore
import Testing
import EmbeddedOrganization

@Suite("The mailbox", .tags(.inProcess))
struct MailboxTests {
    private func maildirFiles(_ fixture: Fixture, _ folder: String) throws -> [URL] {
        let url = fixture.directory.file("mail").appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
    }

    @Test("Start writes one RFC 5322 message into mail/new, private to the user")
    func messageFile() async throws {
        let fixture = try Fixture()
        let tokyo = try await fixture.account(named: "東京 Sandbox")
        let newEmail = try email("tokyo-root@northwind.example")
        _ = try await fixture.backend().startPrimaryEmailUpdate(tokyo.id, to: newEmail)

        #expect(try maildirFiles(fixture, "tmp").isEmpty)
        let files = try maildirFiles(fixture, "new")
        try #require(files.count == 1)
        let attributes = try FileManager.default.attributesOfItem(atPath: files[0].path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        // Parsed here by the rules of RFC 5322, independently of Mailbox.
        let text = try String(contentsOf: files[0], encoding: .utf8)
        let parts = text.components(separatedBy: "\n\n")
        try #require(parts.count >= 2)
        var fields: [String: String] = [:]
        for line in parts[0].split(separator: "\n") {
            #expect(line.allSatisfy { $0.isASCII }, "header lines are ASCII: \(line)")
            let match = try #require(line.wholeMatch(of: /([!-9;-~]+):[ ](.*)/), "not a header field: \(line)")
            fields[String(match.1)] = String(match.2)
        }
        #expect(fields["From"] == "Amazon Web Services <no-reply@signin.aws>")
        #expect(fields["To"] == "tokyo-root@northwind.example")
        #expect(fields["Subject"] == "Verify the new email address for the AWS account root user")
        #expect(fields["Date"] == "Mon, 24 Nov 2025 16:00:00 +0000")
        #expect(fields["Message-ID"]?.wholeMatch(of: /<[^<>@\s]+@[^<>@\s]+>/) != nil)
        #expect(fields["MIME-Version"] == "1.0")
        #expect(fields["Content-Type"] == "text/plain; charset=utf-8")
        let body = parts.dropFirst().joined(separator: "\n\n")
        #expect(body.contains(tokyo.id.rawValue))
        #expect(body.contains("東京 Sandbox"))
        #expect(body.firstMatch(of: /Verification code: \d{6}\n/) != nil)
    }

    @Test("lists messages with date, recipient and subject, and finds one by id")
    func listing() async throws {
        let fixture = try Fixture()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let tokyo = try await fixture.account(named: "東京 Sandbox")
        _ = try await fixture.backend().startPrimaryEmailUpdate(zurich.id, to: try email("one@northwind.example"))
        fixture.clock.advance(by: 90)
        _ = try await fixture.backend().startPrimaryEmailUpdate(tokyo.id, to: try email("two@northwind.example"))

        let messages = try fixture.organization.mailbox.messages()
        #expect(messages.map(\.to) == ["one@northwind.example", "two@northwind.example"])
        #expect(messages.map(\.date) == [fixture.clock.now.addingTimeInterval(-90), fixture.clock.now])
        #expect(messages.allSatisfy { $0.subject == AWSMessages.verificationMailSubject })
        let second = try fixture.organization.mailbox.message(id: messages[1].id)
        #expect(second.body.contains(tokyo.id.rawValue))
        #expect(second.text.hasPrefix("From: Amazon Web Services <no-reply@signin.aws>\nTo: two@northwind.example\n"))
        #expect(throws: RootmailError.self) { try fixture.organization.mailbox.message(id: "no-such-message") }
    }

    @Test("the latest code sent to an address is found, whatever the address's case")
    func latestCode() async throws {
        let fixture = try Fixture()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let newEmail = try email("Latest@Northwind.example")
        _ = try await fixture.backend().startPrimaryEmailUpdate(zurich.id, to: newEmail)
        fixture.clock.advance(by: 31)
        _ = try await fixture.backend().startPrimaryEmailUpdate(zurich.id, to: newEmail)

        let messages = try fixture.organization.mailbox.messages()
        let newest = try #require(messages.last?.verificationCode)
        #expect(try fixture.organization.mailbox.latestCode(to: try email("latest@northwind.example")) == newest)
        #expect(try fixture.organization.mailbox.latestCode(to: try email("nobody@northwind.example")) == nil)
        // The code found is the one that works.
        #expect(try await fixture.backend().acceptPrimaryEmailUpdate(zurich.id, email: newEmail, code: newest) == .accepted)
    }

    @Test("a message moved to cur/ by a mail reader is still listed")
    func readMessages() async throws {
        let fixture = try Fixture()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let newEmail = try email("read@northwind.example")
        _ = try await fixture.backend().startPrimaryEmailUpdate(zurich.id, to: newEmail)
        let file = try #require(try maildirFiles(fixture, "new").first)
        let cur = fixture.directory.file("mail").appendingPathComponent("cur").appendingPathComponent(file.lastPathComponent + ":2,S")
        try FileManager.default.moveItem(at: file, to: cur)
        #expect(try fixture.organization.mailbox.latestCode(to: newEmail) != nil)
        #expect(try fixture.organization.mailbox.messages().first?.id == file.lastPathComponent)
    }
}
