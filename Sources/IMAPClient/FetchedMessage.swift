import Foundation

/// A message as `UID FETCH` returned it.
public struct FetchedMessage: Sendable, Equatable {
    public let uid: UInt32
    /// When the server received it (INTERNALDATE).
    public let internalDate: Date?
    public let flags: [String]
    /// The whole RFC 5322 message; empty when only the flags were asked for.
    public let body: [UInt8]

    init(_ attributes: [IMAPValue]) throws(IMAPError) {
        var uid: UInt32?
        var internalDate: Date?
        var flags: [String] = []
        var body: [UInt8] = []
        var index = 0
        while index + 1 < attributes.count {
            let value = attributes[index + 1]
            switch attributes[index].atom?.uppercased() {
            case "UID": uid = value.number
            case "INTERNALDATE": internalDate = value.text.flatMap(IMAPDate.parseInternalDate)
            case "FLAGS": flags = value.list?.compactMap(\.atom) ?? []
            case "BODY[]": body = value.bytes ?? []
            default: break
            }
            index += 2
        }
        guard let uid else { throw IMAPError.protocolViolation("a FETCH response without the UID it was asked for") }
        self.uid = uid
        self.internalDate = internalDate
        self.flags = flags
        self.body = body
    }
}

/// IMAP's dates: `02-Dec-2026 14:19:46 +0000` (INTERNALDATE) and `2-Dec-2026` (SEARCH).
enum IMAPDate {
    private static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = format
        return formatter
    }

    static func parseInternalDate(_ text: String) -> Date? {
        formatter("d-MMM-yyyy HH:mm:ss Z").date(from: text.trimmingCharacters(in: .whitespaces))
    }

    static func searchDate(_ date: Date) -> String { formatter("d-MMM-yyyy").string(from: date) }
}
