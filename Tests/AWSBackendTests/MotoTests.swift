@testable import AWSBackend
import Foundation
import RootmailCore
import Testing

/// moto's server with signature checking on, started once for the whole suite.
actor MotoOrganization {
    struct Setup: Decodable {
        let accessKeyId: String
        let secretAccessKey: String
        let roleArn: String
        let organizationId: String
        let managementAccount: String
        let rootId: String
        let members: [String]
        let workloads: String
        let production: String
    }

    static let shared = MotoOrganization()
    private var started: Task<(PythonServer, Setup), any Error>?

    /// The server and what `moto_organization.py` built in it. Fails, saying how to install
    /// moto, when moto cannot be imported.
    func get() async throws -> (server: PythonServer, setup: Setup) {
        if started == nil {
            started = Task {
                let server = try await PythonServer(
                    script: "moto_server.py",
                    missing: ("MOTO-MISSING", "moto is not installed: run pip install 'moto[server]'"))
                let output = try Self.run(["python3", PythonServer.scriptPath("moto_organization.py"), server.endpoint])
                return (server, try JSONDecoder().decode(Setup.self, from: output))
            }
        }
        return try await started!.value
    }

    private static func run(_ arguments: [String]) throws -> Data {
        let result = try Subprocess.run(arguments)
        guard result.status == 0 else {
            throw PythonServer.StartFailure(description: "\(arguments[1]) failed with status \(result.status): \(result.stderr)")
        }
        return result.output
    }
}

@Suite("Against moto with signature checking", .tags(.subprocess))
struct MotoTests {
    private func backend(secret: String? = nil) async throws -> AWSBackend {
        let (server, setup) = try await MotoOrganization.shared.get()
        return try await AWSBackend.make(
            profile: nil, region: "us-east-1", endpointURL: server.endpoint,
            environment: ["AWS_ACCESS_KEY_ID": setup.accessKeyId, "AWS_SECRET_ACCESS_KEY": secret ?? setup.secretAccessKey],
            retryPolicy: .quick())
    }

    @Test("all 46 accounts, across pages of 20 and of 7, each once")
    func listing() async throws {
        let setup = try await MotoOrganization.shared.get().setup
        let expected = Set([setup.managementAccount] + setup.members)
        try await withBackend({ try await backend() }) { backend in
            for (size, pageCount) in [(20, 3), (7, 7)] {
                let (accounts, pages) = try await allAccounts(backend, maxResults: size)
                #expect(accounts.count == 46)
                #expect(Set(accounts.map(\.id.rawValue)) == expected)
                #expect(pages == pageCount)
            }
        }
    }

    @Test("the organization and the caller: all features, the management account")
    func organizationAndCaller() async throws {
        let setup = try await MotoOrganization.shared.get().setup
        try await withBackend({ try await backend() }) { backend in
            let organization = try await backend.describeOrganization()
            #expect(organization.id == setup.organizationId && organization.featureSet == .all)
            #expect(organization.managementAccountID.rawValue == setup.managementAccount)
            let caller = try await backend.callerIdentity()
            #expect(caller.role == .managementAccount && caller.accountID.rawValue == setup.managementAccount)
            #expect(caller.arn.hasSuffix(":user/rootmail-tester"))
        }
    }

    @Test("describing accounts gives their names, addresses and the units above them")
    func describing() async throws {
        let setup = try await MotoOrganization.shared.get().setup
        try await withBackend({ try await backend() }) { backend in
            let inProduction = try await backend.describeAccount(try AccountID(setup.members[0]))
            #expect(inProduction.account.name == "Member 01" && inProduction.account.email == "member01@example.com")
            #expect(inProduction.account.state == .active && inProduction.account.joinedMethod == .created)
            #expect(inProduction.parentPathText == "Root / Workloads / Production")
            #expect(inProduction.parentPath.map(\.id) == [setup.rootId, setup.workloads, setup.production])
            let inWorkloads = try await backend.describeAccount(try AccountID(setup.members[7]))
            #expect(inWorkloads.parentPathText == "Root / Workloads")
            let atRoot = try await backend.describeAccount(try AccountID(setup.members[44]))
            #expect(atRoot.parentPath == [ParentUnit(id: setup.rootId, name: "Root", kind: .root)])
        }
    }

    @Test("moto has no Account API: its 404 reads as an operation the endpoint does not offer")
    func noAccountAPI() async throws {
        let (server, setup) = try await MotoOrganization.shared.get()
        try await withBackend({ try await backend() }) { backend in
            await #expect(throws: ServiceError(
                SignedRequestSender.unknownOperation,
                "account at \(server.endpoint) does not offer the GetPrimaryEmail operation (HTTP 404).")
                .during("GetPrimaryEmail")) {
                try await backend.getPrimaryEmail(try AccountID(setup.members[0]))
            }
        }
    }

    @Test("a wrong secret is refused with SignatureDoesNotMatch, as a credentials problem")
    func wrongSecret() async throws {
        let error = await #expect(throws: RootmailError.self) {
            try await withBackend({ try await backend(secret: "not-the-secret") }) {
                try await $0.listAccounts(nextToken: nil, maxResults: 20)
            }
        }
        guard case .configuration(let text)? = error else {
            Issue.record("expected a configuration error, got \(String(describing: error))")
            return
        }
        #expect(text.hasPrefix("AWS refused the credentials from environment variables (SignatureDoesNotMatch) "
            + "when calling the ListAccounts operation: The request signature we calculated does not match"))
    }

    @Test("a role_arn profile assumes the role through moto's STS and lists as that role")
    func assumedRole() async throws {
        let (server, setup) = try await MotoOrganization.shared.get()
        let files = try AWSFiles(
            config: """
                [profile admin]
                role_arn = \(setup.roleArn)
                source_profile = base
                endpoint_url = \(server.endpoint)
                """,
            credentials: "[base]\naws_access_key_id = \(setup.accessKeyId)\naws_secret_access_key = \(setup.secretAccessKey)\n")
        defer { files.remove() }
        try await withBackend({
            try await AWSBackend.make(profile: "admin", region: nil, endpointURL: nil, environment: files.environment(),
                                      retryPolicy: .quick())
        }) { backend in
            let caller = try await backend.callerIdentity()
            #expect(caller.arn.contains(":assumed-role/rootmail-admin/"))
            #expect(try await backend.listAccounts(nextToken: nil, maxResults: 5).accounts.count == 5)
        }
    }
}
