import Foundation
import RootmailCore
import Testing
import EmbeddedOrganization

@Suite("rootmail sim", .tags(.inProcess))
struct SimulationTests {
    @Test("settings show the demo's state")
    func settings() throws {
        let fixture = try Fixture()
        let settings = try fixture.organization.settings()
        #expect(settings.featureSet == .all)
        #expect(settings.trustedAccess)
        #expect(settings.accountCount == 41)
        #expect(settings.throttling == false)
        #expect(settings.delegatedAdministrator == (try fixture.backend("delegated-admin").caller().accountID))
    }

    @Test("trusted access, feature set and delegated administrator change and show")
    func switches() throws {
        let fixture = try Fixture()
        let organization = fixture.organization
        try organization.setTrustedAccess(false)
        try organization.setFeatureSet(.consolidatedBilling)
        let removed = try organization.deregisterDelegatedAdministrator()
        #expect(removed == (try fixture.backend("delegated-admin").caller().accountID))
        let settings = try organization.settings()
        #expect(!settings.trustedAccess)
        #expect(settings.featureSet == .consolidatedBilling)
        #expect(settings.delegatedAdministrator == nil)
        #expect(try organization.deregisterDelegatedAdministrator() == nil)
    }

    @Test("registering a delegated administrator replaces the previous one")
    func registerReplaces() throws {
        let fixture = try Fixture()
        let member = try fixture.backend("member-user").caller().accountID
        try fixture.organization.registerDelegatedAdministrator(member)
        #expect(try fixture.organization.settings().delegatedAdministrator == member)
        #expect(try fixture.backend("delegated-admin").caller().role == .memberAccount)
        #expect(try fixture.backend("member-user").caller().role == .delegatedAdministrator)
    }

    @Test("the management account or a stranger cannot be the delegated administrator")
    func registerRefusals() async throws {
        let fixture = try Fixture()
        let before = try fixture.organization.settings()
        let management = try await fixture.managementAccountID()
        #expect(throws: RootmailError.self) { try fixture.organization.registerDelegatedAdministrator(management) }
        #expect(throws: RootmailError.self) { try fixture.organization.registerDelegatedAdministrator(try AccountID("000000000002")) }
        #expect(try fixture.organization.settings() == before)
    }

    @Test("an added account lands in the named OU, ACTIVE and CREATED")
    func addAccount() async throws {
        let fixture = try Fixture()
        let account = try fixture.organization.addAccount(name: "  Ünïcødé Team ", email: try email("unicode@northwind.example"),
                                                          ouName: "team sandboxes")
        #expect(account.name == "Ünïcødé Team")
        #expect(account.state == .active)
        #expect(account.joinedMethod == .created)
        #expect(account.joinedAt == fixture.clock.now)
        let details = try await fixture.backend().describeAccount(account.id)
        #expect(details.parentPathText == "Root / Workloads / Development / Team Sandboxes")
        let atRoot = try fixture.organization.addAccount(name: "At Root", email: try email("root-level@northwind.example"))
        #expect(try await fixture.backend().describeAccount(atRoot.id).parentPathText == "Root")
    }

    @Test("an added account with a taken address, an unknown OU or a bad name is refused and changes nothing")
    func addAccountRefusals() async throws {
        let fixture = try Fixture()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let organization = fixture.organization
        #expect(throws: RootmailError.self) { try organization.addAccount(name: "Dup", email: try email(zurich.email.uppercased())) }
        do {
            try organization.addAccount(name: "Lost", email: try email("lost@northwind.example"), ouName: "Nowhere")
            Issue.record("an unknown OU was accepted")
        } catch let RootmailError.invalidInput(field, _, rule) {
            #expect(field == "ou")
            #expect(rule.contains("Team Sandboxes"))
        }
        #expect(throws: RootmailError.self) { try organization.addAccount(name: " ", email: try email("blank@northwind.example")) }
        #expect(throws: RootmailError.self) {
            try organization.addAccount(name: String(repeating: "n", count: 51), email: try email("long@northwind.example"))
        }
        #expect(throws: RootmailError.self) { try organization.addAccount(name: "Tab\tName", email: try email("tab@northwind.example")) }
        #expect(try organization.settings().accountCount == 41)
    }

    @Test("generated accounts are deterministic and numbered on across calls")
    func generate() async throws {
        let first = try Fixture()
        let second = try Fixture()
        try first.organization.generateAccounts(count: 30)
        try second.organization.generateAccounts(count: 30)
        #expect(try await first.allAccounts() == second.allAccounts())
        #expect(try first.organization.generateAccounts(count: 5) == 76)
        let names = try await first.allAccounts().map(\.name)
        #expect(names.contains("Generated Account 00035"))
        #expect(throws: RootmailError.self) { try first.organization.generateAccounts(count: 0) }
        #expect(throws: RootmailError.self) { try first.organization.generateAccounts(count: 50_001) }
        #expect(try first.organization.settings().accountCount == 76)
    }

    @Test("the cap of generated accounts holds over several calls, and a refusal says how many more fit", .tags(.scale))
    func generateCapHoldsInAll() throws {
        let fixture = try Fixture()
        let cap = EmbeddedOrganization.maximumGeneratedAccounts
        try fixture.organization.generateAccounts(count: cap - 10)
        let before = try fixture.organization.settings().accountCount
        do {
            try fixture.organization.generateAccounts(count: 20)
            Issue.record("20 more generated accounts went past the cap")
        } catch let error as RootmailError {
            #expect("\(error)".contains("10 more can be added"), "\(error)")
        }
        #expect(try fixture.organization.settings().accountCount == before)
        #expect(try fixture.organization.generateAccounts(count: 10) == before + 10)
    }

    @Test("generating refuses to reuse an address an added account holds, and adds nothing")
    func generateRefusesTakenAddress() throws {
        let fixture = try Fixture()
        try fixture.organization.addAccount(name: "Squatter", email: try email("Generated-00002@scale.northwind.example"))
        #expect(throws: RootmailError.self) { try fixture.organization.generateAccounts(count: 3) }
        #expect(try fixture.organization.settings().accountCount == 42)
        try fixture.organization.generateAccounts(count: 1)
        #expect(try fixture.organization.settings().accountCount == 43)
    }
}
