import Foundation
import RootmailCore

/// One message of the embedded organization's mailbox, parsed from its RFC 5322 text.
public struct MailMessage: Hashable, Sendable, Identifiable {
    public struct Header: Hashable, Sendable {
        public let name: String
        public let value: String
    }

    /// The Maildir's unique name of the message (the file name without its flags).
    public let id: String
    public let headers: [Header]
    public let body: String
    /// The message as stored.
    public let text: String

    /// Splits the header (unfolding continued lines) from the body at the first empty line.
    public init(id: String, text: String) throws(RootmailError) {
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

    /// The address in `To:`, whether written bare or as `Name <address>`.
    public var recipientAddress: String? {
        guard let to else { return nil }
        if let open = to.lastIndex(of: "<"), let close = to.lastIndex(of: ">"), open < close {
            return String(to[to.index(after: open)..<close])
        }
        return to
    }

    /// The code of a verification mail; nil for any other message.
    public var verificationCode: OneTimeCode? {
        guard subject == AWSMessages.verificationMailSubject else { return nil }
        for line in body.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(VerificationMail.codeLabel) {
                return try? OneTimeCode(String(trimmed.dropFirst(VerificationMail.codeLabel.count)))
            }
        }
        return nil
    }
}
