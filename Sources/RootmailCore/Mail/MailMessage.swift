import Foundation

/// One received message, parsed from its RFC 5322 text: from a Maildir or an IMAP server.
public struct MailMessage: Hashable, Sendable, Identifiable {
    public struct Header: Hashable, Sendable {
        public let name: String
        public let value: String
    }

    /// The mailbox's name of the message: a Maildir's unique name (the file name without its
    /// flags), or an IMAP UID.
    public let id: String
    /// When the mailbox received it (IMAP's INTERNALDATE); nil where only the Date header tells.
    public let receivedAt: Date?
    public let headers: [Header]
    public let body: String
    /// The message as stored.
    public let text: String

    /// Splits the header (unfolding continued lines) from the body at the first empty line.
    public init(id: String, text: String, receivedAt: Date? = nil) throws(RootmailError) {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        let headerText: Substring
        let body: Substring
        if let separator = normalized.range(of: "\n\n") {
            headerText = normalized[..<separator.lowerBound]
            body = normalized[separator.upperBound...]
        } else {
            headerText = normalized[...]
            body = ""
        }
        var headers: [Header] = []
        for line in headerText.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first == " " || first == "\t", let last = headers.popLast() {
                headers.append(Header(name: last.name, value: last.value + " " + line.trimmingCharacters(in: .whitespaces)))
                continue
            }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                throw .storage("The mail \(id) is not an RFC 5322 message: the header line \"\(line)\" has no field name.")
            }
            headers.append(Header(name: String(line[..<colon]),
                                  value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        self.id = id
        self.receivedAt = receivedAt
        self.text = text
        self.headers = headers
        self.body = String(body)
    }

    /// The first header of that name, compared without regard to case as RFC 5322 says.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public var to: String? { header("To") }
    public var subject: String? { header("Subject") }
    public var date: Date? { header("Date").flatMap(MailDate.parse) }

    /// When it arrived: the mailbox's own date where it keeps one, else the sender's Date header.
    public var received: Date? { receivedAt ?? date }

    /// The address in `To:`, whether written bare or as `Name <address>`.
    public var recipientAddress: String? { to.flatMap { Self.addresses(in: $0).first } }

    /// Every address in `To:` and `Cc:`.
    public var recipientAddresses: [String] { [header("To"), header("Cc")].compactMap { $0 }.flatMap(Self.addresses) }

    /// The address in `From:`.
    public var senderAddress: String? { header("From").flatMap { Self.addresses(in: $0).first } }

    /// The addresses of an address list (`a@x, "B, C" <b@y>`), each without its display name.
    static func addresses(in field: String) -> [String] {
        var addresses: [String] = []
        var current = ""
        var quoted = false
        for character in field {
            if character == "\"" { quoted.toggle() }
            if character == ",", !quoted {
                addresses.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        addresses.append(current)
        return addresses.compactMap { mailbox in
            let text = mailbox.trimmingCharacters(in: .whitespaces)
            if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
                return String(text[text.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
            }
            return text.isEmpty ? nil : text
        }
    }

    /// The code of an AWS verification mail; nil for any other message.
    public var verificationCode: OneTimeCode? { VerificationMailRule.aws.code(of: self) }
}
