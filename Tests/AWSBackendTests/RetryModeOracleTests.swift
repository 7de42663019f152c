@testable import AWSBackend
import Foundation
import RootmailCore
import RootmailTestSupport
import Testing

/// botocore's retry modes as the oracle: the same call, the same scripted faults on a fresh
/// `Servers/fake_aws.py`, once through botocore and once through rootmail, with the same
/// settings; the attempts each made are the server's own count.
@Suite("Retry modes against botocore", .tags(.subprocess))
struct RetryModeOracleTests {
    struct Case: CustomTestStringConvertible {
        let name: String
        let environment: [String: String]
        /// A config file whose default profile carries the settings, or nil for none.
        let config: String?
        let faults: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "default mode (standard): 3 attempts", environment: [:], config: nil,
             faults: Array(repeating: "fault", count: 5)),
        Case(name: "standard, AWS_MAX_ATTEMPTS=4", environment: ["AWS_RETRY_MODE": "standard", "AWS_MAX_ATTEMPTS": "4"],
             config: nil, faults: Array(repeating: "fault", count: 6)),
        Case(name: "adaptive, AWS_MAX_ATTEMPTS=2", environment: ["AWS_RETRY_MODE": "adaptive", "AWS_MAX_ATTEMPTS": "2"],
             config: nil, faults: Array(repeating: "fault", count: 4)),
        Case(name: "legacy, AWS_MAX_ATTEMPTS=3, given up", environment: ["AWS_RETRY_MODE": "legacy", "AWS_MAX_ATTEMPTS": "3"],
             config: nil, faults: Array(repeating: "fault", count: 4)),
        Case(name: "legacy from the profile, two faults then an answer", environment: [:],
             config: "[default]\nretry_mode = legacy\nmax_attempts = 3\n", faults: ["fault", "fault"]),
        Case(name: "AWS_MAX_ATTEMPTS wins over the profile's max_attempts", environment: ["AWS_MAX_ATTEMPTS": "2"],
             config: "[default]\nmax_attempts = 4\n", faults: Array(repeating: "fault", count: 5)),
        Case(name: "throttled once, then answered", environment: [:], config: nil, faults: ["throttle"]),
    ]

    struct Outcome: Equatable {
        let attempts: Int
        let answered: Bool
    }

    @Test("rootmail makes as many attempts as botocore, and gives up or succeeds as it does", arguments: cases)
    func sameAttempts(_ testCase: Case) async throws {
        let files = try AWSFiles(config: testCase.config ?? "")
        defer { files.remove() }
        let environment = files.environment(testCase.environment)
        let botocore = try await outcome(testCase) { endpoint in
            let result = try await Subprocess.run(
                ["python3", PythonServer.scriptPath("botocore_attempts.py"), endpoint],
                input: try JSONSerialization.data(withJSONObject: environment))
            let answer = try JSONSerialization.jsonObject(with: result.output) as? [String: Any]
            let text = try #require(answer?["outcome"] as? String, "botocore_attempts.py failed: \(result.stderr)")
            return text == "ok"
        }
        let rootmail = try await outcome(testCase) { endpoint in
            do {
                try await withBackend({
                    try await AWSBackend.make(
                        profile: nil, region: "us-east-1", endpointURL: endpoint,
                        environment: environment.merging(["AWS_ACCESS_KEY_ID": FakeAWS.managementKey,
                                                          "AWS_SECRET_ACCESS_KEY": "fake-secret"]) { $1 })
                }) { _ = try await $0.listAccounts(nextToken: nil, maxResults: 20) }
                return true
            } catch is RootmailError {
                return false
            }
        }
        #expect(rootmail == botocore)
        #expect(botocore.attempts >= 2, "the case must make botocore retry, or it proves nothing")
    }

    private func outcome(_ testCase: Case, _ call: (String) async throws -> Bool) async throws -> Outcome {
        let fake = try await FakeAWS.start()
        defer { fake.stop() }
        try await fake.script(["ListAccounts": testCase.faults])
        let answered = try await call(fake.endpoint)
        return Outcome(attempts: try await fake.calls("ListAccounts").count, answered: answered)
    }
}
