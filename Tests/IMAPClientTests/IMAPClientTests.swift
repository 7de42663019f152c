import Foundation
import IMAPClient
import RootmailTestSupport
import Testing

/// The client against a real Dovecot, as rootmail uses it to read the codes.
@Suite("IMAP client against Dovecot", .serialized, .tags(.subprocess))
struct IMAPClientTests {
    static func message(to recipient: String, subject: String, body: String) -> String {
        """
        From: Amazon Web Services <no-reply@signin.aws>
        To: \(recipient)
        Subject: \(subject)
        Date: \(DateFormatter.mail.string(from: Date()))
        Message-ID: <\(UUID().uuidString)@test>

        \(body)

        """
    }

    func withServer(ssl: Bool = true, _ body: (DovecotServer) async throws -> Void) async throws {
        let server = try DovecotServer(ssl: ssl)
        do {
            try await body(server)
        } catch {
            try? server.stop()
            throw error
        }
        try server.stop()
    }

    func trusted(_ server: DovecotServer, host: String = "localhost", security: IMAPServer.Security = .implicitTLS) -> IMAPServer {
        IMAPServer(host: host, port: security == .implicitTLS ? server.tlsPort : server.plainPort, security: security,
                   extraTrustedCertificates: server.caFile)
    }

    @Test("logs in over imaps and STARTTLS, finds and reads a message, and leaves it unread", arguments: [
        IMAPServer.Security.implicitTLS, .startTLS,
    ])
    func readsWithoutMarking(security: IMAPServer.Security) async throws {
        try await withServer { server in
            try server.deliver(Self.message(to: "other@newcorp.example", subject: "Lunch", body: "Noon?"))
            try server.deliver(Self.message(to: "aws+111@newcorp.example", subject: "Verify",
                                        body: "Verification code: 482913\r\nwith a CRLF inside the literal"))
            let connection = try await IMAPConnection.connect(to: trusted(server, security: security))
            try await connection.logIn(user: server.user, password: server.password)
            try await connection.examine("INBOX")
            let uids = try await connection.uidSearch(since: Date())
            #expect(uids.count == 2)
            let messages = try await connection.fetch(uids: uids)
            let texts = messages.map { String(decoding: $0.body, as: UTF8.self) }
            #expect(texts.contains { $0.contains("To: aws+111@newcorp.example") && $0.contains("Verification code: 482913") })
            #expect(texts.contains { $0.contains("Noon?") })
            #expect(messages.allSatisfy { abs(($0.internalDate ?? .distantPast).timeIntervalSinceNow) < 120 })
            await connection.logOut()

            // A second session sees both still unread, and so does the Maildir itself.
            let again = try await IMAPConnection.connect(to: trusted(server))
            try await again.logIn(user: server.user, password: server.password)
            try await again.examine("INBOX")
            let flags = try await again.fetch(uids: uids, bodies: false).map(\.flags)
            #expect(flags.count == 2)
            #expect(flags.allSatisfy { !$0.contains("\\Seen") && !$0.contains("\\Deleted") }, "\(flags)")
            await again.logOut()
            let files = ["cur", "new"].flatMap {
                (try? FileManager.default.contentsOfDirectory(atPath: server.maildir.appendingPathComponent($0).path)) ?? []
            }
            #expect(files.count == 2)
            #expect(files.allSatisfy { !($0.split(separator: ",").last ?? "").contains("S") }, "\(files)")
        }
    }

    @Test("LOGIN sends a password with quotes, a backslash and non-ASCII letters intact")
    func loginWithLiteral() async throws {
        try await withServer { server in
            let connection = try await IMAPConnection.connect(to: trusted(server))
            try await connection.login(user: server.user, password: server.password)
            try await connection.examine("INBOX")
            await connection.logOut()
        }
    }

    @Test("IDLE notices a message delivered after it started")
    func idleNoticesNewMail() async throws {
        try await withServer { server in
            let connection = try await IMAPConnection.connect(to: trusted(server))
            try await connection.logIn(user: server.user, password: server.password)
            try await connection.examine("INBOX")
            #expect(await connection.supportsIdle)
            let began = Date()
            let delivery = Task {
                try await Task.sleep(for: .seconds(1.5))
                try server.deliver(Self.message(to: "late@newcorp.example", subject: "Late", body: "Code 111111"))
            }
            let arrived = try await connection.idle(upTo: .seconds(20))
            try await delivery.value
            let elapsed = Date().timeIntervalSince(began)
            #expect(arrived)
            #expect(elapsed >= 1.5 && elapsed < 10, "IDLE returned after \(elapsed) s")
            #expect(try await connection.uidSearch(since: Date()).count == 1)
            // With nothing delivered, it waits its time and says so.
            #expect(try await connection.idle(upTo: .seconds(1.5)) == false)
            await connection.logOut()
        }
    }

    @Test("a wrong password is refused with the server's answer")
    func wrongPassword() async throws {
        try await withServer { server in
            let connection = try await IMAPConnection.connect(to: trusted(server))
            await #expect { try await connection.logIn(user: server.user, password: "wrong") } throws: { error in
                guard case .authenticationFailed = error as? IMAPError else { return false }
                return "\(error)".contains("refused the user name or password")
            }
            await connection.close()
        }
    }

    @Test("a certificate from an authority the system does not trust is refused")
    func untrustedCertificate() async throws {
        try await withServer { server in
            let untrusted = IMAPServer(host: "localhost", port: server.tlsPort, security: .implicitTLS)
            await #expect { _ = try await IMAPConnection.connect(to: untrusted) } throws: { error in
                guard case .untrustedCertificate = error as? IMAPError else { return false }
                return "\(error)".contains("is not trusted")
            }
            let starttls = IMAPServer(host: "localhost", port: server.plainPort, security: .startTLS)
            await #expect { _ = try await IMAPConnection.connect(to: starttls) } throws: { error in
                if case .untrustedCertificate = error as? IMAPError { true } else { false }
            }
        }
    }

    @Test("a trusted certificate issued for another host name is refused")
    func wrongHostName() async throws {
        try await withServer { server in
            // The certificate names localhost only, not 127.0.0.1.
            await #expect { _ = try await IMAPConnection.connect(to: trusted(server, host: "127.0.0.1")) } throws: { error in
                guard case .hostNameMismatch = error as? IMAPError else { return false }
                return "\(error)".contains("not issued for that host name")
            }
        }
    }

    @Test("imap:// is refused when the server does not offer STARTTLS")
    func noStartTLS() async throws {
        try await withServer(ssl: false) { server in
            await #expect { _ = try await IMAPConnection.connect(to: trusted(server, security: .startTLS)) } throws: { error in
                if case .startTLSUnavailable = error as? IMAPError { true } else { false }
            }
        }
    }
}

extension DateFormatter {
    static var mail: DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter
    }
}
