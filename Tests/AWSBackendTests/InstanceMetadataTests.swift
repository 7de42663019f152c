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
    private static let profileKeys = "[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = p\n"

    private func cases(metadataEndpoint: String) -> [CredentialCase] {
        let metadata = ["AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": metadataEndpoint]
        return [
            CredentialCase(name: "nothing else configured: the instance profile", environment: metadata),
            CredentialCase(name: "environment keys come before the instance profile",
                 environment: metadata.merging(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "e"]) { $1 }),
            CredentialCase(name: "the default profile's keys come before the instance profile",
                 credentials: Self.profileKeys, environment: metadata),
            CredentialCase(name: "the endpoint from the config file",
                 config: "[default]\nec2_metadata_service_endpoint = \(metadataEndpoint)\n",
                 environment: ["AWS_EC2_METADATA_DISABLED": "false"]),
            CredentialCase(name: "AWS_EC2_METADATA_DISABLED turns it off",
                 environment: metadata.merging(["AWS_EC2_METADATA_DISABLED": "true"]) { $1 }),
            CredentialCase(name: "a named profile without keys still falls through to the instance profile",
                 config: "[profile bastion]\nregion = eu-west-1\n", environment: metadata, profile: "bastion"),
        ]
    }

    @Test("rootmail finds the instance profile where botocore does, and what botocore finds before it")
    func agreesWithBotocore() async throws {
        let metadata = try await PythonServer(script: "fake_imds.py")
        defer { metadata.stop() }
        let inputs = try cases(metadataEndpoint: metadata.endpoint).map { testCase in
            (try AWSFiles(config: testCase.config, credentials: testCase.credentials), testCase)
        }
        defer { inputs.forEach { $0.0.remove() } }

        let expected = try CredentialOracle.botocore(inputs)
        #expect(expected.first == ResolverAnswer(accessKey: "AKIDMANAGEMENT", token: "imds-session-1", method: "iam-role"),
                "botocore itself reads the fake metadata service")
        for ((files, testCase), botocore) in zip(inputs, expected) {
            let rootmail = await CredentialOracle.rootmail(files, testCase)
            #expect(rootmail == botocore, "\(testCase.name): rootmail found \(rootmail), botocore \(botocore)")
        }
    }

    @Test("the session token is asked for first, and every metadata read carries it")
    func tokenFirst() async throws {
        let metadata = try await PythonServer(script: "fake_imds.py")
        defer { metadata.stop() }
        let files = try AWSFiles()
        defer { files.remove() }
        let testCase = CredentialCase(name: "imds", environment: [
            "AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": metadata.endpoint,
        ])
        let answer = await CredentialOracle.rootmail(files, testCase)
        #expect(answer == ResolverAnswer(accessKey: "AKIDMANAGEMENT", token: "imds-session-1", method: "iam-role"))
        let calls = try await metadata.control("/__calls")
        #expect(calls["token"] as? Int == 1)
        #expect(calls["unauthorized"] as? Int == 0, "no metadata read went without the session token")
    }
}
