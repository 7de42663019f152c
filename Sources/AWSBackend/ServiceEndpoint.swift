import AWSSigV4
import Foundation
import RootmailCore

/// Where one service's requests go and how they are signed.
struct ServiceEndpoint: Sendable, Equatable {
    let service: AWSService
    let scheme: String
    let host: String
    let port: Int?
    /// The endpoint URL's own path without a trailing slash (usually empty); operation paths follow it.
    let basePath: String
    let signingRegion: String
    /// Set when the endpoint came from `--endpoint-url` or another override, naming that source.
    let overrideSource: String?

    /// `overrideSource` is named in the error when the URL is malformed.
    init(service: AWSService, url text: String, signingRegion: String, overrideSource: String?) throws {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else {
            throw RootmailError.configuration(
                "The endpoint URL \"\(text)\"\(overrideSource.map { " (from \($0))" } ?? "") is not usable: "
                    + "give http:// or https:// followed by a host, such as http://127.0.0.1:5000.")
        }
        self.service = service
        self.scheme = scheme
        self.host = host
        self.port = components.port
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        self.basePath = path
        self.signingRegion = signingRegion
        self.overrideSource = overrideSource
    }

    /// The Host header value SigV4 signs.
    var hostHeader: String { HostHeader.value(scheme: scheme, host: host, port: port) }

    /// `https://host[:port]` and the base path.
    var urlText: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(hostPart)\(port.map { ":\($0)" } ?? "")\(basePath)"
    }

    /// The path on the wire for an operation path such as `/getPrimaryEmail`.
    func requestPath(_ operationPath: String) -> String { basePath + operationPath }
}
