import EmbeddedOrganization
import Foundation
import RootmailCore
import Synchronization
import Testing

/// STS AssumeRole through the real AWS CLI and boto3: the temporary credentials it hands out,
/// a `role_arn` profile, and the refusals of a wrong, missing or expired session token.
@Suite(.serialized, .tags(.socket, .subprocess))
struct AssumeRoleTests {
    static let adminRole = "arn:aws:iam::686512560918:role/RootEmailAdmin"
    static let readOnlyRole = "arn:aws:iam::686512560918:role/RootEmailReadOnly"
    static let invalidToken = "The security token included in the request is invalid."
    static let expiredToken = "The security token included in the request is expired"

    struct TemporaryKeys {
        let accessKeyID: String
        let secret: String
        let token: String

        var environment: [String: String] {
            AWSClients.environment(accessKeyID: accessKeyID, secret: secret, sessionToken: token)
        }

        func signing(_ call: AWSClients.Call, token: String?? = .none) -> AWSClients.Call {
            call.withKeys(accessKeyID: accessKeyID, secret: secret, sessionToken: token ?? self.token)
        }
    }

    /// `aws sts assume-role` as a caller; its JSON answer.
    static func assumeWithTheCLI(_ roleARN: String, session: String, on endpoint: RunningEndpoint,
                                 as caller: String = "admin") async throws -> [String: Any] {
        try await AWSClients.awsJSON(["sts", "assume-role", "--role-arn", roleARN, "--role-session-name", session],
                                     on: endpoint, as: caller)
    }

    static func keys(in answer: [String: Any]) throws -> TemporaryKeys {
        let credentials = try #require(answer["Credentials"] as? [String: Any], "no Credentials in \(answer)")
        return TemporaryKeys(accessKeyID: try #require(credentials["AccessKeyId"] as? String),
                             secret: try #require(credentials["SecretAccessKey"] as? String),
                             token: try #require(credentials["SessionToken"] as? String))
    }

    @Test func theAWSCLIAssumesARoleAndItsKeysWork() async throws {
        try await RunningEndpoint.with { endpoint in
            let answer = try await Self.assumeWithTheCLI(Self.adminRole, session: "cli-test", on: endpoint)
            let credentials = try #require(answer["Credentials"] as? [String: Any])
            let keys = try Self.keys(in: answer)
            #expect(keys.accessKeyID.wholeMatch(of: /ASIA[A-Z2-7]{16}/) != nil)
            let expiration = try #require((credentials["Expiration"] as? String).flatMap { try? Date($0, strategy: .iso8601) },
                                          "Expiration: \(credentials)")
            #expect(abs(expiration.timeIntervalSinceNow - 3600) < 120)
            let user = try #require(answer["AssumedRoleUser"] as? [String: Any])
            #expect(user["Arn"] as? String == "arn:aws:sts::686512560918:assumed-role/RootEmailAdmin/cli-test")
            #expect((user["AssumedRoleId"] as? String)?.wholeMatch(of: /AROA[A-Z2-7]{17}:cli-test/) != nil)

            let identity = try await AWSClients.aws(["sts", "get-caller-identity"], on: endpoint, environment: keys.environment)
            #expect(identity.status == 0, "\(identity.stderr)")
            #expect(try identity.json()["Arn"] as? String == user["Arn"] as? String)
            #expect(try identity.json()["UserId"] as? String == user["AssumedRoleId"] as? String)
            #expect(try identity.json()["Account"] as? String == "686512560918")

            let member = try await endpoint.memberAccount()
            let read = try await AWSClients.aws(["account", "get-primary-email", "--account-id", member.id.rawValue],
                                                on: endpoint, environment: keys.environment)
            #expect(read.status == 0, "\(read.stderr)")
            #expect(try read.json()["PrimaryEmail"] as? String == member.email)
        }
    }

