import Foundation

/// A root user (primary) email address as the AWS Account API accepts it: 5 to 64 characters,
/// one `@`, a dotted domain, no spaces or control characters. Equality ignores case, as AWS
/// treats addresses that differ only in case as the same address.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible, Codable {
    public static let lengthRange = 5...64

    /// The address as it was typed (trimmed), kept for display.
    public let rawValue: String

    public init(_ text: String, field: String = "PrimaryEmail") throws(RootmailError) {
        let trimmed = text.trimmingWhitespace()
        func reject(_ rule: String) -> RootmailError {
            .invalidInput(field: field, value: text, rule: rule)
        }
        guard Self.lengthRange.contains(trimmed.count) else {
            throw reject("must be 5 to 64 characters long (it has \(trimmed.count))")
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
