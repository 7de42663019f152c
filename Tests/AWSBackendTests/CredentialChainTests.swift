import AsyncHTTPClient
@testable import AWSBackend
import AWSSigV4
import Foundation
import RootmailCore
import Testing

/// The credential chain over temporary files and an injected environment, step by step.
@Suite("Credential chain", .tags(.subprocess))
struct CredentialChainTests {
    // MARK: Helpers

    private func provider(_ files: AWSFiles, profile: String? = nil, environment extra: [String: String] = [:],
                          clock: TestClock = TestClock(Date())) async throws -> any CredentialProvider {
        let settings = try ClientSettings(profile: profile, region: nil, endpointURL: nil,
                                          environment: files.environment(extra))
        let chain = CredentialChain(
            settings: settings, http: HTTPClient.shared,
            makeSTS: { source in
                STSClient(sender: SignedRequestSender(http: HTTPClient.shared, credentials: source,
                                                      retryPolicy: .quick(maxAttempts: 1), now: { clock.now }),
                          endpoint: settings.endpoint(.sts))
            },
            now: { clock.now })
        return try await chain.resolve()
    }

    private func keyID(_ files: AWSFiles, profile: String? = nil, environment: [String: String] = [:]) async throws
        -> String
    {
        try await provider(files, profile: profile, environment: environment).credentials().accessKeyID
    }

    /// The text of the configuration error `body` throws.
    private func configurationError(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch let RootmailError.configuration(text) {
            return text
        } catch {
            return "not a configuration error: \(error)"
        }
    }

    private static let demoKeys = """
        [demo]
        aws_access_key_id = AKIDDEMO
        aws_secret_access_key = demo-secret
        """

    // MARK: Environment

