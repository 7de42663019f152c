/// A 12-digit AWS account number. Only constructible from a valid string.
public struct AccountID: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let rawValue: String

    public init(_ text: String) throws(RootmailError) {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.utf8.count == 12, trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw .invalidInput(field: "AccountId", value: text, rule: "must be exactly 12 digits, such as 123456789012")
        }
        rawValue = trimmed
    }

    public var description: String { rawValue }

    public static func < (lhs: AccountID, rhs: AccountID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try AccountID(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
