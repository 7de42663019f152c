import OrderedJSON
import RootmailCore

/// An HTTP answer as plain values, before it is handed to the HTTP server.
struct WireResponse: Sendable {
    let status: Int
    let headers: [(name: String, value: String)]
    let body: [UInt8]

    static let requestIDHeader = "x-amzn-RequestId"

    /// A successful JSON answer (Account's rest-json or Organizations' JSON 1.1).
    static func json(_ value: JSONValue, contentType: String, requestID: String) -> WireResponse {
        WireResponse(status: 200,
                     headers: [("Content-Type", contentType), (requestIDHeader, requestID)],
                     body: value.serialized())
    }

    /// A successful query-protocol answer (STS), XML with the request id in its metadata.
    static func xml(_ text: String, requestID: String) -> WireResponse {
        WireResponse(status: 200,
                     headers: [("Content-Type", "text/xml"), (requestIDHeader, requestID)],
                     body: Array(text.utf8))
    }
}

enum ContentType {
    static let restJSON = "application/json"
    static let json11 = "application/x-amz-json-1.1"
    static let form = "application/x-www-form-urlencoded"

    /// The media type of a `Content-Type` value, without parameters, in lower case.
    static func mediaType(of value: String?) -> String? {
        guard let value else { return nil }
        let media = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let trimmed = media.trimmingWhitespace().lowercased()
        return trimmed.isEmpty ? nil : trimmed
    }
}

/// Escapes text for XML element content.
enum XMLText {
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            // Characters XML 1.0 cannot carry at all.
            case "\u{00}"..."\u{08}", "\u{0B}", "\u{0C}", "\u{0E}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
