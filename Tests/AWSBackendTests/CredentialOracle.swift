import AsyncHTTPClient
@testable import AWSBackend
import Foundation
import RootmailCore
import Testing

/// One configuration for both resolvers: files, environment (on top of `AWSFiles.environment`)
/// and the profile named on the command line.
struct CredentialCase {
    let name: String
    var config = ""
    var credentials = ""
    var environment: [String: String] = [:]
    var profile: String?
    /// For botocore only: the test's host:port in place of 169.254.170.2, which a relative
    /// container URI names and the tests cannot reach (rootmail reaches it through a proxy).
    var containerAddress: String?
}

/// What a resolver made of a configuration: a key, the kind of its session token and botocore's
/// name for the source; nothing found; or a refusal (an error).
struct ResolverAnswer: Equatable, CustomStringConvertible {
    let accessKey: String?
    let tokenKind: String?
    let method: String?
    let refused: Bool

    static let nothing = ResolverAnswer(accessKey: nil, tokenKind: nil, method: nil, refused: false)
    static let refusal = ResolverAnswer(accessKey: nil, tokenKind: nil, method: nil, refused: true)

    /// The fakes number their tokens (imds-session-1, -2...): the kind, not the number, is what
    /// both resolvers must agree on.
    init(accessKey: String?, token: String?, method: String?) {
        self.init(accessKey: accessKey, tokenKind: token.map { $0.replacing(/-\d+$/, with: "") }, method: method,
                  refused: false)
    }

    private init(accessKey: String?, tokenKind: String?, method: String?, refused: Bool) {
        self.accessKey = accessKey
        self.tokenKind = tokenKind
        self.method = method
        self.refused = refused
    }

    var description: String {
        if refused { return "a refusal" }
        return accessKey.map { "\($0) (\(tokenKind ?? "no token"), \(method ?? "?"))" } ?? "nothing found"
    }
}

/// botocore's own resolver (Servers/botocore_credentials.py) and rootmail's chain on the same cases.
enum CredentialOracle {
    static func botocore(_ inputs: [(AWSFiles, CredentialCase)]) throws -> [ResolverAnswer] {
        let request = inputs.map { files, testCase -> [String: Any] in
            ["environment": files.environment(testCase.environment).merging([
                "AWS_CONFIG_FILE": files.configPath, "AWS_SHARED_CREDENTIALS_FILE": files.credentialsPath,
            ]) { $1 }, "profile": testCase.profile ?? NSNull(), "container_address": testCase.containerAddress ?? NSNull()]
        }
        let result = try Subprocess.run(["python3", PythonServer.scriptPath("botocore_credentials.py")],
                                        input: try JSONSerialization.data(withJSONObject: request))
        let data = result.output
        let answers = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]],
                                   "botocore_credentials.py failed: \(result.stderr)")
        return answers.map { answer in
            if answer["error"] != nil { return .refusal }
            if answer["access_key"] == nil { return .nothing }
            return ResolverAnswer(accessKey: answer["access_key"] as? String, token: answer["token"] as? String,
                                  method: answer["method"] as? String)
        }
    }

    /// - Parameter http: the client for the credential endpoints (a proxy's, to reach 169.254.170.2).
    static func rootmail(_ files: AWSFiles, _ testCase: CredentialCase, http: HTTPClient = .shared) async
        -> ResolverAnswer
    {
        do {
            let settings = try ClientSettings(profile: testCase.profile, region: nil, endpointURL: nil,
                                              environment: files.environment(testCase.environment))
            let chain = CredentialChain(
                settings: settings, http: http,
                makeSTS: { source in
                    STSClient(sender: SignedRequestSender(http: HTTPClient.shared, credentials: source,
                                                          retryPolicy: .quick(maxAttempts: 1), now: { Date() }),
                              endpoint: settings.endpoint(.sts))
                },
                now: { Date() })
            guard let provider = try await chain.find() else { return .nothing }
            let credentials = try await provider.credentials()
            return ResolverAnswer(accessKey: credentials.accessKeyID, token: credentials.sessionToken,
                                  method: provider.method.rawValue)
        } catch {
            return .refusal
        }
    }
}
