/// One header line as sent or received. Names keep their case; SigV4 lowercases them itself.
public struct HeaderField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// Whether the header is called `name`, compared without ASCII case as HTTP compares
    /// names, and without building lowercased copies (the endpoint asks this many times a request).
    public func hasName(_ name: String) -> Bool {
        self.name.utf8.elementsEqual(name.utf8) { Self.asciiLowercase($0) == Self.asciiLowercase($1) }
    }

    private static func asciiLowercase(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}

/// An HTTP request as plain values, in the form it has on the wire.
///
/// `path` and `query` are exactly what the request line carries (percent-encoded, `query`
/// without the `?`): SigV4 signs the path as sent, so a server must hand over the raw request
/// target, not a decoded path. Headers keep their order and may repeat.
public struct SignableRequest: Sendable, Hashable {
    public var method: String
    public var path: String
    public var query: String
    public var headers: [HeaderField]
    public var body: [UInt8]

    public init(method: String, path: String, query: String = "", headers: [HeaderField] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// Splits a request target such as `/a%20b?x=1` into path and query.
    public init(method: String, target: String, headers: [HeaderField] = [], body: [UInt8] = []) {
        let bytes = Array(target.utf8)
        let questionMark = bytes.firstIndex(of: UInt8(ascii: "?"))
        self.init(
            method: method,
            path: String(decoding: bytes[..<(questionMark ?? bytes.endIndex)], as: UTF8.self),
            query: questionMark.map { String(decoding: bytes[($0 + 1)...], as: UTF8.self) } ?? "",
            headers: headers,
            body: body
        )
    }

    /// The values of every header with this name, compared without case, in order.
    public func headerValues(named name: String) -> [String] {
        headers.filter { $0.hasName(name) }.map(\.value)
    }

    /// The first value of the header with this name, compared without case.
    public func headerValue(named name: String) -> String? {
        headers.first { $0.hasName(name) }?.value
    }

    /// Replaces every header with this name by one with the given value.
    public mutating func setHeader(_ name: String, to value: String) {
        removeHeaders(named: name)
        headers.append(HeaderField(name, value))
    }

    public mutating func removeHeaders(named name: String) {
        headers.removeAll { $0.hasName(name) }
    }
}
