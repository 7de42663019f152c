import Foundation
import RootmailCore
import Testing
import EmbeddedOrganization

/// AccessDenied and ResourceNotFound, with AWS's texts, in AWS's order of checks.
@Suite("Who may call the primary-email operations", .tags(.inProcess))
struct AccessRulesTests {
    private func arn(_ fixture: Fixture, _ caller: String) throws -> String {
        try fixture.backend(caller).caller().arn
    }

    private func expectDenied(_ error: RootmailError?, _ fixture: Fixture, caller: String, operation: String,
                              reason: String?, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = AWSMessages.notAuthorized(callerARN: try arn(fixture, caller), operation: operation, reason: reason)
        #expect(error == .service(ServiceError(.accessDenied, expected), operation: operation), sourceLocation: sourceLocation)
    }

    @Test("the management account's administrator and the delegated administrator may read and update")
    func allowedCallers() async throws {
        let fixture = try Fixture()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        #expect(try await fixture.backend("admin").getPrimaryEmail(zurich.id).rawValue == zurich.email)
        #expect(try await fixture.backend("delegated-admin").getPrimaryEmail(zurich.id).rawValue == zurich.email)
        #expect(try await fixture.backend("auditor").getPrimaryEmail(zurich.id).rawValue == zurich.email)
        #expect(try await fixture.backend("delegated-admin").startPrimaryEmailUpdate(zurich.id, to: try email("dz@northwind.example")) == .pending)
    }

    @Test("consolidated billing only: denied with the all-features reason")
    func consolidatedBilling() async throws {
        let fixture = try Fixture()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        try fixture.organization.setFeatureSet(.consolidatedBilling)
        let error = await failure { try await fixture.backend("admin").getPrimaryEmail(zurich.id) }
        try expectDenied(error, fixture, caller: "admin", operation: "GetPrimaryEmail", reason: AWSMessages.allFeaturesReason)
    }

    @Test("trusted access off: denied with the trusted-access reason, for every operation")
    func trustedAccessOff() async throws {
        let fixture = try Fixture()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        try fixture.organization.setTrustedAccess(false)
        let backend = try fixture.backend("admin")
        let reason = AWSMessages.trustedAccessReason
        try expectDenied(await failure { try await backend.getPrimaryEmail(zurich.id) },
                         fixture, caller: "admin", operation: "GetPrimaryEmail", reason: reason)
        try expectDenied(await failure { try await backend.startPrimaryEmailUpdate(zurich.id, to: try email("x@northwind.example")) },
                         fixture, caller: "admin", operation: "StartPrimaryEmailUpdate", reason: reason)
        try expectDenied(await failure {
            try await backend.acceptPrimaryEmailUpdate(zurich.id, email: try email("x@northwind.example"), code: try OneTimeCode("123456"))
        }, fixture, caller: "admin", operation: "AcceptPrimaryEmailUpdate", reason: reason)
        try expectDenied(await failure { try await backend.getPrimaryEmailUpdateStatus(zurich.id) },
                         fixture, caller: "admin", operation: "GetPrimaryEmailUpdateStatus", reason: reason)
        try fixture.organization.setTrustedAccess(true)
        #expect(try await backend.getPrimaryEmail(zurich.id).rawValue == zurich.email)
    }

    @Test("a caller in an ordinary member account is denied without a reason")
    func memberAccountCaller() async throws {
        let fixture = try Fixture()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let error = await failure { try await fixture.backend("member-user").getPrimaryEmail(zurich.id) }
        try expectDenied(error, fixture, caller: "member-user", operation: "GetPrimaryEmail", reason: nil)
    }

