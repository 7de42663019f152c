/// Why talking to an IMAP server failed, each case with what a person needs to act on it.
public enum IMAPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No TCP connection: the host does not resolve, nothing listens, or a firewall.
    case connectionFailed(server: String, reason: String)
    /// The certificate does not chain to a trusted authority (or is expired or malformed).
    case untrustedCertificate(server: String, reason: String)
    /// The certificate is trusted but names another host.
    case hostNameMismatch(server: String)
    /// `imap://` asks for STARTTLS, and the server does not offer it.
    case startTLSUnavailable(server: String)
    /// The server refused the user name and password.
    case authenticationFailed(server: String, answer: String)
    /// The server offers no way to log in that rootmail speaks over this connection.
    case noUsableAuthentication(server: String)
    case mailboxUnavailable(mailbox: String, answer: String)
    case commandFailed(command: String, answer: String)
    case protocolViolation(String)
    case timedOut(server: String, waitingFor: String)
    /// The server closed the connection.
    case closed(server: String)

    public var description: String {
        switch self {
        case let .connectionFailed(server, reason): "Cannot connect to the IMAP server \(server): \(reason)."
        case let .untrustedCertificate(server, reason):
            "The certificate of the IMAP server \(server) is not trusted (\(reason))."
        case let .hostNameMismatch(server): "The certificate of the IMAP server \(server) is not issued for that host name."
        case let .startTLSUnavailable(server):
            "The IMAP server \(server) does not offer STARTTLS, so the password could only be sent unencrypted."
        case let .authenticationFailed(server, answer): "The IMAP server \(server) refused the user name or password: \(answer)"
        case let .noUsableAuthentication(server):
            "The IMAP server \(server) offers neither AUTHENTICATE PLAIN nor LOGIN on this connection."
        case let .mailboxUnavailable(mailbox, answer): "The IMAP mailbox \"\(mailbox)\" cannot be opened: \(answer)"
        case let .commandFailed(command, answer): "The IMAP server refused \(command): \(answer)"
        case let .protocolViolation(what): "The IMAP server sent \(what), which is not IMAP4rev1."
        case let .timedOut(server, what): "The IMAP server \(server) did not answer \(what) in time."
        case let .closed(server): "The IMAP server \(server) closed the connection."
        }
    }
}
