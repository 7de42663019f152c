@testable import AWSBackend
import Foundation
import Logging
import RootmailCore
import Synchronization
import Testing

/// What `--debug` writes about retries and failures, against `Servers/fake_aws.py`'s scripted
/// faults, which `rootmail serve` cannot be made to give on demand.
@Suite("The debug log of retries")
struct ExchangeLogTests {
    /// Keeps every message a logger is given.
    final class Recorder: Sendable {
        private let lines = Mutex<[String]>([])

        var logger: Logger {
            var logger = Logger(label: "test") { _ in Handler(recorder: self) }
            logger.logLevel = .debug
            return logger
        }

        var text: String { lines.withLock { $0.joined(separator: "\n") } }

        fileprivate func record(_ line: String) { lines.withLock { $0.append(line) } }
    }

    struct Handler: LogHandler {
        let recorder: Recorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) { recorder.record("\(event.level) \(event.message)") }
    }

    func backend(_ fake: FakeAWS, log recorder: Recorder) async throws -> AWSBackend {
        try await AWSBackend.make(
            profile: nil, region: "eu-west-1", endpointURL: fake.endpoint,
            environment: ["AWS_ACCESS_KEY_ID": FakeAWS.managementKey, "AWS_SECRET_ACCESS_KEY": "fake-secret"],
            retryPolicy: .quick(maxAttempts: 3), debugLog: recorder.logger)
    }

    @Test("each retry is named with its cause, its wait and its attempt; giving up says why")
    func retriesAreNamed() async throws {
        let fake = try await FakeAWS.start()
        defer { fake.stop() }
        try await fake.script(["GetPrimaryEmail": ["throttle", "drop"], "StartPrimaryEmailUpdate": ["fault"]])
        let recorder = Recorder()
        let account = try AccountID("222222220003")
        try await withBackend({ try await backend(fake, log: recorder) }) { (backend: AWSBackend) async throws in
            _ = try await backend.getPrimaryEmail(account)
            await #expect(throws: RootmailError.self) {
                try await backend.startPrimaryEmailUpdate(account, to: try EmailAddress("new@example.com"))
            }
        }
        let log = recorder.text
        #expect(log.contains("info Found credentials in environment variables (botocore's method env)."), "\(log)")
        #expect(log.contains("(GetPrimaryEmail, attempt 1 of 3): method=POST, url=\(fake.endpoint)/getPrimaryEmail"))
        #expect(log.range(of: #"Retry needed \(TooManyRequestsException\): sending GetPrimaryEmail again after 0\.00[0-9] seconds \(attempt 2 of 3\)\."#,
                          options: .regularExpression) != nil, "\(log)")
        #expect(log.contains("No answer to GetPrimaryEmail"), "\(log)")
        #expect(log.contains("Retry needed (no answer): sending GetPrimaryEmail again"), "\(log)")
        #expect(log.contains("(GetPrimaryEmail, attempt 3 of 3)"), "\(log)")
        #expect(log.contains("Response (StartPrimaryEmailUpdate) status: 500"), "\(log)")
        #expect(log.contains("No retry: StartPrimaryEmailUpdate's failure is not one that may be sent again."), "\(log)")
        #expect(!log.contains("fake-secret"))
    }

    @Test("throttling past the last attempt says it was the last")
    func givingUp() async throws {
        let fake = try await FakeAWS.start()
        defer { fake.stop() }
        try await fake.script(["ListAccounts": Array(repeating: "throttle", count: 3)])
        let recorder = Recorder()
        await #expect(throws: RootmailError.self) {
            try await withBackend({ try await backend(fake, log: recorder) }) {
                try await $0.listAccounts(nextToken: nil, maxResults: 20)
            }
        }
        #expect(recorder.text.contains("No retry: ListAccounts failed on attempt 3, the last of 3."), "\(recorder.text)")
    }

    @Test("bodies keep their shape with each secret's value replaced")
    func bodiesAreRedacted() {
        func redacted(_ text: String) -> String { ExchangeLog.bodyText(Array(text.utf8)) }
        #expect(redacted(#"{"AccountId":"1","Otp" : "12\"34","PrimaryEmail":"a@b.c"}"#)
            == #"{"AccountId":"1","Otp" : "<redacted>","PrimaryEmail":"a@b.c"}"#)
        #expect(redacted("<Credentials><AccessKeyId>ASIA1</AccessKeyId><SecretAccessKey>s/+k</SecretAccessKey>"
            + "<SessionToken>t==</SessionToken></Credentials>")
            == "<Credentials><AccessKeyId>ASIA1</AccessKeyId><SecretAccessKey><redacted></SecretAccessKey>"
            + "<SessionToken><redacted></SessionToken></Credentials>")
        #expect(redacted("Action=AssumeRole&SerialNumber=arn&TokenCode=123456&Version=2011-06-15")
            == "Action=AssumeRole&SerialNumber=arn&TokenCode=<redacted>&Version=2011-06-15")
        #expect(redacted(#"{"NextToken":"abc"}"#) == #"{"NextToken":"abc"}"#)
        #expect(ExchangeLog.redactedHeader(name: "authorization",
                                           value: "AWS4-HMAC-SHA256 Credential=AKID/x, SignedHeaders=host, Signature=ab12")
            == "AWS4-HMAC-SHA256 Credential=AKID/x, SignedHeaders=host, Signature=<redacted>")
    }
}
