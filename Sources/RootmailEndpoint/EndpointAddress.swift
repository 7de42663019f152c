/// Where a running endpoint listens.
public struct EndpointAddress: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `http://127.0.0.1:4599`, for `--endpoint-url`.
    public var url: String { "http://\(host.contains(":") ? "[\(host)]" : host):\(port)" }

    public var description: String { url }
}
