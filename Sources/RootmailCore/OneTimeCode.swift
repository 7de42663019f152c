import Foundation

/// The verification code AWS mails to the new address. AWS's model allows 6 ASCII letters or
/// digits; real codes are 6 digits. Deliberately not `Codable`, and every description of it is
/// redacted (Swift's default one would print `secret` by reflection), so a code cannot end up in
/// a log line or a stored record by accident.
public struct OneTimeCode: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    public static let length = 6

    /// The code itself; read it only to send it to the backend.
    public let secret: String

    public init(_ text: String) throws(RootmailError) {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.count == Self.length,
              trimmed.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) })
        else {
            throw .invalidInput(
                field: "Otp", value: nil,
                rule: "must be the 6 letters or digits from the verification email (it had \(trimmed.count) characters)"
            )
        }
        secret = trimmed
    }

    public var description: String { "OneTimeCode(redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: []) }
}
