/// The one-line message under the table: what just happened, or what went wrong and what to do.
struct StatusMessage: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case info
        case success
        case error
    }

    let text: String
    let kind: Kind

    init(_ text: String, kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }

    static func error(_ text: String) -> StatusMessage { StatusMessage(text, kind: .error) }
    static func success(_ text: String) -> StatusMessage { StatusMessage(text, kind: .success) }
}
