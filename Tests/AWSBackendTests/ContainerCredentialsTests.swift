import AsyncHTTPClient
@testable import AWSBackend
import Foundation
import RootmailCore
import Testing

/// The container credentials endpoint (ECS task role, EKS Pod Identity) as a source of the chain,
/// against a fake endpoint that botocore's own resolver, given the same files and environment,
/// reads first: where both agree on the key, the URI used (the fake's token names it), the source
/// and the refusals, the fake and rootmail are right.
@Suite("Container credentials", .tags(.subprocess))
struct ContainerCredentialsTests {
    private static let profileKeys = "[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = p\n"
    private static let token = "container-auth-token"

    private func cases(container: PythonServer, metadata: PythonServer, tokenFiles: AWSFiles) -> [CredentialCase] {
        let full = ContainerCredentials.fullURIVariable
        let relative = ContainerCredentials.relativeURIVariable
        let tokenVariable = ContainerCredentials.tokenVariable
        let tokenFile = ContainerCredentials.tokenFileVariable
        let directory = tokenFiles.directory.path
        let address = "127.0.0.1:\(container.port)"
        return [
            CredentialCase(name: "a full URI on 127.0.0.1", environment: [full: "\(container.endpoint)/v2/credentials"]),
            CredentialCase(name: "a full URI on localhost with the authorization token",
                           environment: [full: "http://localhost:\(container.port)/auth/pod", tokenVariable: Self.token]),
            CredentialCase(name: "the token file comes before the token variable",
                           environment: [full: "\(container.endpoint)/auth/pod", tokenVariable: "wrong-token",
                                         tokenFile: "\(directory)/token"]),
            CredentialCase(name: "a wrong token is refused by the endpoint, and nothing later is tried",
                           environment: [full: "\(container.endpoint)/auth/pod", tokenVariable: "wrong-token"]),
            CredentialCase(name: "a token file ending in a newline is refused: it cannot be a header",
                           environment: [full: "\(container.endpoint)/auth/pod", tokenFile: "\(directory)/token-newline"]),
            CredentialCase(name: "a missing token file is refused",
                           environment: [full: "\(container.endpoint)/auth/pod", tokenFile: "\(directory)/absent"]),
            CredentialCase(name: "plain HTTP to another host is refused",
                           environment: [full: "http://example.com/v2/credentials"]),
            CredentialCase(name: "plain HTTP to a private address is refused",
                           environment: [full: "http://10.0.0.1:\(container.port)/v2/credentials"]),
            CredentialCase(name: "a relative URI on 169.254.170.2",
                           environment: [relative: "/v2/credentials/task"], containerAddress: address),
            CredentialCase(name: "a relative URI comes before a full URI",
                           environment: [relative: "/v2/credentials/task", full: "\(container.endpoint)/full"],
                           containerAddress: address),
            CredentialCase(name: "an endpoint that keeps failing is refused, not a fall-through",
                           environment: [full: "\(container.endpoint)/fail/x", "AWS_EC2_METADATA_DISABLED": "false",
                                         "AWS_EC2_METADATA_SERVICE_ENDPOINT": metadata.endpoint]),
            CredentialCase(name: "environment keys come before the container",
                           environment: [full: "\(container.endpoint)/v2/credentials",
                                         "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "e"]),
            CredentialCase(name: "the default profile's keys come before the container", credentials: Self.profileKeys,
                           environment: [full: "\(container.endpoint)/v2/credentials"]),
            CredentialCase(name: "the container comes before the instance profile",
                           environment: [full: "\(container.endpoint)/v2/credentials",
                                         "AWS_EC2_METADATA_DISABLED": "false",
                                         "AWS_EC2_METADATA_SERVICE_ENDPOINT": metadata.endpoint]),
            CredentialCase(name: "a named profile without keys still falls through to the container",
                           config: "[profile task]\nregion = eu-west-1\n",
                           environment: [full: "\(container.endpoint)/v2/credentials"], profile: "task"),
            CredentialCase(name: "credential_source = EcsContainer without a container URI is refused",
                           config: "[default]\nrole_arn = arn:aws:iam::111111111111:role/admin\n"
                               + "credential_source = EcsContainer\n"),
        ]
    }

    /// An HTTP client whose every request goes through the fake, which then answers for 169.254.170.2.
    private func proxiedClient(_ container: PythonServer) -> HTTPClient {
        HTTPClient(eventLoopGroupProvider: .singleton,
                   configuration: .init(proxy: .server(host: "127.0.0.1", port: container.port)))
    }

    @Test("rootmail reads the container endpoint where botocore does, and refuses what botocore refuses")
    func agreesWithBotocore() async throws {
        let container = try await PythonServer(script: "fake_container.py")
        defer { container.stop() }
        let metadata = try await PythonServer(script: "fake_imds.py")
        defer { metadata.stop() }
        let tokenFiles = try AWSFiles()
        defer { tokenFiles.remove() }
        try tokenFiles.write("token", Self.token)
        try tokenFiles.write("token-newline", Self.token + "\n")
        let proxied = proxiedClient(container)
        let inputs = try cases(container: container, metadata: metadata, tokenFiles: tokenFiles).map { testCase in
            (try AWSFiles(config: testCase.config, credentials: testCase.credentials), testCase)
        }
        defer { inputs.forEach { $0.0.remove() } }

        let expected = try CredentialOracle.botocore(inputs)
        #expect(expected.first == ResolverAnswer(accessKey: "AKIDMANAGEMENT", token: "container-session:/v2/credentials",
                                                 method: "container-role"),
                "botocore itself reads the fake container endpoint")
        for ((files, testCase), botocore) in zip(inputs, expected) {
            let rootmail = await CredentialOracle.rootmail(files, testCase,
                                                           http: testCase.containerAddress == nil ? .shared : proxied)
            #expect(rootmail == botocore, "\(testCase.name): rootmail found \(rootmail), botocore \(botocore)")
            #expect(botocore.refused == testCase.name.contains("refused"), "\(testCase.name): botocore found \(botocore)")
        }
        try await proxied.shutdown()
    }

