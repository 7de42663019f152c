import Foundation
import RootmailCore
import Testing
import EmbeddedOrganization

@Suite("AWS's quotas", .tags(.inProcess))
struct ThrottlingTests {
    private func isThrottled(_ error: RootmailError?, _ operation: String) -> Bool {
        error == .service(ServiceError(.tooManyRequests, AWSMessages.throttled), operation: operation)
    }

    @Test("GetPrimaryEmail: 3 per second per caller account")
    func getPerCaller() async throws {
        let fixture = try Fixture(throttling: true)
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let admin = try fixture.backend("admin")
        for _ in 1...3 { _ = try await admin.getPrimaryEmail(zurich.id) }
        #expect(isThrottled(await failure { try await admin.getPrimaryEmail(zurich.id) }, "GetPrimaryEmail"))
        // The auditor calls from the same account: same quota. The delegated admin has its own.
        #expect(isThrottled(await failure { try await fixture.backend("auditor").getPrimaryEmail(zurich.id) }, "GetPrimaryEmail"))
        _ = try await fixture.backend("delegated-admin").getPrimaryEmail(zurich.id)
        fixture.clock.advance(by: 1)
        _ = try await admin.getPrimaryEmail(zurich.id)
    }

    @Test("StartPrimaryEmailUpdate: 1 per second per caller account")
    func startPerCaller() async throws {
        let fixture = try Fixture(throttling: true)
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let tokyo = try await fixture.account(named: "東京 Sandbox")
        let admin = try fixture.backend("admin")
        _ = try await admin.startPrimaryEmailUpdate(zurich.id, to: try email("t1@northwind.example"))
        let error = await failure { try await admin.startPrimaryEmailUpdate(tokyo.id, to: try email("t2@northwind.example")) }
        #expect(isThrottled(error, "StartPrimaryEmailUpdate"))
        #expect(try fixture.organization.mailbox.latestCode(to: try email("t2@northwind.example")) == nil)
        fixture.clock.advance(by: 1)
        #expect(try await admin.startPrimaryEmailUpdate(tokyo.id, to: try email("t2@northwind.example")) == .pending)
    }

    @Test("StartPrimaryEmailUpdate: 3 per 30 seconds per target account")
    func startPerTarget() async throws {
        let fixture = try Fixture(throttling: true)
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let tokyo = try await fixture.account(named: "東京 Sandbox")
        let admin = try fixture.backend("admin")
        let start = fixture.clock.now
        for second in 0..<3 {
            _ = try await admin.startPrimaryEmailUpdate(zurich.id, to: try email("z\(second)@northwind.example"))
            fixture.clock.advance(by: 1.5)
        }
        // The delegated administrator's account has its own caller quota, not its own target quota.
        let error = await failure { try await fixture.backend("delegated-admin").startPrimaryEmailUpdate(zurich.id, to: try email("z3@northwind.example")) }
        #expect(isThrottled(error, "StartPrimaryEmailUpdate"))
        #expect(try await admin.startPrimaryEmailUpdate(tokyo.id, to: try email("tokyo@northwind.example")) == .pending)
        fixture.clock.advance(by: start.addingTimeInterval(30).timeIntervalSince(fixture.clock.now) + 0.1)
        #expect(try await fixture.backend("delegated-admin").startPrimaryEmailUpdate(zurich.id, to: try email("z3@northwind.example")) == .pending)
    }

    @Test("AcceptPrimaryEmailUpdate: 1 per second per caller account, wrong codes included")
    func acceptPerCaller() async throws {
        let fixture = try Fixture(throttling: true)
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let admin = try fixture.backend("admin")
        let newEmail = try email("accept-quota@northwind.example")
        _ = try await admin.startPrimaryEmailUpdate(zurich.id, to: newEmail)
        let code = try fixture.mailedCode(to: newEmail)
        _ = await failure { try await admin.acceptPrimaryEmailUpdate(zurich.id, email: newEmail, code: try wrongCode(for: code)) }
        #expect(isThrottled(await failure { try await admin.acceptPrimaryEmailUpdate(zurich.id, email: newEmail, code: code) },
                            "AcceptPrimaryEmailUpdate"))
        fixture.clock.advance(by: 1)
        #expect(try await admin.acceptPrimaryEmailUpdate(zurich.id, email: newEmail, code: code) == .accepted)
    }

    @Test("two processes on the same data directory share the quotas")
    func acrossProcesses() async throws {
        let fixture = try Fixture(throttling: true)
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let other = try fixture.secondProcess()
        for _ in 1...2 { _ = try await fixture.backend().getPrimaryEmail(zurich.id) }
        _ = try await other.backend().getPrimaryEmail(zurich.id)
        #expect(isThrottled(await failure { try await other.backend().getPrimaryEmail(zurich.id) }, "GetPrimaryEmail"))
        #expect(isThrottled(await failure { try await fixture.backend().getPrimaryEmail(zurich.id) }, "GetPrimaryEmail"))
    }

    @Test("the throttling setting turns the quotas off for every process")
    func settingTurnsThrottlingOff() async throws {
        let fixture = try Fixture(throttling: true)
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let other = try fixture.secondProcess()
        try other.setThrottling(false)
        #expect(try fixture.organization.settings().throttling == false)
        for _ in 1...10 { _ = try await fixture.backend().getPrimaryEmail(zurich.id) }
        try fixture.organization.setThrottling(true)
        for _ in 1...3 { _ = try await fixture.backend().getPrimaryEmail(zurich.id) }
        #expect(isThrottled(await failure { try await other.backend().getPrimaryEmail(zurich.id) }, "GetPrimaryEmail"))
    }
}