    @Test("keys and session token from the environment")
    func environmentKeys() async throws {
        let files = try AWSFiles()
        defer { files.remove() }
        let provider = try await provider(files, environment: [
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token",
        ])
        let credentials = try await provider.credentials()
        #expect(credentials == (try Credentials(accessKeyID: "AKIDENV", secretAccessKey: "env-secret",
                                                sessionToken: "env-token")))
        #expect(provider.sourceDescription == "environment variables")
    }

    @Test("one environment key alone is an error, even when a profile has keys")
    func oneEnvironmentKeyAlone() async throws {
        let files = try AWSFiles(credentials: "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n")
        defer { files.remove() }
        let keyOnly = await configurationError { _ = try await provider(files, environment: ["AWS_ACCESS_KEY_ID": "AKIDENV"]) }
        #expect(keyOnly?.contains("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not") == true)
        let secretOnly = await configurationError {
            _ = try await provider(files, environment: ["AWS_SECRET_ACCESS_KEY": "env-secret"])
        }
        #expect(secretOnly?.contains("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not") == true)
    }

    @Test("environment keys win over AWS_PROFILE, but --profile skips them")
    func environmentAgainstProfiles() async throws {
        let files = try AWSFiles(credentials: Self.demoKeys)
        defer { files.remove() }
        let environment = ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_PROFILE": "demo"]
        #expect(try await keyID(files, environment: environment) == "AKIDENV")
        #expect(try await keyID(files, profile: "demo", environment: environment) == "AKIDDEMO")
    }

    // MARK: Profiles and files

    @Test("the default profile, AWS_PROFILE, and --profile over AWS_PROFILE")
    func profileSelection() async throws {
        let files = try AWSFiles(
            config: "[profile other]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = other-secret\n",
            credentials: "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = d\n\n" + Self.demoKeys)
        defer { files.remove() }
        #expect(try await keyID(files) == "AKIDDEFAULT")
        #expect(try await keyID(files, environment: ["AWS_PROFILE": "demo"]) == "AKIDDEMO")
        #expect(try await keyID(files, profile: "other", environment: ["AWS_PROFILE": "demo"]) == "AKIDOTHER")
    }

    @Test("the credentials file wins over the config file; config keys are used without it")
    func filePrecedence() async throws {
        let config = """
            [profile demo]
            aws_access_key_id = AKIDCONFIG
            aws_secret_access_key = config-secret
            """
        let both = try AWSFiles(config: config, credentials: Self.demoKeys)
        defer { both.remove() }
        #expect(try await keyID(both, profile: "demo") == "AKIDDEMO")
        let configOnly = try AWSFiles(config: config)
        defer { configOnly.remove() }
        #expect(try await keyID(configOnly, profile: "demo") == "AKIDCONFIG")
    }

    @Test("AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE replace the files in HOME")
    func filePaths() async throws {
        let home = try AWSFiles(credentials: Self.demoKeys)
        let elsewhere = try AWSFiles(config: "[profile demo]\naws_access_key_id = AKIDELSEWHERE\naws_secret_access_key = e\n")
        defer { home.remove(); elsewhere.remove() }
        let environment = ["AWS_CONFIG_FILE": elsewhere.configPath, "AWS_SHARED_CREDENTIALS_FILE": elsewhere.credentialsPath]
        #expect(try await keyID(home, profile: "demo", environment: environment) == "AKIDELSEWHERE")
    }

    @Test("[profile X] names profiles in the config file; a bare [X] there is no profile")
    func configSectionNames() async throws {
        let files = try AWSFiles(config: """
            [demo]
            aws_access_key_id = AKIDBARE
            aws_secret_access_key = bare
            [profile "spaced name"]
            aws_access_key_id = AKIDSPACED
            aws_secret_access_key = spaced
            """)
        defer { files.remove() }
        #expect(try await keyID(files, profile: "spaced name") == "AKIDSPACED")
        let error = await configurationError { _ = try await provider(files, profile: "demo") }
        #expect(error?.contains("The config profile (demo) could not be found") == true)
    }

    @Test("a profile with only one of its two keys is an error naming the file")
    func partialKeysInFile() async throws {
        let files = try AWSFiles(credentials: "[demo]\naws_access_key_id = AKIDDEMO\n")
        defer { files.remove() }
        let error = await configurationError { _ = try await provider(files, profile: "demo") }
        #expect(error == "Profile \"demo\" in \(files.credentialsPath) has aws_access_key_id but not aws_secret_access_key: give both.")
    }

    @Test("nothing found names the profile and every place looked at")
    func nothingFound() async throws {
        let files = try AWSFiles(config: "[default]\nregion = eu-west-1\n")
        defer { files.remove() }
        let error = try #require(await configurationError { _ = try await provider(files) })
        #expect(error.hasPrefix("No AWS credentials found for profile \"default\"."))
        #expect(error.contains("AWS_ACCESS_KEY_ID"))
        #expect(error.contains(files.configPath) && error.contains(files.credentialsPath))
        #expect(error.contains("not the instance metadata service (AWS_EC2_METADATA_DISABLED)"))
    }

    @Test("a named profile that no file has is an error naming both files")
    func missingProfile() async throws {
        let files = try AWSFiles()
        defer { files.remove() }
        let error = try #require(await configurationError { _ = try await provider(files, profile: "ghost") })
        #expect(error.contains("The config profile (ghost) could not be found"))
        #expect(error.contains(files.configPath) && error.contains(files.credentialsPath))
    }

    @Test("an SSO profile that lacks settings names the missing ones")
    func incompleteSSOProfile() async throws {
        let files = try AWSFiles(config: """
            [profile sso-old]
            sso_start_url = https://example.awsapps.com/start
            sso_account_id = 111111111111
            """)
        defer { files.remove() }
        let error = try #require(await configurationError { _ = try await provider(files, profile: "sso-old") })
        #expect(error.hasPrefix("Profile \"sso-old\" in \(files.configPath) is configured to use SSO"))
        #expect(error.contains("sso_role_name, sso_region"))
    }

    // MARK: credential_process

    @Test("credential_process runs without a shell, its words split as shlex splits them")
    func credentialProcess() async throws {
        let files = try AWSFiles()
        defer { files.remove() }
        let script = try files.script("creds.sh", """
            printf '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "%s-words", "SessionToken": "%s"}' "$1" "$#" "$2"
            """)
        try files.write(".aws/config", """
            [profile tool]
            credential_process = \(script) 'AKIDPROCESS' "$HOME" "two words"
            """)
        let provider = try await provider(files, profile: "tool")
        // Three arguments, "$HOME" not expanded: no shell ran.
        #expect(try await provider.credentials() == (try Credentials(
            accessKeyID: "AKIDPROCESS", secretAccessKey: "3-words", sessionToken: "$HOME")))
        #expect(provider.sourceDescription == "profile \"tool\" (credential_process)")
    }

    @Test("credential_process output is cached until shortly before its Expiration")
    func credentialProcessRefresh() async throws {
        let files = try AWSFiles()
        defer { files.remove() }
        let counter = files.directory.appendingPathComponent("runs").path
        let expiration = Date().addingTimeInterval(3600).formatted(.iso8601)
        let script = try files.script("creds.sh", """
            echo run >> '\(counter)'
            runs=$(wc -l < '\(counter)' | tr -d ' ')
            printf '{"Version": 1, "AccessKeyId": "AKIDRUN%s", "SecretAccessKey": "s", "Expiration": "\(expiration)"}' "$runs"
            """)
        try files.write(".aws/config", "[default]\ncredential_process = \(script)\n")
        let clock = TestClock(Date())
        let provider = try await provider(files, clock: clock)
        #expect(try await provider.credentials().accessKeyID == "AKIDRUN1")
        clock.advance(by: 50 * 60)
        #expect(try await provider.credentials().accessKeyID == "AKIDRUN1")
        clock.advance(by: 6 * 60)  // 4 minutes left: inside the refresh margin
        #expect(try await provider.credentials().accessKeyID == "AKIDRUN2")
    }

    @Test("the credentials file's keys come before credential_process, which comes before the config file's keys")
    func processPrecedence() async throws {
        let files = try AWSFiles()
        defer { files.remove() }
        let marker = files.directory.appendingPathComponent("ran").path
        let script = try files.script("creds.sh", """
            touch '\(marker)'
            echo '{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "s"}'
            """)
        try files.write(".aws/config", """
            [profile demo]
            credential_process = \(script)
            aws_access_key_id = AKIDCONFIG
            aws_secret_access_key = config-secret
            """)
        #expect(try await keyID(files, profile: "demo") == "AKIDPROCESS")
        try FileManager.default.removeItem(atPath: marker)
        try files.write(".aws/credentials", Self.demoKeys)
        #expect(try await keyID(files, profile: "demo") == "AKIDDEMO")
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test("credential_process failures name the profile and what went wrong")
    func credentialProcessFailures() async throws {
        let files = try AWSFiles()
        defer { files.remove() }
        let failing = try files.script("fail.sh", "echo 'token expired, run login' >&2\nexit 2\n")
        let version2 = try files.script("v2.sh", #"echo '{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "s"}'"#)
        let noSecret = try files.script("nosecret.sh", #"echo '{"Version": 1, "AccessKeyId": "A"}'"#)
        let cases = [
            (failing, "exited with status 2: token expired, run login"),
            (version2, "printed Version 2; only Version 1 is supported"),
            (noSecret, "printed JSON without SecretAccessKey"),
            (files.directory.appendingPathComponent("missing.sh").path,
             "names \(files.directory.appendingPathComponent("missing.sh").path), which is not an executable file"),
        ]
        for (command, problem) in cases {
            try files.write(".aws/config", "[profile tool]\ncredential_process = \(command)\n")
            let error = await configurationError { _ = try await provider(files, profile: "tool").credentials() }
            #expect(error == "The credential_process of profile \"tool\" (\(command)) \(problem).")
        }
    }

    // MARK: role_arn

    @Test("role_arn and source_profile: AssumeRole signed with the source keys, cached, refreshed before expiry")
    func assumeRole() async throws {
        let fake = try await FakeAWS.start()
        defer { fake.stop() }
        let files = try AWSFiles(
            config: """
                [profile admin]
                role_arn = arn:aws:iam::111111111111:role/admin
                source_profile = base
                role_session_name = tester
                """,
            credentials: "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n")
        defer { files.remove() }
        let clock = TestClock(Date())
        let provider = try await provider(files, profile: "admin", environment: ["AWS_ENDPOINT_URL_STS": fake.endpoint],
                                    clock: clock)
        let first = try await provider.credentials()
        #expect(first == (try Credentials(accessKeyID: "ASIAFAKEROLE0001", secretAccessKey: "secret1",
                                          sessionToken: "token1")))
        clock.advance(by: 30 * 60)
        #expect(try await provider.credentials() == first)
        #expect(try await fake.calls("AssumeRole").count == 1)
        clock.advance(by: 26 * 60)  // 4 minutes before the hour's expiration
        #expect(try await provider.credentials().accessKeyID == "ASIAFAKEROLE0002")
        let calls = try await fake.calls("AssumeRole")
        #expect(calls.count == 2)
        #expect(calls.accessKeyIDs == ["AKIDBASE", "AKIDBASE"])
    }

    @Test("role_arn comes before the profile's own keys; a chain of roles assumes each in turn")
    func assumeRoleChain() async throws {
        let fake = try await FakeAWS.start()
        defer { fake.stop() }
        let files = try AWSFiles(config: """
            [profile self]
            role_arn = arn:aws:iam::111111111111:role/admin
            source_profile = self
            aws_access_key_id = AKIDSELF
            aws_secret_access_key = self-secret
            [profile outer]
            role_arn = arn:aws:iam::111111111111:role/outer
            source_profile = inner
            [profile inner]
            role_arn = arn:aws:iam::111111111111:role/inner
            source_profile = self
            """)
        defer { files.remove() }
        let environment = ["AWS_ENDPOINT_URL": fake.endpoint]
        #expect(try await keyID(files, profile: "self", environment: environment) == "ASIAFAKEROLE0001")
        // outer assumes with inner's role session, which inner got with self's keys (self's role is skipped: it has keys).
        #expect(try await keyID(files, profile: "outer", environment: environment) == "ASIAFAKEROLE0003")
        #expect(try await fake.calls("AssumeRole").accessKeyIDs == ["AKIDSELF", "AKIDSELF", "ASIAFAKEROLE0002"])
    }

    @Test("credential_source Environment assumes the role with the environment's keys")
    func credentialSourceEnvironment() async throws {
        let fake = try await FakeAWS.start()
        defer { fake.stop() }
        let files = try AWSFiles(config: """
            [profile ci]
            role_arn = arn:aws:iam::111111111111:role/ci
            credential_source = Environment
            """)
        defer { files.remove() }
        let environment = ["AWS_ENDPOINT_URL_STS": fake.endpoint, "AWS_ACCESS_KEY_ID": "AKIDENV",
                           "AWS_SECRET_ACCESS_KEY": "env-secret"]
        #expect(try await keyID(files, profile: "ci", environment: environment) == "ASIAFAKEROLE0001")
        #expect(try await fake.calls("AssumeRole").accessKeyIDs == ["AKIDENV"])
    }

    @Test("role_arn mistakes: no source, both sources, a missing source, a loop, mfa_serial")
    func assumeRoleMistakes() async throws {
        let files = try AWSFiles(config: """
            [profile nosource]
            role_arn = arn:aws:iam::111111111111:role/x
            [profile both]
            role_arn = arn:aws:iam::111111111111:role/x
            source_profile = a
            credential_source = Environment
            [profile dangling]
            role_arn = arn:aws:iam::111111111111:role/x
            source_profile = nowhere
            [profile a]
            role_arn = arn:aws:iam::111111111111:role/x
            source_profile = b
            [profile b]
            role_arn = arn:aws:iam::111111111111:role/x
            source_profile = a
            [profile mfa]
            role_arn = arn:aws:iam::111111111111:role/x
            source_profile = base
            mfa_serial = arn:aws:iam::111111111111:mfa/me
            [profile base]
            aws_access_key_id = AKIDBASE
            aws_secret_access_key = s
            """)
        defer { files.remove() }
        let expectations = [
            ("nosource", "has role_arn but neither source_profile nor credential_source"),
            ("both", "has both source_profile and credential_source"),
            ("dangling", "The source_profile \"nowhere\" of profile \"dangling\" is in neither"),
            ("a", "Profiles \"a\" → \"b\" → \"a\" form a loop"),
            ("mfa", "uses an MFA code for AssumeRole (mfa_serial), which rootmail does not support yet"),
        ]
        for (profile, text) in expectations {
            let error = await configurationError { _ = try await provider(files, profile: profile) }
            #expect(error?.contains(text) == true, "\(profile): \(error ?? "no error")")
        }
    }
}
