import AsyncHTTPClient
import AWSSigV4
import Foundation
import RootmailCore

/// The task or pod role's credentials from the ECS/EKS container credentials endpoint, read as
/// botocore's `ContainerProvider` reads them: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (on
/// 169.254.170.2) before `AWS_CONTAINER_CREDENTIALS_FULL_URI`, whose host must be a loopback
/// address or an ECS/EKS address unless it is HTTPS; the `Authorization` header from
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read at each fetch, as the agent rotates it) or else
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN`. Each fetch tries 3 times, 2 seconds each, 1 second apart.
/// Only the environment configures it, as in botocore.
struct ContainerCredentials: Sendable {
    static let relativeURIVariable = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"
    static let fullURIVariable = "AWS_CONTAINER_CREDENTIALS_FULL_URI"
    static let tokenVariable = "AWS_CONTAINER_AUTHORIZATION_TOKEN"
    static let tokenFileVariable = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"
    /// ECS's endpoint, which a relative URI is on.
    static let ecsAddress = "169.254.170.2"
    /// The hosts a plain-HTTP full URI may name besides loopback addresses: ECS, EKS Pod Identity (IPv4 and IPv6).
    static let allowedHosts = [ecsAddress, "169.254.170.23", "fd00:ec2::23", "localhost"]
    private static let attempts = 3
    private static let timeoutSeconds: Int64 = 2
    private static let pause = Duration.seconds(1)

    private enum Authorization: Sendable {
        case token(String)
        case file(String)
    }

    let http: HTTPClient
    let url: String
    private let authorization: Authorization?

    /// Nil when neither URI variable is set (botocore counts a variable set to "" as set).
    init?(http: HTTPClient, environment: [String: String]) throws {
        if let relative = environment[Self.relativeURIVariable] {
            url = "http://\(Self.ecsAddress)\(relative)"
        } else if let full = environment[Self.fullURIVariable] {
            try Self.checkAddress(full)
            url = full
        } else {
            return nil
        }
        self.http = http
        if let path = environment[Self.tokenFileVariable] {
            authorization = .file(path)
        } else if let token = environment[Self.tokenVariable] {
            try Self.checkHeaderValue(token, source: Self.tokenVariable)
            authorization = .token(token)
        } else {
            authorization = nil
        }
    }

    func fetch() async throws -> ExpiringCredentials {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        if let token = try authorizationHeader() { request.headers.add(name: "Authorization", value: token) }
        var failure = ""
        for attempt in 1...Self.attempts {
            do {
                let response = try await http.execute(request, timeout: .seconds(Self.timeoutSeconds))
                let body = String(buffer: try await response.body.collect(upTo: 1 << 16))
                if response.status.code == 200, let credentials = ExpiringCredentials(json: body) { return credentials }
                failure = response.status.code == 200 ? "an answer without AccessKeyId, SecretAccessKey, Token and Expiration"
                    : "HTTP \(response.status.code): \(body.prefix(200))"
            } catch {
                failure = "\(error)"
            }
            if attempt < Self.attempts { try await Task.sleep(for: Self.pause) }
        }
        throw RootmailError.transport(
            "The container credentials endpoint \(url) gave no credentials after \(Self.attempts) tries: \(failure)")
    }

    private func authorizationHeader() throws -> String? {
        switch authorization {
        case nil:
            return nil
        case .token(let token):
            return token
        case .file(let path):
            let token: String
            do {
                token = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw RootmailError.configuration(
                    "\(Self.tokenFileVariable) is \(path), which cannot be read: \(error.localizedDescription)")
            }
            try Self.checkHeaderValue(token, source: "The file \(path) (\(Self.tokenFileVariable))")
            return token
        }
    }

    private static func checkHeaderValue(_ token: String, source: String) throws {
        if token.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
            throw RootmailError.configuration(
                "\(source) holds a line break, which an Authorization header cannot carry: "
                    + "give the container authorization token alone, without a newline at the end.")
        }
    }

    /// HTTPS may go anywhere; plain HTTP only to this machine or the container agents.
    private static func checkAddress(_ text: String) throws {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else {
            throw RootmailError.configuration(
                "\(fullURIVariable) is \"\(text)\", which is not a URL: give one such as http://127.0.0.1:8080/credentials.")
        }
        if scheme == "https" { return }
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if isLoopback(bareHost) || allowedHosts.contains(bareHost) { return }
        throw RootmailError.configuration(
            "\(fullURIVariable) is \"\(text)\": over plain HTTP container credentials come only from a loopback "
                + "address or one of \(allowedHosts.joined(separator: ", ")). Use an https:// URL for any other host.")
    }

    private static func isLoopback(_ host: String) -> Bool {
        var ipv4 = in_addr()
        if inet_pton(AF_INET, host, &ipv4) == 1 { return UInt32(bigEndian: ipv4.s_addr) >> 24 == 127 }
        var ipv6 = in6_addr()
        if inet_pton(AF_INET6, host, &ipv6) == 1 {
            return withUnsafeBytes(of: &ipv6) { bytes in bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1 }
        }
        return false
    }
}
