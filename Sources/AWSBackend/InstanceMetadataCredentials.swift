import AsyncHTTPClient
import AWSSigV4
import Foundation
import RootmailCore

/// The instance profile's credentials from the EC2 instance metadata service, fetched as
/// botocore's `InstanceMetadataFetcher` fetches them: an IMDSv2 session token
/// (`PUT /latest/api/token`), then the role's name and its credentials, each request tried
/// `metadata_service_num_attempts` times with `metadata_service_timeout` seconds each. A
/// service that refuses tokens (403, 404, 405) is asked without one (IMDSv1) unless
/// `ec2_metadata_v1_disabled` forbids it.
struct InstanceMetadataCredentials: Sendable {
    static let defaultEndpoint = "http://169.254.169.254/"
    static let defaultIPv6Endpoint = "http://[fd00:ec2::254]/"
    /// The six hours botocore asks for.
    static let tokenSeconds = "21600"
    private static let credentialsPath = "latest/meta-data/iam/security-credentials/"

    struct Fetched: Sendable {
        let roleName: String
        let credentials: ExpiringCredentials
    }

    let http: HTTPClient
    /// With a trailing slash.
    let endpoint: String
    let isDisabled: Bool
    let isVersion1Disabled: Bool
    let attempts: Int
    let timeoutMilliseconds: Int64

    /// The settings botocore reads: `AWS_EC2_METADATA_DISABLED` (environment only),
    /// `AWS_EC2_METADATA_SERVICE_ENDPOINT` / `ec2_metadata_service_endpoint`,
    /// `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` / `ec2_metadata_service_endpoint_mode`,
    /// `AWS_EC2_METADATA_V1_DISABLED` / `ec2_metadata_v1_disabled`,
    /// `AWS_METADATA_SERVICE_TIMEOUT` / `metadata_service_timeout`,
    /// `AWS_METADATA_SERVICE_NUM_ATTEMPTS` / `metadata_service_num_attempts`.
    init(http: HTTPClient, settings: ClientSettings) throws {
        func setting(_ variable: String, _ key: String) -> (value: String, source: String)? {
            if let value = settings.environment[variable].nonEmpty { return (value, variable) }
            if let value = settings.profile?.value(key) { return (value, "\(key) of profile \(settings.profileName)") }
            return nil
        }
        self.http = http
        isDisabled = settings.environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true"
        isVersion1Disabled = setting("AWS_EC2_METADATA_V1_DISABLED", "ec2_metadata_v1_disabled")?.value.lowercased() == "true"

        let base: String
        if let (custom, source) = setting("AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint") {
            guard let url = URL(string: custom), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                  url.host?.isEmpty == false
            else {
                throw RootmailError.configuration(
                    "\(source) is \"\(custom)\", which is not an http:// or https:// URL of the instance metadata "
                        + "service: give one such as http://169.254.169.254.")
            }
            base = custom
        } else {
            switch setting("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ec2_metadata_service_endpoint_mode") {
            case nil: base = Self.defaultEndpoint
            case let (mode, _)? where mode.lowercased() == "ipv4": base = Self.defaultEndpoint
            case let (mode, _)? where mode.lowercased() == "ipv6": base = Self.defaultIPv6Endpoint
            case let (mode, source)?:
                throw RootmailError.configuration("\(source) is \"\(mode)\": it must be IPv4 or IPv6.")
            }
        }
        endpoint = base.hasSuffix("/") ? base : base + "/"

        let timeoutSetting = setting("AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout")
        let seconds = try timeoutSetting.map { text, source in
            guard let seconds = Double(text), seconds > 0 else {
                throw RootmailError.configuration("\(source) is \"\(text)\": give a number of seconds above 0 (1 if unset).")
            }
            return seconds
        } ?? 1
        timeoutMilliseconds = Int64(seconds * 1000)
        attempts = try setting("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "metadata_service_num_attempts").map { text, source in
            guard let count = Int(text), count >= 1 else {
                throw RootmailError.configuration("\(source) is \"\(text)\": give a whole number of attempts, 1 or more (1 if unset).")
            }
            return count
        } ?? 1
    }

    /// Nil when the instance has no credentials to give: the service is disabled, does not
    /// answer, or names no role.
    func fetch() async throws -> Fetched? {
        guard !isDisabled else { return nil }
        let token: String?
        switch await sessionToken() {
        case .token(let value): token = value
        case .refused: token = nil
        case .badRequest: return nil
        }
        if token == nil, isVersion1Disabled {
            throw RootmailError.configuration(
                "The instance metadata service at \(endpoint) gave no IMDSv2 session token, and IMDSv1 is disabled "
                    + "(ec2_metadata_v1_disabled): no instance profile credentials can be read.")
        }
        guard let roleName = await get(Self.credentialsPath, token: token, accept: { !$0.isEmpty }),
              let answer = await get(Self.credentialsPath + roleName, token: token, accept: Self.isJSON)
        else { return nil }
        guard let credentials = ExpiringCredentials(json: answer) else { return nil }
        return Fetched(roleName: roleName, credentials: credentials)
    }

    /// For a refresh, where having had credentials makes their absence an error.
    func refetch() async throws -> ExpiringCredentials {
        guard let fetched = try await fetch() else {
            throw RootmailError.transport(
                "The instance metadata service at \(endpoint) gave no instance profile credentials "
                    + "(tried \(attempts) time\(attempts == 1 ? "" : "s")).")
        }
        return fetched.credentials
    }

    private enum TokenOutcome {
        case token(String)
        /// The service does not do IMDSv2 here, or did not answer in time: go on without a token.
        case refused
        case badRequest
    }

    private func sessionToken() async -> TokenOutcome {
        for _ in 0..<attempts {
            var request = HTTPClientRequest(url: endpoint + "latest/api/token")
            request.method = .PUT
            request.headers.add(name: "x-aws-ec2-metadata-token-ttl-seconds", value: Self.tokenSeconds)
            do {
                let (status, body) = try await send(request)
                switch status {
                case 200: return .token(body)
                case 403, 404, 405: return .refused
                case 400: return .badRequest
                default: continue
                }
            } catch let error as HTTPClientError where error == .deadlineExceeded {
                return .refused
            } catch {
                continue
            }
        }
        return .refused
    }

    private func get(_ path: String, token: String?, accept: (String) -> Bool) async -> String? {
        for _ in 0..<attempts {
            var request = HTTPClientRequest(url: endpoint + path)
            if let token { request.headers.add(name: "x-aws-ec2-metadata-token", value: token) }
            if let (status, body) = try? await send(request), status == 200, accept(body) { return body }
        }
        return nil
    }

    private func send(_ request: HTTPClientRequest) async throws -> (status: UInt, body: String) {
        let response = try await http.execute(request, timeout: .milliseconds(timeoutMilliseconds))
        let body = try await response.body.collect(upTo: 1 << 16)
        return (response.status.code, String(decoding: body.readableBytesView, as: UTF8.self))
    }

    private static func isJSON(_ text: String) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil
    }
}
