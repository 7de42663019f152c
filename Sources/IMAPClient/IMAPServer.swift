/// An IMAP server and how rootmail reaches it: always over TLS, with its certificate and host
/// name verified; there is no way to turn the verification off.
public struct IMAPServer: Sendable, Equatable, CustomStringConvertible {
    public enum Security: Sendable, Equatable {
        /// `imaps://`: TLS from the first byte (port 993).
        case implicitTLS
        /// `imap://`: plain text until STARTTLS, which the server must offer (port 143).
        case startTLS
    }

    public let host: String
    public let port: Int
    public let security: Security
    /// A PEM file of authorities trusted besides the system's (a company's own CA).
    public let extraTrustedCertificates: String?

    public init(host: String, port: Int? = nil, security: Security, extraTrustedCertificates: String? = nil) {
        self.host = host
        self.port = port ?? (security == .implicitTLS ? 993 : 143)
        self.security = security
        self.extraTrustedCertificates = extraTrustedCertificates
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