    @Test func aRoleArnProfileWorksWithTheAWSCLI() async throws {
        try await RunningEndpoint.with { endpoint in
            let admin = try endpoint.caller("admin")
            let folder = endpoint.directory.url.appendingPathComponent("aws-cli-home")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let config = folder.appendingPathComponent("config")
            try """
                [profile base]
                aws_access_key_id = \(admin.accessKeyID)
                aws_secret_access_key = \(admin.secretAccessKey)

                [profile demo]
                role_arn = \(Self.adminRole)
                source_profile = base
                role_session_name = cli-profile
                """.write(to: config, atomically: true, encoding: .utf8)
            var environment = AWSClients.environment(for: admin)
            environment.removeValue(forKey: "AWS_ACCESS_KEY_ID")
            environment.removeValue(forKey: "AWS_SECRET_ACCESS_KEY")
            environment["AWS_CONFIG_FILE"] = config.path
            // The role's STS call goes to the endpoint too; the CLI caches its keys under HOME.
            environment["AWS_ENDPOINT_URL_STS"] = endpoint.url
            environment["HOME"] = folder.path

            let identity = try await AWSClients.aws(["--profile", "demo", "sts", "get-caller-identity"],
                                                    on: endpoint, environment: environment)
            #expect(identity.status == 0, "\(identity.stderr)")
            #expect(try identity.json()["Arn"] as? String == "arn:aws:sts::686512560918:assumed-role/RootEmailAdmin/cli-profile")

            let member = try await endpoint.memberAccount()
            let started = try await AWSClients.aws(
                ["--profile", "demo", "account", "start-primary-email-update", "--account-id", member.id.rawValue,
                 "--primary-email", "role-profile@example.net"], on: endpoint, environment: environment)
            #expect(started.status == 0, "\(started.stderr)")
            #expect(try endpoint.organization.mailbox.latestCode(to: EmailAddress("role-profile@example.net")) != nil)
        }
    }

