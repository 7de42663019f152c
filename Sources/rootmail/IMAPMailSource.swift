import Foundation
import IMAPClient
import RootmailCore

/// A folder on an IMAP server, read as codes arrive: opened read-only, messages read with
/// BODY.PEEK[] (nothing is marked read, moved or deleted), new ones awaited with IDLE where the
/// server has it, else looked for again every few seconds.
actor IMAPMailSource: MailSource {
    private let server: IMAPServer
    private let user: String
    private let password: String
    private let folder: String
    private var connection: IMAPConnection
    private var uidValidity: UInt32?
    private var known = Set<UInt32>()

    private init(server: IMAPServer, user: String, password: String, folder: String,
                 connection: IMAPConnection, uidValidity: UInt32?) {
        self.server = server
        self.user = user
        self.password = password
        self.folder = folder
        self.connection = connection
        self.uidValidity = uidValidity
    }

    /// Connects, logs in and opens the folder, so that a wrong password or certificate stops a
    /// command before it starts anything.
    static func open(server: IMAPServer, user: String, password: String, folder: String) async throws(RootmailError) -> IMAPMailSource {
        let (connection, validity) = try await session(server: server, user: user, password: password, folder: folder)
        return IMAPMailSource(server: server, user: user, password: password, folder: folder,
                              connection: connection, uidValidity: validity)
    }

    private static func session(server: IMAPServer, user: String, password: String,
                                folder: String) async throws(RootmailError) -> (IMAPConnection, UInt32?) {
        do {
            let connection = try await IMAPConnection.connect(to: server)
            do {
                try await connection.logIn(user: user, password: password)
                return (connection, try await connection.examine(folder))
            } catch {
                await connection.close()
                throw error
            }
        } catch {
            throw explained(error)
        }
    }

    func messages(since date: Date) async throws -> [MailMessage] {
        do {
            return try await read(since: date)
        } catch {
            // A dropped connection (a server restart, a NAT timeout) is opened again once.
            switch error {
            case .closed, .timedOut, .connectionFailed: break
            default: throw Self.explained(error)
            }
            await connection.close()
            let (connection, validity) = try await Self.session(server: server, user: user, password: password, folder: folder)
            self.connection = connection
            if validity != uidValidity { known = [] }
            uidValidity = validity
            do { return try await read(since: date) } catch { throw Self.explained(error) }
        }
    }

    private func read(since date: Date) async throws(IMAPError) -> [MailMessage] {
        // SEARCH SINCE counts whole days, in the server's time zone: a day earlier, then the exact time.
        let uids = try await connection.uidSearch(since: date.addingTimeInterval(-24 * 60 * 60)).filter { !known.contains($0) }
        guard !uids.isEmpty else { return [] }
        let fetched = try await connection.fetch(uids: uids)
        known.formUnion(fetched.map(\.uid))
        // A message that is not RFC 5322 text carries no code; it is left alone, as any other.
        return fetched.compactMap { message in
            try? MailMessage(id: String(message.uid), text: String(decoding: message.body, as: UTF8.self),
                             receivedAt: message.internalDate)
        }.filter { ($0.received ?? .distantPast) >= date }
    }

    func waitForMail(upTo limit: Duration) async throws {
        if await connection.supportsIdle {
            do { _ = try await connection.idle(upTo: limit) } catch {
                // The next read reconnects; it reports what is still wrong then.
                try await Task.sleep(for: limit)
            }
        } else {
            try await Task.sleep(for: limit)
        }
    }

    func close() async {
        await connection.logOut()
    }

    /// The client's error, with what to change in rootmail's options to get past it.
    static func explained(_ error: any Error) -> RootmailError {
        guard let error = error as? IMAPError else { return .transport("IMAP: \(error)") }
        let hint = switch error {
        case .untrustedCertificate:
            " If the server's certificate comes from your organization's own authority, give that authority's "
                + "certificate with --ca-file PATH; rootmail never skips the check."
        case .hostNameMismatch: " Write the host name that the certificate names in --mailbox."
        case .startTLSUnavailable: " Use imaps:// with the server's TLS port (993) instead."
        case .authenticationFailed, .noUsableAuthentication:
            " Check the user in --mailbox and the password in \(IMAPPassword.variable) or --password-file."
        case .mailboxUnavailable: " Check the folder's name after the host in --mailbox (INBOX is the usual one)."
        case .connectionFailed: " Check the host and port in --mailbox."
        default: ""
        }
        return .transport(error.description + hint)
    }
}