    @Test("a caller without the IAM action is denied without a reason: the auditor may only read")
    func missingPermission() async throws {
        let fixture = try Fixture()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let auditor = try fixture.backend("auditor")
        try expectDenied(await failure { try await auditor.startPrimaryEmailUpdate(zurich.id, to: try email("a@northwind.example")) },
                         fixture, caller: "auditor", operation: "StartPrimaryEmailUpdate", reason: nil)
        try expectDenied(await failure {
            try await auditor.acceptPrimaryEmailUpdate(zurich.id, email: try email("a@northwind.example"), code: try OneTimeCode("123456"))
        }, fixture, caller: "auditor", operation: "AcceptPrimaryEmailUpdate", reason: nil)
        #expect(try fixture.organization.mailbox.messages().isEmpty)
    }

    @Test("the management account as target is denied with the standalone-context reason")
    func managementAccountTarget() async throws {
        let fixture = try Fixture()
        let management = try await fixture.managementAccountID()
        for caller in ["admin", "delegated-admin"] {
            let error = await failure { try await fixture.backend(caller).getPrimaryEmail(management) }
            try expectDenied(error, fixture, caller: caller, operation: "GetPrimaryEmail", reason: AWSMessages.managementAccountReason)
        }
    }

    @Test("the checks come in AWS's order: IAM action, organization, caller's account, target")
    func orderOfChecks() async throws {
        let fixture = try Fixture()
        let management = try await fixture.managementAccountID()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        try fixture.organization.setFeatureSet(.consolidatedBilling)
        try fixture.organization.setTrustedAccess(false)
        // IAM decides first: the auditor lacks the action whatever the organization.
        try expectDenied(await failure { try await fixture.backend("auditor").startPrimaryEmailUpdate(zurich.id, to: try email("o@northwind.example")) },
                         fixture, caller: "auditor", operation: "StartPrimaryEmailUpdate", reason: nil)
        // Then the feature set, before trusted access.
        try expectDenied(await failure { try await fixture.backend("member-user").getPrimaryEmail(management) },
                         fixture, caller: "member-user", operation: "GetPrimaryEmail", reason: AWSMessages.allFeaturesReason)
        try fixture.organization.setFeatureSet(.all)
        // Then trusted access, before where the caller stands.
        try expectDenied(await failure { try await fixture.backend("member-user").getPrimaryEmail(management) },
                         fixture, caller: "member-user", operation: "GetPrimaryEmail", reason: AWSMessages.trustedAccessReason)
        try fixture.organization.setTrustedAccess(true)
        // Then the caller's account, before the target.
        try expectDenied(await failure { try await fixture.backend("member-user").getPrimaryEmail(management) },
                         fixture, caller: "member-user", operation: "GetPrimaryEmail", reason: nil)
    }

    @Test("the delegated administrator's rights follow its registration")
    func delegatedAdministratorRegistration() async throws {
        let fixture = try Fixture()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        try fixture.organization.deregisterDelegatedAdministrator()
        #expect(try fixture.backend("delegated-admin").caller().role == .memberAccount)
        try expectDenied(await failure { try await fixture.backend("delegated-admin").getPrimaryEmail(zurich.id) },
                         fixture, caller: "delegated-admin", operation: "GetPrimaryEmail", reason: nil)

        let memberAccount = try fixture.backend("member-user").caller().accountID
        try fixture.organization.registerDelegatedAdministrator(memberAccount)
        #expect(try await fixture.backend("member-user").callerIdentity().role == .delegatedAdministrator)
        #expect(try await fixture.backend("member-user").getPrimaryEmail(zurich.id).rawValue == zurich.email)
    }

    @Test("an account outside the organization is not found")
    func accountOutsideOrganization() async throws {
        let fixture = try Fixture()
        let stranger = try AccountID("000000000001")
        let error = await failure { try await fixture.backend().getPrimaryEmail(stranger) }
        #expect(error == .service(ServiceError(.resourceNotFound, AWSMessages.accountNotFound(stranger)), operation: "GetPrimaryEmail"))
        let start = await failure { try await fixture.backend().startPrimaryEmailUpdate(stranger, to: try email("s@northwind.example")) }
        #expect(start?.serviceError?.type == .resourceNotFound)
        #expect(try fixture.organization.mailbox.messages().isEmpty)
    }
}
