import AsyncHTTPClient
@testable import AWSBackend
import Foundation
import RootmailCore
import Testing

/// The instance profile (IMDSv2) as a source of the chain, against a fake metadata service that
/// botocore's own resolver, pointed at the same service and files, answers first: where both
/// agree on the key, the kind of session token and the source, the fake and rootmail are right.
@Suite("Instance metadata credentials", .tags(.subprocess))
struct InstanceMetadataTests {
    private struct Case {
        let name: String
        var config = ""
        var credentials = ""
        var environment: [String: String] = [:]
        var profile: String?
    }

    /// What a resolver found: a key, the first part of its session token and botocore's source
    /// name, or nothing.
    private struct Answer: Equatable, CustomStringConvertible {
        let accessKey: String?
        let tokenKind: String?
        let method: String?

        static let nothing = Answer(accessKey: nil, tokenKind: nil, method: nil)

        /// Each credentials answer of the fake numbers its token (imds-session-1, -2...): the
        /// kind, not the number, is what both resolvers must agree on.
        init(accessKey: String?, token: String?, method: String?) {
            self.init(accessKey: accessKey, tokenKind: token.map { $0.replacing(/-\d+$/, with: "") }, method: method)
        }

        private init(accessKey: String?, tokenKind: String?, method: String?) {
            self.accessKey = accessKey
            self.tokenKind = tokenKind
            self.method = method
        }

        var description: String {
            accessKey.map { "\($0) (\(tokenKind ?? "no token"), \(method ?? "?"))" } ?? "nothing found"
        }
    }

    private static let profileKeys = "[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = p\n"

    private func cases(metadataEndpoint: String) -> [Case] {
        let metadata = ["AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": metadataEndpoint]
        return [
            Case(name: "nothing else configured: the instance profile", environment: metadata),
            Case(name: "environment keys come before the instance profile",
                 environment: metadata.merging(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "e"]) { $1 }),
            Case(name: "the default profile's keys come before the instance profile",
                 credentials: Self.profileKeys, environment: metadata),
            Case(name: "the endpoint from the config file",
                 config: "[default]\nec2_metadata_service_endpoint = \(metadataEndpoint)\n",
                 environment: ["AWS_EC2_METADATA_DISABLED": "false"]),
            Case(name: "AWS_EC2_METADATA_DISABLED turns it off",
                 environment: metadata.merging(["AWS_EC2_METADATA_DISABLED": "true"]) { $1 }),
            Case(name: "a named profile without keys still falls through to the instance profile",
                 config: "[profile bastion]\nregion = eu-west-1\n", environment: metadata, profile: "bastion"),
        ]
    }

    private func rootmailAnswer(_ files: AWSFiles, _ testCase: Case) async throws -> Answer {
        let settings = try ClientSettings(profile: testCase.profile, region: nil, endpointURL: nil,
                                          environment: files.environment(testCase.environment))
        let chain = CredentialChain(
            settings: settings, http: HTTPClient.shared,
            makeSTS: { source in
                STSClient(sender: SignedRequestSender(http: HTTPClient.shared, credentials: source,
                                                      retryPolicy: .quick(maxAttempts: 1), now: { Date() }),
                          endpoint: settings.endpoint(.sts))
            },
            now: { Date() })
        do {
            let provider = try await chain.resolve()
            let credentials = try await provider.credentials()
            return Answer(accessKey: credentials.accessKeyID, token: credentials.sessionToken,
                          method: provider.method.rawValue)
        } catch RootmailError.configuration {
            return .nothing
        }
    }

    private func botocoreAnswers(_ inputs: [(AWSFiles, Case)]) throws -> [Answer] {
        let request = inputs.map { files, testCase -> [String: Any] in
            ["environment": files.environment(testCase.environment).merging([
                "AWS_CONFIG_FILE": files.configPath, "AWS_SHARED_CREDENTIALS_FILE": files.credentialsPath,
            ]) { $1 }, "profile": testCase.profile ?? NSNull()]
        }
        let result = try Subprocess.run(["python3", PythonServer.scriptPath("botocore_credentials.py")],
                                        input: try JSONSerialization.data(withJSONObject: request))
        let answers = try #require(try JSONSerialization.jsonObject(with: result.output) as? [[String: Any]],
                                   "botocore_credentials.py failed: \(result.stderr)")
        return answers.map { answer in
            answer["access_key"] == nil
                ? .nothing
                : Answer(accessKey: answer["access_key"] as? String, token: answer["token"] as? String,
                         method: answer["method"] as? String)
        }
    }

    @Test("rootmail finds the instance profile where botocore does, and what botocore finds before it")
    func agreesWithBotocore() async throws {
        let metadata = try await PythonServer(script: "fake_imds.py")
        defer { metadata.stop() }
        let inputs = try cases(metadataEndpoint: metadata.endpoint).map { testCase in
            (try AWSFiles(config: testCase.config, credentials: testCase.credentials), testCase)
        }
        defer { inputs.forEach { $0.0.remove() } }

        let expected = try botocoreAnswers(inputs)
        #expect(expected.first == Answer(accessKey: "AKIDMANAGEMENT", token: "imds-session-1", method: "iam-role"),
                "botocore itself reads the fake metadata service")
        for ((files, testCase), botocore) in zip(inputs, expected) {
            let rootmail = try await rootmailAnswer(files, testCase)
            #expect(rootmail == botocore, "\(testCase.name): rootmail found \(rootmail), botocore \(botocore)")
        }
    }

    @Test("the session token is asked for first, and every metadata read carries it")
    func tokenFirst() async throws {
        let metadata = try await PythonServer(script: "fake_imds.py")
        defer { metadata.stop() }
        let files = try AWSFiles()
        defer { files.remove() }
        let testCase = Case(name: "imds", environment: [
            "AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": metadata.endpoint,
        ])
        let answer = try await rootmailAnswer(files, testCase)
        #expect(answer == Answer(accessKey: "AKIDMANAGEMENT", token: "imds-session-1", method: "iam-role"))
        let calls = try await metadata.control("/__calls")
        #expect(calls["token"] as? Int == 1)
        #expect(calls["unauthorized"] as? Int == 0, "no metadata read went without the session token")
    }
}
