/// An AWS access key pair, with the session token that temporary credentials carry.
///
/// Construction refuses empty parts and parts with whitespace: a key pasted with a trailing
/// newline would otherwise sign every request wrongly and fail far from its cause.
public struct Credentials: Sendable, Hashable {
    public let accessKeyID: String
    public let secretAccessKey: String
    public let sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) throws(InvalidCredentials) {
        try Self.check(accessKeyID, named: "access key id")
        try Self.check(secretAccessKey, named: "secret access key")
        if let sessionToken { try Self.check(sessionToken, named: "session token") }
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    private static func check(_ part: String, named name: String) throws(InvalidCredentials) {
        if part.isEmpty {
            throw InvalidCredentials(message: "The AWS \(name) is empty: give the whole value.")
        }
        if part.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
            throw InvalidCredentials(
                message: "The AWS \(name) contains whitespace: remove the spaces or line breaks copied with it."
            )
        }
    }
}

extension Credentials: CustomStringConvertible {
    /// Names the key but never shows the secret or the token.
    public var description: String {
        "Credentials(accessKeyID: \(accessKeyID), secretAccessKey: <redacted>\(sessionToken == nil ? "" : ", sessionToken: <redacted>"))"
    }
}

public struct InvalidCredentials: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
