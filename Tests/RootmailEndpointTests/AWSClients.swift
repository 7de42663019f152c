import EmbeddedOrganization
import Foundation
import RootmailEndpoint
import Testing

/// The real AWS CLI and boto3, run as subprocesses against a running endpoint with a caller's
/// keys, and nothing of the machine's AWS configuration.
enum AWSClients {
    static let region = "us-east-1"
    static let installHint = "pip install awscli boto3"

    static let boto3Script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Clients/boto3_calls.py").path

    /// The environment of a client: the caller's keys, a region, and config and credentials
    /// files that hold nothing, so that no profile, token or endpoint of the machine leaks in.
    static func environment(for caller: EmbeddedCaller, secret: String? = nil) -> [String: String] {
        environment(accessKeyID: caller.accessKeyID, secret: secret ?? caller.secretAccessKey)
    }

    /// The same with any keys, such as the temporary ones of a role session.
    static func environment(accessKeyID: String, secret: String, sessionToken: String? = nil) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { name, _ in
            !name.hasPrefix("AWS_") && !name.lowercased().hasSuffix("_proxy")
        }
        environment["AWS_ACCESS_KEY_ID"] = accessKeyID
        environment["AWS_SECRET_ACCESS_KEY"] = secret
        environment["AWS_SESSION_TOKEN"] = sessionToken
        environment["AWS_DEFAULT_REGION"] = region
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        environment["AWS_MAX_ATTEMPTS"] = "1"
        environment["AWS_PAGER"] = ""
        environment["NO_PROXY"] = "127.0.0.1,localhost"
        return environment
    }

    /// Fails, never skips, when the AWS CLI or boto3 is missing: running them is the point.
    static func requireInstalled() async throws {
        let plain = ProcessInfo.processInfo.environment
        let cli = try? await Subprocess.run(["aws", "--version"], environment: plain)
        guard let cli, cli.status == 0 else {
            Issue.record("The AWS CLI (`aws`) is not installed: \(installHint)")
            throw Subprocess.Failure(description: "aws missing: \(installHint)")
        }
        let boto3 = try? await Subprocess.run(["python3", "-c", "import boto3, botocore, urllib3"], environment: plain)
        guard let boto3, boto3.status == 0 else {
            Issue.record("boto3 cannot be imported by python3: \(installHint)")
            throw Subprocess.Failure(description: "boto3 missing: \(installHint)")
        }
    }

    // MARK: AWS CLI

    struct CLIResult {
        let status: Int32
        let stdout: String
        let stderr: String

        /// The JSON the CLI printed.
        func json() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any],
                         "not a JSON object: \(stdout) \(stderr)")
        }
    }

    /// `aws --endpoint-url URL --output json ARGUMENTS…` as `caller`.
    static func aws(_ arguments: [String], on endpoint: RunningEndpoint, as caller: String = "admin",
                    secret: String? = nil) async throws -> CLIResult {
        try await aws(arguments, on: endpoint, environment: environment(for: try endpoint.caller(caller), secret: secret))
    }

    /// The same in an environment of the test's making (other keys, a profile).
    static func aws(_ arguments: [String], on endpoint: RunningEndpoint, environment: [String: String]) async throws
        -> CLIResult {
        try await requireInstalled()
        let result = try await Subprocess.run(["aws", "--endpoint-url", endpoint.url, "--output", "json"] + arguments,
                                              environment: environment)
        return CLIResult(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    /// Like `aws`, but the command must succeed; returns its JSON.
    static func awsJSON(_ arguments: [String], on endpoint: RunningEndpoint, as caller: String = "admin") async throws
        -> [String: Any] {
        let result = try await aws(arguments, on: endpoint, as: caller)
        try #require(result.status == 0, "aws \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? [:] : try result.json()
    }

    // MARK: boto3

    /// One call for `boto3_calls.py`.
    struct Call {
        var fields: [String: Any]

        static func api(_ service: String, _ operation: String, _ params: [String: Any] = [:]) -> Call {
            Call(fields: ["service": service, "operation": operation, "params": params])
        }

        static func paginate(_ service: String, _ operation: String, _ params: [String: Any] = [:]) -> Call {
            Call(fields: ["service": service, "operation": operation, "params": params, "paginate": true])
        }

        /// A request botocore's models lack, signed by botocore's SigV4Auth and sent as is.
        static func raw(service: String, path: String, body: String, headers: [String: String]) -> Call {
            Call(fields: ["raw": ["service": service, "method": "POST", "path": path, "body": body, "headers": headers]])
        }

        func signed(by caller: EmbeddedCaller, secret: String? = nil) -> Call {
            var copy = self
            copy.fields["accessKeyId"] = caller.accessKeyID
            copy.fields["secretAccessKey"] = secret ?? caller.secretAccessKey
            return copy
        }

        func withKeys(accessKeyID: String, secret: String, sessionToken: String? = nil) -> Call {
            var copy = self
            copy.fields["accessKeyId"] = accessKeyID
            copy.fields["secretAccessKey"] = secret
            copy.fields["sessionToken"] = sessionToken
            return copy
        }

        var unsigned: Call {
            var copy = self
            copy.fields["unsigned"] = true
            return copy
        }

        func clockSkew(seconds: Int) -> Call {
            var copy = self
            copy.fields["clockSkewSeconds"] = seconds
            return copy
        }
    }

    /// What botocore made of one answer.
    struct Outcome {
        let fields: [String: Any]

        var succeeded: Bool { fields["ok"] as? Bool == true }
        var status: Int? { fields["status"] as? Int }
        /// `ClientError.response["Error"]["Code"]`
        var code: String? { fields["code"] as? String }
        var message: String? { fields["message"] as? String }
        var response: [String: Any] { fields["response"] as? [String: Any] ?? [:] }
        var modeled: [String: Any] { fields["modeled"] as? [String: Any] ?? [:] }
        var pages: [[String: Any]] { fields["pages"] as? [[String: Any]] ?? [] }
        var body: String { fields["body"] as? String ?? "" }
        var bodyJSON: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        }
        var headers: [String: String] { fields["headers"] as? [String: String] ?? [:] }
        var summary: String {
            String(decoding: (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
        }
    }

    /// Runs the calls in one python process, signed as `caller` unless a call says otherwise.
    static func boto3(_ calls: [Call], on endpoint: RunningEndpoint, as caller: String = "admin") async throws -> [Outcome] {
        try await requireInstalled()
        let principal = try endpoint.caller(caller)
        let input: [String: Any] = [
            "endpoint": endpoint.url, "region": region,
            "accessKeyId": principal.accessKeyID, "secretAccessKey": principal.secretAccessKey,
            "calls": calls.map(\.fields),
        ]
        let result = try await Subprocess.run(["python3", boto3Script], environment: environment(for: principal),
                                              input: try JSONSerialization.data(withJSONObject: input))
        try #require(result.status == 0, "boto3_calls.py failed (\(result.status)): \(result.stderr)")
        let outcomes = try #require(try JSONSerialization.jsonObject(with: result.output) as? [[String: Any]])
        try #require(outcomes.count == calls.count)
        return outcomes.map(Outcome.init)
    }

    static func boto3(_ call: Call, on endpoint: RunningEndpoint, as caller: String = "admin") async throws -> Outcome {
        try await boto3([call], on: endpoint, as: caller)[0]
    }
}