    @Test func theReadOnlyRoleReadsButIsRefusedAnUpdate() async throws {
        try await RunningEndpoint.with { endpoint in
            let keys = try Self.keys(in: try await Self.assumeWithTheCLI(Self.readOnlyRole, session: "reader", on: endpoint))
            let member = try await endpoint.memberAccount()
            let read = try await AWSClients.aws(["account", "get-primary-email", "--account-id", member.id.rawValue],
                                                on: endpoint, environment: keys.environment)
            #expect(read.status == 0, "\(read.stderr)")

            let started = try await AWSClients.aws(
                ["account", "start-primary-email-update", "--account-id", member.id.rawValue,
                 "--primary-email", "reader@example.net"], on: endpoint, environment: keys.environment)
            #expect(started.status != 0)
            #expect(started.stderr.contains("An error occurred (AccessDeniedException) when calling the StartPrimaryEmailUpdate "
                + "operation: User: arn:aws:sts::686512560918:assumed-role/RootEmailReadOnly/reader is not authorized to "
                + "perform: account:StartPrimaryEmailUpdate"), "\(started.stderr)")
            #expect(try endpoint.organization.mailbox.latestCode(to: EmailAddress("reader@example.net")) == nil)
        }
    }

    @Test func aMissingOrWrongSessionTokenIsRefusedInEveryProtocol() async throws {
        try await RunningEndpoint.with { endpoint in
            let assumed = try await AWSClients.boto3(
                .api("sts", "assume_role", ["RoleArn": Self.adminRole, "RoleSessionName": "tokens"]), on: endpoint)
            #expect(assumed.succeeded, "\(assumed.summary)")
            let keys = try Self.keys(in: assumed.response)
            let member = try await endpoint.memberAccount()
            let calls: [AWSClients.Call] = [
                .api("sts", "get_caller_identity"),
                .api("account", "get_primary_email", ["AccountId": member.id.rawValue]),
                .api("organizations", "describe_organization"),
            ]
            for token in [nil, keys.token + "x", "another"] as [String?] {
                let outcomes = try await AWSClients.boto3(calls.map { keys.signing($0, token: .some(token)) }, on: endpoint)
                let refusals = outcomes.map { "\($0.status ?? 0) \($0.code ?? "none"): \($0.message ?? "")" }
                #expect(refusals == ["403 InvalidClientTokenId: \(Self.invalidToken)",
                                     "403 UnrecognizedClientException: \(Self.invalidToken)",
                                     "400 UnrecognizedClientException: \(Self.invalidToken)"], "token \(token ?? "none")")
            }
            let right = try await AWSClients.boto3(calls.map { keys.signing($0) }, on: endpoint)
            #expect(right.filter { !$0.succeeded }.isEmpty, "\(right.map(\.summary))")

            // A long-term key takes no token: a stale AWS_SESSION_TOKEN beside it is refused.
            let admin = try endpoint.caller("admin")
            let stale = try await AWSClients.boto3(
                calls[0].withKeys(accessKeyID: admin.accessKeyID, secret: admin.secretAccessKey, sessionToken: keys.token),
                on: endpoint)
            #expect(stale.code == "InvalidClientTokenId")
        }
    }

    @Test func expiredCredentialsAreRefusedWithExpiredToken() async throws {
        let clock = ShiftedClock()
        try await RunningEndpoint.with(now: clock.now) { endpoint in
            // Two hours ago by the endpoint's clock (and the client's), for 15 minutes.
            clock.shift(by: -7200)
            let assumed = try await AWSClients.boto3(
                AWSClients.Call.api("sts", "assume_role", ["RoleArn": Self.adminRole, "RoleSessionName": "expiring",
                                                           "DurationSeconds": 900]).clockSkew(seconds: -7200),
                on: endpoint)
            #expect(assumed.succeeded, "\(assumed.summary)")
            let keys = try Self.keys(in: assumed.response)
            let expiration = try #require((assumed.response["Credentials"] as? [String: Any])?["Expiration"] as? Double)
            #expect(abs(expiration - Date().addingTimeInterval(-7200 + 900).timeIntervalSince1970) < 120)
            let early = try await AWSClients.boto3(keys.signing(.api("sts", "get_caller_identity")).clockSkew(seconds: -7200),
                                                   on: endpoint)
            #expect(early.succeeded, "\(early.summary)")

            clock.shift(by: 7200)
            let member = try await endpoint.memberAccount()
            let outcomes = try await AWSClients.boto3([
                keys.signing(.api("sts", "get_caller_identity")),
                keys.signing(.api("account", "get_primary_email", ["AccountId": member.id.rawValue])),
                keys.signing(.api("organizations", "describe_organization")),
            ], on: endpoint)
            #expect(outcomes.map { "\($0.status ?? 0) \($0.code ?? "none"): \($0.message ?? "")" } == [
                "403 ExpiredToken: \(Self.expiredToken)",
                "403 ExpiredTokenException: \(Self.expiredToken)",
                "400 ExpiredTokenException: \(Self.expiredToken)",
            ])
            let cli = try await AWSClients.aws(["sts", "get-caller-identity"], on: endpoint, environment: keys.environment)
            #expect(cli.status != 0)
            #expect(cli.stderr.contains("An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: "
                + Self.expiredToken), "\(cli.stderr)")
        }
    }

    @Test func assumeRoleRefusalsAreWordedAsAWSWordsThem() async throws {
        try await RunningEndpoint.with { endpoint in
            let unknown = "arn:aws:iam::686512560918:role/Nope"
            let cli = try await AWSClients.aws(["sts", "assume-role", "--role-arn", unknown, "--role-session-name", "x1"],
                                               on: endpoint, as: "auditor")
            #expect(cli.status != 0)
            #expect(cli.stderr.contains("An error occurred (AccessDenied) when calling the AssumeRole operation: User: "
                + "arn:aws:iam::686512560918:user/auditor is not authorized to perform: sts:AssumeRole on resource: \(unknown)"),
                "\(cli.stderr)")

            let outcomes = try await AWSClients.boto3([
                .api("sts", "assume_role", ["RoleArn": unknown, "RoleSessionName": "x1"]),
                .api("sts", "assume_role", ["RoleArn": Self.adminRole, "RoleSessionName": "a"]),
                .api("sts", "assume_role", ["RoleArn": Self.adminRole, "RoleSessionName": "ok", "DurationSeconds": 100]),
                .api("sts", "assume_role", ["RoleArn": Self.readOnlyRole, "RoleSessionName": "ok", "DurationSeconds": 7200]),
            ], on: endpoint)
            #expect(outcomes.map { "\($0.status ?? 0) \($0.code ?? "none")" }
                == ["403 AccessDenied", "400 ValidationError", "400 ValidationError", "400 ValidationError"])
            #expect(outcomes[1].message == "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy "
                + "constraint: Member must have length greater than or equal to 2")
            #expect(outcomes[2].message == "1 validation error detected: Value '100' at 'durationSeconds' failed to satisfy "
                + "constraint: Member must have value greater than or equal to 900")
            #expect(outcomes[3].message == "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
            #expect(try endpoint.organization.roleSessions().isEmpty)
        }
    }

    @Test func keysHandedOutByAnotherProcessWorkHere() async throws {
        try await RunningEndpoint.with { endpoint in
            // Another process on the same data directory (a second `rootmail serve`, or this one before a restart).
            let other = try EmbeddedOrganization.open(in: endpoint.directory)
            let session = try other.backend(caller: "delegated-admin").assumeRole(
                rawRoleARN: Self.readOnlyRole, rawRoleSessionName: "elsewhere", rawDurationSeconds: nil, rawExternalID: nil)
            let keys = TemporaryKeys(accessKeyID: session.accessKeyID, secret: session.secretAccessKey, token: session.sessionToken)
            let identity = try await AWSClients.aws(["sts", "get-caller-identity"], on: endpoint, environment: keys.environment)
            #expect(identity.status == 0, "\(identity.stderr)")
            #expect(try identity.json()["Arn"] as? String == "arn:aws:sts::686512560918:assumed-role/RootEmailReadOnly/elsewhere")
        }
    }
}

/// The endpoint's clock: the real time moved by a shift the test sets.
final class ShiftedClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    var now: @Sendable () -> Date { { Date().addingTimeInterval(self.offset.withLock { $0 }) } }

    func shift(by seconds: TimeInterval) {
        offset.withLock { $0 += seconds }
    }
}
