/// The one-line message under the table: what just happened, or what went wrong and what to do.
public struct StatusMessage: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case info
        case success
        case error
    }

    public let text: String
    public let kind: Kind

    public init(_ text: String, kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }

    public static func error(_ text: String) -> StatusMessage { StatusMessage(text, kind: .error) }
    public static func success(_ text: String) -> StatusMessage { StatusMessage(text, kind: .success) }
}
