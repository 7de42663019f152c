import Crypto

/// The canonical form of a request that SigV4 hashes, built from the request as it is on the wire.
///
/// Rules (non-S3 services): the path loses `.`, `..` and empty segments and is then
/// percent-encoded again, `/` kept (so `%20` on the wire becomes `%2520`); the query is decoded
/// and re-encoded per RFC 3986 and sorted by key then value, `k=` for a key without value;
/// header names are lowercased, values trimmed with inner whitespace runs folded to one space,
/// repeated headers joined with `,`; the payload is the hex SHA-256 of the body.
public struct CanonicalRequest: Sendable, Hashable, CustomStringConvertible {
    public let method: String
    public let canonicalURI: String
    public let canonicalQuery: String
    /// One `name:value` line per signed header, each ending in a line feed.
    public let canonicalHeaders: String
    /// Lowercase names joined with `;`.
    public let signedHeaders: String
    public let payloadHash: String

    /// Canonicalises `request`, signing the headers named (lowercase) in `signedHeaderNames`,
    /// in that order. A named header the request lacks is signed with an empty value.
    public init(_ request: SignableRequest, signedHeaderNames: [String]) {
        method = request.method.uppercased()
        canonicalURI = Self.canonicalURI(path: request.path)
        canonicalQuery = Self.canonicalQuery(request.query)
        var valuesByName: [String: [String]] = [:]
        for field in request.headers {
            valuesByName[field.name.lowercased(), default: []].append(field.value)
        }
        canonicalHeaders = signedHeaderNames.map { name in
            "\(name):\((valuesByName[name] ?? []).map(Self.foldWhitespace).joined(separator: ","))\n"
        }.joined()
        signedHeaders = signedHeaderNames.joined(separator: ";")
        payloadHash = Self.hexSHA256(request.body)
    }

    /// The text that is hashed into the string to sign.
    public var description: String {
        [method, canonicalURI, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash].joined(separator: "\n")
    }

    /// Hex SHA-256 of the canonical text.
    public var hash: String { Self.hexSHA256(Array(description.utf8)) }

    /// The headers a signer signs: all but hop-by-hop headers and those that proxies and HTTP
    /// clients add or rewrite after signing (botocore's list), lowercased, sorted, without repeats.
    public static func namesToSign(in request: SignableRequest) -> [String] {
        let names = Set(request.headers.map { $0.name.lowercased() }).subtracting(unsignedHeaderNames)
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    static let unsignedHeaderNames: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization",
        "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    static func canonicalURI(path: String) -> String {
        URIEncoding.encode(bytes: removingDotAndEmptySegments(Array(path.utf8)), keepingSlash: true)
    }

    /// RFC 3986 section 5.2.4, and empty segments dropped as AWS services require; a trailing
    /// slash stays when anything is left before it. Works on bytes so that no character
    /// grouping can hide a `/`.
    static func removingDotAndEmptySegments(_ path: [UInt8]) -> [UInt8] {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        guard let first = path.first, let last = path.last else { return [slash] }
        var kept: [ArraySlice<UInt8>] = []
        for segment in path.split(separator: slash) where segment.elementsEqual([dot]) == false {
            if segment.elementsEqual([dot, dot]) {
                _ = kept.popLast()
            } else {
                kept.append(segment)
            }
        }
        var normalized: [UInt8] = first == slash ? [slash] : []
        normalized += kept.joined(separator: [slash])
        if last == slash && !kept.isEmpty { normalized.append(slash) }
        return normalized
    }

    static func canonicalQuery(_ query: String) -> String {
        let equals = UInt8(ascii: "=")
        let pairs = Array(query.utf8).split(separator: UInt8(ascii: "&")).map { component in
            let keyAndValue = component.split(separator: equals, maxSplits: 1, omittingEmptySubsequences: false)
            let key = URIEncoding.encode(bytes: URIEncoding.decodeQueryComponent(keyAndValue[0]), keepingSlash: false)
            let value = keyAndValue.count > 1
                ? URIEncoding.encode(bytes: URIEncoding.decodeQueryComponent(keyAndValue[1]), keepingSlash: false)
                : ""
            return (key: key, value: value)
        }
        // Encoded keys and values are ASCII, so comparing bytes sorts as AWS does.
        return pairs.sorted { lhs, rhs in
            lhs.key == rhs.key
                ? lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
                : lhs.key.utf8.lexicographicallyPrecedes(rhs.key.utf8)
        }
        .map { "\($0.key)=\($0.value)" }
        .joined(separator: "&")
    }

    /// Trims and folds runs of ASCII whitespace (as Python's `str.split()` sees it, which
    /// botocore uses) to one space.
    static func foldWhitespace(_ value: String) -> String {
        let words = Array(value.utf8).split { byte in
            byte == 0x20 || (0x09...0x0D).contains(byte) || (0x1C...0x1F).contains(byte)
        }
        return String(decoding: Array(words.joined(separator: [0x20])), as: UTF8.self)
    }

    static func hexSHA256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
