import Foundation
import RootmailCore
import RootmailStore
import Synchronization
import Testing
import EmbeddedOrganization

@Suite("The demo organization", .tags(.inProcess))
struct DemoOrganizationTests {
    @Test("is created on first run: 40 members in nested OUs, with non-ASCII names and every state")
    func createdOnFirstRun() async throws {
        let fixture = try Fixture()
        let organization = try await fixture.backend().describeOrganization()
        #expect(organization.id.wholeMatch(of: /o-[a-z0-9]{10}/) != nil)
        #expect(organization.featureSet == .all)
        #expect(organization.arn == "arn:aws:organizations::\(organization.managementAccountID):organization/\(organization.id)")

        let accounts = try await fixture.allAccounts()
        #expect(accounts.count == 41)
        let names = Set(accounts.map(\.name))
        for name in ["Zürich Analytics", "東京 Sandbox", "São Paulo Data", "🚀 Launchpad"] {
            #expect(names.contains(name), "missing \(name)")
        }
        let states = Set(accounts.map(\.state))
        #expect(states.isSuperset(of: [.active, .suspended, .closed, .pendingClosure, .pendingActivation]))
        #expect(accounts.contains { $0.id == organization.managementAccountID })
        for account in accounts {
            #expect(account.arn == "arn:aws:organizations::\(organization.managementAccountID):account/\(organization.id)/\(account.id)")
        }

        let tokyo = try await fixture.account(named: "東京 Sandbox")
        let details = try await fixture.backend().describeAccount(tokyo.id)
        #expect(details.parentPathText == "Root / Workloads / Development / Team Sandboxes")
        #expect(details.parentPath.first?.kind == .root)
    }

    @Test("has the four callers with their accounts, roles and permissions")
    func callers() async throws {
        let fixture = try Fixture()
        let management = try await fixture.managementAccountID()
        let callers = try fixture.organization.callers()
        #expect(callers.map(\.name) == ["admin", "auditor", "delegated-admin", "member-user"])
        let byName = Dictionary(uniqueKeysWithValues: callers.map { ($0.name, $0) })
        #expect(byName["admin"]?.accountID == management)
        #expect(byName["admin"]?.role == .managementAccount)
        #expect(byName["admin"]?.permissions == Set(Permission.allCases))
        #expect(byName["auditor"]?.accountID == management)
        #expect(byName["auditor"]?.permissions == [.getPrimaryEmail])
        #expect(byName["delegated-admin"]?.role == .delegatedAdministrator)
        #expect(byName["delegated-admin"]?.permissions == Set(Permission.allCases))
        #expect(byName["member-user"]?.role == .memberAccount)
        #expect(byName["member-user"]?.permissions == Set(Permission.allCases))
        for caller in callers {
            #expect(caller.accessKeyID.wholeMatch(of: /AKIA[A-Z2-7]{16}/) != nil)
            #expect(caller.secretAccessKey.count == 40)
            #expect(!caller.description.contains(caller.secretAccessKey))
            #expect(caller.arn == "arn:aws:iam::\(caller.accountID):user/\(caller.name)")
            #expect(try fixture.organization.caller(accessKeyID: caller.accessKeyID) == caller)
        }
        #expect(try fixture.organization.caller(accessKeyID: "AKIAUNKNOWNUNKNOWN22") == nil)
    }

    @Test("the default caller is the management account's administrator")
    func defaultCaller() async throws {
        let fixture = try Fixture()
        let identity = try await fixture.backend(nil).callerIdentity()
        #expect(identity.arn.hasSuffix(":user/admin"))
        #expect(identity.role == .managementAccount)
        #expect(identity.permissions == Set(Permission.allCases))
    }

    @Test("an unknown caller name is refused with the names that exist")
    func unknownCaller() throws {
        let fixture = try Fixture()
        #expect(throws: RootmailError.configuration("Unknown caller \"root\". The embedded organization's callers are: "
            + "admin, auditor, delegated-admin, member-user. Pick one with --caller NAME.")) {
            try fixture.organization.backend(caller: "root")
        }
    }

    @Test("is loaded once: a second open keeps changes and secrets")
    func loadedOnce() async throws {
        let fixture = try Fixture()
        let added = try fixture.organization.addAccount(name: "Kept Account", email: try email("kept@northwind.example"))
        let secrets = try fixture.organization.callers().map(\.secretAccessKey)
        let reopened = try fixture.secondProcess()
        #expect(try reopened.settings().accountCount == 42)
        #expect(try await reopened.backend().describeAccount(added.id).account.name == "Kept Account")
        #expect(try reopened.callers().map(\.secretAccessKey) == secrets)
    }

    @Test("processes opening a new data directory at once create it exactly once")
    func concurrentFirstRuns() throws {
        let directory = DataDirectory(url: FileManager.default.temporaryDirectory
            .appendingPathComponent("rootmail-embedded-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: directory.url) }
        let outcomes = Mutex<[Result<Int, RootmailError>]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let outcome: Result<Int, RootmailError>
            do {
                outcome = .success(try EmbeddedOrganization.open(in: directory).settings().accountCount)
            } catch {
                outcome = .failure(error as? RootmailError ?? .storage("\(error)"))
            }
            outcomes.withLock { $0.append(outcome) }
        }
        let counts = try outcomes.withLock { $0 }.map { try $0.get() }
        #expect(counts == [41, 41, 41, 41])
        let organization = try EmbeddedOrganization.open(in: directory)
        #expect(try organization.callers().count == 4)
        #expect(try organization.settings().accountCount == 41)
    }

    @Test("reset puts the demo back and keeps the callers' secrets")
    func reset() async throws {
        let fixture = try Fixture()
        let organization = fixture.organization
        let secrets = try organization.callers().map(\.secretAccessKey)
        let zurich = try await fixture.account(named: "Zürich Analytics")
        _ = try await fixture.backend().startPrimaryEmailUpdate(zurich.id, to: try email("new-zurich@northwind.example"))
        try organization.addAccount(name: "Temporary", email: try email("temporary@northwind.example"))
        try organization.setTrustedAccess(false)
        try organization.setFeatureSet(.consolidatedBilling)
        try organization.deregisterDelegatedAdministrator()
        try organization.generateAccounts(count: 10)

        try organization.reset()

        let settings = try organization.settings()
        #expect(settings.accountCount == 41)
        #expect(settings.trustedAccess)
        #expect(settings.featureSet == .all)
        #expect(settings.throttling)
        #expect(settings.delegatedAdministrator != nil)
        #expect(try organization.callers().map(\.secretAccessKey) == secrets)
        #expect(try await fixture.allAccounts().contains { $0.name == "Temporary" } == false)
        try organization.setThrottling(false)
        let status = await failure { try await fixture.backend().getPrimaryEmailUpdateStatus(zurich.id) }
        #expect(status?.serviceError?.type == .resourceNotFound)
    }
}
