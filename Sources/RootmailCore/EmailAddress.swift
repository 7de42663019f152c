import Foundation

/// A root user (primary) email address as the AWS Account API accepts it: 5 to 64 characters
/// (Unicode code points, see `length(of:)`), one `@`, a dotted domain, no spaces or control characters. Equality ignores case, as AWS
/// treats addresses that differ only in case as the same address.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible, Codable {
    public static let lengthRange = 5...64

    /// The length AWS's 5–64 limit counts: Unicode code points, as botocore's parameter
    /// validation (Python's `len`) and the service count them. Grapheme clusters would let `a`
    /// with thousands of combining accents pass as one character.
    public static func length(of text: some StringProtocol) -> Int { text.unicodeScalars.count }

    /// The address as it was typed (trimmed), kept for display.
    public let rawValue: String

    public init(_ text: String, field: String = "PrimaryEmail") throws(RootmailError) {
        let trimmed = text.trimmingWhitespace()
        func reject(_ rule: String) -> RootmailError {
            .invalidInput(field: field, value: text, rule: rule)
        }
        let length = Self.length(of: trimmed)
        guard Self.lengthRange.contains(length) else {
            throw reject("must be 5 to 64 characters long (it has \(length))")
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.isBlankOrInvisible }) else {
            throw reject("must not contain spaces or control characters")
        }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw reject("must contain exactly one @, as in name@example.com")
        }
        let (local, domain) = (parts[0], parts[1])
        guard !local.isEmpty else { throw reject("needs a name before the @, as in name@example.com") }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else {
            throw reject("needs a dotted domain after the @, as in name@example.com")
        }
        rawValue = trimmed
    }

    public var description: String { rawValue }

    /// The form used for comparisons and lookups.
    public var normalized: String { rawValue.lowercased() }

    public static func == (lhs: EmailAddress, rhs: EmailAddress) -> Bool { lhs.normalized == rhs.normalized }
    public func hash(into hasher: inout Hasher) { hasher.combine(normalized) }

    public init(from decoder: any Decoder) throws {
        self = try EmailAddress(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
