@testable import AWSBackend
import Foundation
import RootmailCore
import Testing

/// Retries, throttling and dropped connections against `Servers/fake_aws.py`.
@Suite("Throttling and faults", .tags(.subprocess))
struct FaultTests {
    @Test("listing completes through throttling, a dropped connection, a server fault and an empty page")
    func listingSurvivesFaults() async throws {
        let fake = try await FakeAWS.start()
        defer { fake.stop() }
        try await fake.script(["ListAccounts": ["throttle", "throttle", "drop", "empty", "throttle", "fault"]])
        let (accounts, pages) = try await withBackend({ try await fake.backend() }) { try await allAccounts($0) }
        #expect(accounts.count == FakeAWS.accountCount)
        #expect(Set(accounts.map(\.id)).count == FakeAWS.accountCount, "no account twice")
        #expect(accounts.first?.id.rawValue == "111111111111" && accounts.last?.id.rawValue == "222222220045")
        // 3 pages of 20, 20 and 6, the empty page, and 5 refused or dropped attempts.
        #expect(pages == 4)
        #expect(try await fake.calls("ListAccounts").count == 9)
    }

    @Test("throttling past the last attempt reports TooManyRequestsException as Organizations worded it")
    func throttlingGivesUp() async throws {
        let fake = try await FakeAWS.start()
        defer { fake.stop() }
        try await fake.script(["ListAccounts": Array(repeating: "throttle", count: 3)])
        let error = await #expect(throws: RootmailError.self) {
            try await withBackend({ try await fake.backend(maxAttempts: 3) }) {
                try await $0.listAccounts(nextToken: nil, maxResults: 20)
            }
        }
        #expect(error == ServiceError(.tooManyRequests, "Rate exceeded").during("ListAccounts"))
        #expect(try await fake.calls("ListAccounts").count == 3)
    }

    @Test("a dropped connection during Start is reported as transport and never sent again")
    func startNotRetriedAfterDrop() async throws {
        let fake = try await FakeAWS.start()
        defer { fake.stop() }
        try await fake.script(["StartPrimaryEmailUpdate": ["drop"]])
        let error = await #expect(throws: RootmailError.self) {
            try await withBackend({ try await fake.backend() }) {
                try await $0.startPrimaryEmailUpdate(try AccountID("222222220003"), to: try EmailAddress("new@example.com"))
            }
        }
        guard case .transport(let text)? = error else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(text.contains("StartPrimaryEmailUpdate") && text.contains("may or may not have taken effect"))
        #expect(try await fake.calls("StartPrimaryEmailUpdate").count == 1)
    }

    @Test("Start and Accept are retried after throttling only; a server fault is reported at once")
    func changesRetryOnlyRefusals() async throws {
        let fake = try await FakeAWS.start()
        defer { fake.stop() }
        try await fake.script(["StartPrimaryEmailUpdate": ["throttle", "throttle"], "AcceptPrimaryEmailUpdate": ["fault"]])
        let account = try AccountID("222222220003")
        let email = try EmailAddress("new@example.com")
        try await withBackend({ try await fake.backend() }) { (backend: AWSBackend) async throws in
            #expect(try await backend.startPrimaryEmailUpdate(account, to: email) == .pending)
            await #expect(throws: ServiceError(.internalServer, "We encountered an internal error. Please try again.")
                .during("AcceptPrimaryEmailUpdate")) {
                try await backend.acceptPrimaryEmailUpdate(account, email: email, code: try OneTimeCode("123456"))
            }
        }
        #expect(try await fake.calls("StartPrimaryEmailUpdate").count == 3)
        #expect(try await fake.calls("AcceptPrimaryEmailUpdate").count == 1)
    }

    @Test("when role credentials cannot be fetched, Start is reported as not sent")
    func startWithoutCredentials() async throws {
        let fake = try await FakeAWS.start()
        defer { fake.stop() }
        try await fake.script(["AssumeRole": Array(repeating: "drop", count: 2)])
        let files = try AWSFiles(config: """
            [profile admin]
            role_arn = arn:aws:iam::111111111111:role/admin
            credential_source = Environment
            """)
        defer { files.remove() }
        let error = await #expect(throws: RootmailError.self) {
            try await withBackend({
                try await AWSBackend.make(
                    profile: "admin", region: nil, endpointURL: fake.endpoint,
                    environment: files.environment(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s"]),
                    retryPolicy: .quick(maxAttempts: 2))
            }) {
                try await $0.startPrimaryEmailUpdate(try AccountID("222222220003"), to: try EmailAddress("new@example.com"))
            }
        }
        guard case .configuration(let text)? = error else {
            Issue.record("expected a configuration error, got \(String(describing: error))")
            return
        }
        #expect(text.hasPrefix("StartPrimaryEmailUpdate was not sent: the credentials from profile \"admin\""))
        #expect(text.contains("No answer from sts"))
        #expect(try await fake.calls("AssumeRole").count == 2)
        #expect(try await fake.calls("StartPrimaryEmailUpdate").count == 0)
    }

    @Test("reads are retried after a dropped connection; a ValidationException keeps its fieldList")
    func readsRetryDrops() async throws {
        let fake = try await FakeAWS.start()
        defer { fake.stop() }
        try await fake.script(["GetPrimaryEmail": ["drop"], "AcceptPrimaryEmailUpdate": ["validation"]])
        let account = try AccountID("222222220003")
        try await withBackend({ try await fake.backend() }) { (backend: AWSBackend) async throws in
            #expect(try await backend.getPrimaryEmail(account) == (try EmailAddress("member03@example.com")))
            await #expect(throws: ServiceError(.validation, "Invalid input", reason: "fieldValidationFailed",
                                               fieldList: [FieldProblem(name: "Otp", message: "must have length 6")])
                .during("AcceptPrimaryEmailUpdate")) {
                try await backend.acceptPrimaryEmailUpdate(account, email: try EmailAddress("new@example.com"),
                                                           code: try OneTimeCode("123456"))
            }
            let status = try await backend.getPrimaryEmailUpdateStatus(account)
            #expect(status == UpdateStatusReport(status: .pending, updatedAt: Date(timeIntervalSince1970: 1_700_000_100)))
        }
        #expect(try await fake.calls("GetPrimaryEmail").count == 2)
    }

    @Test("the caller's role: management account, delegated administrator, or member")
    func callerRoles() async throws {
        let fake = try await FakeAWS.start()
        defer { fake.stop() }
        let expected: [(String, CallerRole, String)] = [
            (FakeAWS.managementKey, .managementAccount, "111111111111"),
            (FakeAWS.delegatedAdministratorKey, .delegatedAdministrator, "222222220007"),
            (FakeAWS.memberKey, .memberAccount, "222222220003"),
        ]
        for (key, role, account) in expected {
            let caller = try await withBackend({ try await fake.backend(accessKeyID: key) }) {
                try await $0.callerIdentity()
            }
            #expect(caller.role == role && caller.accountID.rawValue == account)
            #expect(caller.arn == "arn:aws:iam::\(account):user/tester" && caller.permissions == nil)
        }
        // The management account needs no delegated-administrator list; the other two ask for it.
        #expect(try await fake.calls("ListDelegatedAdministrators").count == 2)
    }

    @Test("with an endpoint URL every service is signed for the client's region; the description says where")
    func signingRegionAndDescription() async throws {
        let fake = try await FakeAWS.start()
        defer { fake.stop() }
        let description = try await withBackend({ try await fake.backend(region: "ap-northeast-1") }) { backend in
            _ = try await backend.callerIdentity()
            _ = try await backend.getPrimaryEmail(try AccountID("222222220001"))
            return backend.backendDescription
        }
        #expect(try await fake.calls("GetCallerIdentity").scopes == ["ap-northeast-1/sts"])
        #expect(try await fake.calls("DescribeOrganization").scopes == ["ap-northeast-1/organizations"])
        #expect(try await fake.calls("GetPrimaryEmail").scopes == ["ap-northeast-1/account"])
        #expect(description == BackendDescription(
            kind: "aws", location: "region ap-northeast-1, environment variables, \(fake.endpoint)"))
    }

    @Test("MaxResults outside 1 to 20 is refused before anything is sent")
    func maxResults() async throws {
        let fake = try await FakeAWS.start()
        defer { fake.stop() }
        try await withBackend({ try await fake.backend() }) { (backend: AWSBackend) async throws in
            await #expect(throws: RootmailError.invalidInput(field: "MaxResults", value: "21",
                                                             rule: "must be 1 to 20, as Organizations allows")) {
                try await backend.listAccounts(nextToken: nil, maxResults: 21)
            }
        }
        #expect(try await fake.calls("ListAccounts").count == 0)
    }
}

/// Every account, page after page until NextToken runs out, as the service layer pages.
func allAccounts(_ backend: AWSBackend, maxResults: Int = 20) async throws -> (accounts: [Account], pages: Int) {
    var accounts: [Account] = []
    var token: String?
    var pages = 0
    repeat {
        let page = try await backend.listAccounts(nextToken: token, maxResults: maxResults)
        accounts += page.accounts
        token = page.nextToken
        pages += 1
    } while token != nil
    return (accounts, pages)
}