    @Test("a relative URI is read from 169.254.170.2 with the authorization token, as ECS serves it")
    func relativeURIAddress() async throws {
        let container = try await PythonServer(script: "fake_container.py")
        defer { container.stop() }
        let files = try AWSFiles()
        defer { files.remove() }
        let proxied = proxiedClient(container)
        let answer = await CredentialOracle.rootmail(files, CredentialCase(
            name: "relative", environment: [ContainerCredentials.relativeURIVariable: "/v2/credentials/task",
                                            ContainerCredentials.tokenVariable: Self.token]), http: proxied)
        try await proxied.shutdown()
        #expect(answer == ResolverAnswer(accessKey: "AKIDMANAGEMENT", token: "container-session:/v2/credentials/task",
                                         method: "container-role"))
        let calls = try #require(try await container.control("/__calls")["calls"] as? [[String: Any]])
        #expect(calls.count == 1)
        #expect(calls.first?["host"] as? String == "169.254.170.2")
        #expect(calls.first?["authorization"] as? String == Self.token)
    }

    @Test("a full URI over plain HTTP to another host is refused with the rule, before any request")
    func refusedAddressMessage() async throws {
        let files = try AWSFiles()
        defer { files.remove() }
        let settings = try ClientSettings(profile: nil, region: nil, endpointURL: nil, environment: files.environment([
            ContainerCredentials.fullURIVariable: "http://example.com/v2/credentials",
        ]))
        let chain = CredentialChain(settings: settings, http: .shared, makeSTS: { _ in fatalError("no STS") },
                                    now: { Date() })
        await #expect {
            _ = try await chain.resolve()
        } throws: { error in
            guard case RootmailError.configuration(let text) = error else { return false }
            return text.contains("http://example.com/v2/credentials") && text.contains("loopback")
                && text.contains("169.254.170.23") && text.contains("https://")
        }
    }

    @Test("credential_source = EcsContainer assumes the role with the container's keys, as botocore does")
    func credentialSource() async throws {
        let container = try await PythonServer(script: "fake_container.py")
        defer { container.stop() }
        let aws = try await PythonServer(script: "fake_aws.py")
        defer { aws.stop() }
        let testCase = CredentialCase(
            name: "EcsContainer",
            config: "[default]\nrole_arn = arn:aws:iam::111111111111:role/admin\ncredential_source = EcsContainer\n"
                + "role_session_name = task\nregion = us-east-1\n",
            environment: [ContainerCredentials.fullURIVariable: "\(container.endpoint)/v2/credentials",
                          "AWS_ENDPOINT_URL_STS": aws.endpoint])
        let files = try AWSFiles(config: testCase.config)
        defer { files.remove() }

        let botocore = try #require(try CredentialOracle.botocore([(files, testCase)]).first)
        let rootmail = await CredentialOracle.rootmail(files, testCase)
        #expect(botocore.method == "assume-role")
        #expect(rootmail.method == "assume-role")
        #expect(rootmail.accessKey?.hasPrefix("ASIAFAKEROLE") == true)
        let calls = try await aws.control("/__calls")
        let assumeRole = try #require(calls["AssumeRole"] as? [String: Any])
        #expect(assumeRole["keys"] as? [String] == ["AKIDMANAGEMENT", "AKIDMANAGEMENT"],
                "botocore and rootmail each signed AssumeRole with the container's key")
    }
}
