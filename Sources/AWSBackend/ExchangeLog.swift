import AWSSigV4
import Foundation
import Logging
import RootmailCore

/// What `--debug` shows of the calls to AWS, as the AWS CLI's `--debug` does: each request as
/// sent (method, URL, headers, body), each answer as read (status, headers, body), each retry
/// and its wait, and where the credentials came from. Whatever would let a reader act as the
/// caller is replaced by `<redacted>` here, the one place that writes requests and answers out.
struct ExchangeLog: Sendable {
    let logger: Logger

    /// A log that writes nothing, for a backend without `--debug`.
    static let silent = ExchangeLog(logger: Logger(label: "rootmail.aws", factory: { _ in SwiftLogNoOpLogHandler() }))

    func credentialsFound(_ provider: any CredentialProvider) {
        logger.info("Found credentials in \(provider.sourceDescription) (botocore's method \(provider.method.rawValue)).")
    }

    func sending(_ operation: String, attempt: Int, of attempts: Int, method: String, url: String,
                 headers: [HeaderField], body: [UInt8]) {
        logger.debug("""
            Sending http request (\(operation), attempt \(attempt) of \(attempts)): method=\(method), url=\(url), \
            headers={\(Self.headerList(headers.map { ($0.name, $0.value) }))}
            Request body:
            \(Self.bodyText(body))
            """)
    }

    func received(_ operation: String, _ answer: HTTPAnswer) {
        logger.debug("""
            Response (\(operation)) status: \(answer.status)
            Response headers: {\(Self.headerList(answer.headers))}
            Response body:
            \(Self.bodyText(answer.body))
            """)
    }

    func noAnswer(_ operation: String, _ error: RootmailError) {
        logger.debug("No answer to \(operation): \(error)")
    }

    func retrying(_ operation: String, after delay: Duration, attempt: Int, of attempts: Int, because reason: String) {
        let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
        let wait = String(format: "%.3f", seconds)
        logger.debug("Retry needed (\(reason)): sending \(operation) again after \(wait) seconds (attempt \(attempt) of \(attempts)).")
    }

    func notRetrying(_ operation: String, attempt: Int, of attempts: Int, mayRetry: Bool) {
        if mayRetry {
            logger.debug("No retry: \(operation) failed on attempt \(attempt), the last of \(attempts).")
        } else {
            logger.debug("No retry: \(operation)'s failure is not one that may be sent again.")
        }
    }

    // MARK: Redaction

    static let redacted = "<redacted>"

    /// Fields whose value is a secret in the bodies these services send and receive: the
    /// one-time code of AcceptPrimaryEmailUpdate, STS's MFA code and web identity token, and
    /// the temporary keys in STS's answers.
    static let secretFields = ["Otp", "TokenCode", "WebIdentityToken", "SecretAccessKey", "SessionToken"]

    /// `'Name': 'value', …` with the signature and the session token replaced.
    static func headerList(_ headers: [(name: String, value: String)]) -> String {
        headers.map { "'\($0.name)': '\(redactedHeader(name: $0.name, value: $0.value))'" }.joined(separator: ", ")
    }

    /// The Authorization header keeps its access key ID, scope and signed headers, which help
    /// find a signing fault and sign nothing; the signature and a session token go.
    static func redactedHeader(name: String, value: String) -> String {
        switch name.lowercased() {
        case "x-amz-security-token":
            return redacted
        case "authorization":
            guard let signature = value.range(of: "Signature=") else { return redacted }
            return value[..<signature.upperBound] + redacted
        default:
            return value
        }
    }

    /// The body as text with every secret field's value replaced, whether the body is JSON
    /// (`"Otp":"…"`), XML (`<SessionToken>…</SessionToken>`) or a form (`TokenCode=…`).
    static func bodyText(_ body: [UInt8]) -> String {
        guard !body.isEmpty else { return "(empty)" }
        guard var text = String(validating: body, as: UTF8.self) else { return "(\(body.count) bytes, not UTF-8)" }
        for field in secretFields {
            text = replacingValues(in: text, after: "\"\(field)\"", through: Self.jsonStringValue)
            text = replacingValues(in: text, after: "<\(field)>", through: Self.xmlText)
            text = replacingFormValues(of: field, in: text)
        }
        return text
    }

    /// Replaces the value that `value` finds after each `marker`.
    private static func replacingValues(in text: String, after marker: String,
                                        through value: (Substring) -> Range<String.Index>?) -> String {
        var result = ""
        var rest = text[...]
        while let found = rest.range(of: marker) {
            result += rest[..<found.upperBound]
            rest = rest[found.upperBound...]
            guard let secret = value(rest) else { continue }
            result += rest[..<secret.lowerBound] + redacted
            rest = rest[secret.upperBound...]
        }
        return result + rest
    }

    /// After an XML start tag: everything up to the next tag.
    private static func xmlText(_ rest: Substring) -> Range<String.Index>? {
        rest.startIndex..<(rest.firstIndex(of: "<") ?? rest.endIndex)
    }

    /// After a JSON key: the characters between the quotes of `: "…"`, escapes included; nil
    /// when the key is not followed by a string. The quotes stay, so the body is still JSON.
    private static func jsonStringValue(_ rest: Substring) -> Range<String.Index>? {
        var index = rest.startIndex
        func skipSpaces() { while index < rest.endIndex, rest[index].isWhitespace { index = rest.index(after: index) } }
        skipSpaces()
        guard index < rest.endIndex, rest[index] == ":" else { return nil }
        index = rest.index(after: index)
        skipSpaces()
        guard index < rest.endIndex, rest[index] == "\"" else { return nil }
        index = rest.index(after: index)
        let start = index
        while index < rest.endIndex, rest[index] != "\"" {
            if rest[index] == "\\" { index = rest.index(after: index) }
            if index < rest.endIndex { index = rest.index(after: index) }
        }
        return start..<index
    }

    private static func replacingFormValues(of field: String, in text: String) -> String {
        guard !text.hasPrefix("{"), !text.hasPrefix("<") else { return text }
        return text.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            pair.hasPrefix("\(field)=") ? "\(field)=\(redacted)" : String(pair)
        }.joined(separator: "&")
    }
}
