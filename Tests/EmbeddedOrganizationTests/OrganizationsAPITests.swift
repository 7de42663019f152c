import Foundation
import RootmailCore
import Testing
import EmbeddedOrganization

/// The Organizations operations the AWS-compatible endpoint serves.
@Suite("Organizations", .tags(.inProcess))
struct OrganizationsAPITests {
    @Test("roots, OUs and parents describe the tree")
    func tree() async throws {
        let fixture = try Fixture()
        let backend = try fixture.backend()
        let organization = try await backend.describeOrganization()
        let roots = try await backend.listRoots()
        try #require(roots.count == 1)
        let root = roots[0]
        #expect(root.name == "Root")
        #expect(root.arn == "arn:aws:organizations::\(organization.managementAccountID):root/\(organization.id)/\(root.id)")

        let topLevel = try await backend.listOrganizationalUnits(forParent: root.id)
        #expect(topLevel.map(\.name) == ["Security", "Infrastructure", "Workloads", "Data", "Suspended", "Onboarding", "Policy Staging"])
        let workloads = try #require(topLevel.first { $0.name == "Workloads" })
        #expect(try await backend.listOrganizationalUnits(forParent: workloads.id).map(\.name) == ["Production", "Staging", "Development"])
        #expect(try await backend.describeOrganizationalUnit(workloads.id) == workloads)
        #expect(workloads.arn == "arn:aws:organizations::\(organization.managementAccountID):ou/\(organization.id)/\(workloads.id)")

        let zurich = try await fixture.account(named: "Zürich Analytics")
        let parents = try await backend.listParents(ofChild: zurich.id.rawValue)
        #expect(parents.map(\.name) == ["Production"])
        #expect(parents.first?.kind == .organizationalUnit)
        #expect(try await backend.listParents(ofChild: workloads.id) == [ParentUnit(id: root.id, name: "Root", kind: .root)])
        #expect(try await backend.listParents(ofChild: organization.managementAccountID.rawValue).first?.kind == .root)
    }

    @Test("unknown ids answer Organizations' not-found errors")
    func notFound() async throws {
        let fixture = try Fixture()
        let backend = try fixture.backend()
        let root = try #require(try await backend.listRoots().first)
        #expect(await failure { try await backend.listOrganizationalUnits(forParent: "ou-none-00000000") }?.serviceError?.type == .parentNotFound)
        #expect(await failure { try await backend.describeOrganizationalUnit(root.id) }?.serviceError?.type == .organizationalUnitNotFound)
        #expect(await failure { try await backend.listParents(ofChild: root.id) }?.serviceError?.type == .childNotFound)
        #expect(await failure { try await backend.listTagsForResource("000000000003") }?.serviceError?.type == .targetNotFound)
        let describe = await failure { try await backend.describeAccount(try AccountID("000000000003")) }
        #expect(describe == .service(ServiceError(.accountNotFound, AWSMessages.Organizations.accountNotFound), operation: "DescribeAccount"))
    }

    @Test("tags of accounts and OUs are listed by key")
    func tags() async throws {
        let fixture = try Fixture()
        let backend = try fixture.backend()
        let management = try await fixture.managementAccountID()
        #expect(try await backend.listTagsForResource(management.rawValue)
            == [ResourceTag(key: "CostCenter", value: "0001"), ResourceTag(key: "Owner", value: "cloud-platform")])
        let root = try #require(try await backend.listRoots().first)
        #expect(try await backend.listTagsForResource(root.id).isEmpty)
    }

    @Test("service access is listed, and the administrator can disable and enable it")
    func serviceAccess() async throws {
        let fixture = try Fixture()
        let admin = try fixture.backend("admin")
        #expect(try await admin.listAWSServiceAccess().map(\.servicePrincipal) == ["account.amazonaws.com", "sso.amazonaws.com"])
        try await admin.disableAWSServiceAccess("account.amazonaws.com")
        #expect(try fixture.organization.settings().trustedAccess == false)
        try await admin.enableAWSServiceAccess("account.amazonaws.com")
        #expect(try fixture.organization.settings().trustedAccess)
        let refused = await failure { try await admin.enableAWSServiceAccess("not a principal") }?.serviceError
        #expect(refused?.type == .invalidInput && refused?.reason == "INVALID_PATTERN", "Organizations has no ValidationException")
        #expect(refused?.message.contains("'ServicePrincipal'") == true, "\(String(describing: refused))")
    }

    @Test("only a management-account caller allowed to change Organizations may change it")
    func changesNeedTheAdministrator() async throws {
        let fixture = try Fixture()
        for caller in ["auditor", "delegated-admin", "member-user"] {
            let error = await failure { try await fixture.backend(caller).disableAWSServiceAccess("account.amazonaws.com") }
            #expect(error == .service(ServiceError(.accessDenied, AWSMessages.Organizations.accessDenied), operation: "DisableAWSServiceAccess"))
        }
        #expect(try fixture.organization.settings().trustedAccess)
    }

    @Test("a member account may not list or describe the organization's accounts, as AWS answers it")
    func membersAreDeniedTheOrganization() async throws {
        let fixture = try Fixture()
        let member = try fixture.backend("member-user")
        let zurich = try await fixture.account(named: "Zürich Analytics")
        func denied(_ operation: String) -> RootmailError {
            .service(ServiceError(.accessDenied, AWSMessages.Organizations.accessDenied), operation: operation)
        }
        #expect(await failure { try await member.listAccounts(nextToken: nil, maxResults: 20) } == denied("ListAccounts"))
        #expect(await failure { try await member.describeAccount(zurich.id) } == denied("DescribeAccount"))
        #expect(await failure { try await member.listParents(ofChild: zurich.id.rawValue) } == denied("ListParents"))
        for caller in ["admin", "auditor", "delegated-admin"] {
            #expect(try await fixture.backend(caller).describeAccount(zurich.id).account.id == zurich.id)
        }
    }

    @Test("delegated administrators are registered and deregistered with Organizations' rules")
    func delegatedAdministrators() async throws {
        let fixture = try Fixture()
        let admin = try fixture.backend("admin")
        let service = ServicePrincipal.accountManagement
        let current = try await admin.listDelegatedAdministrators(servicePrincipal: service)
        #expect(current.map(\.account.name) == ["Shared Services"])
        let shared = current[0].account.id
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let management = try await fixture.managementAccountID()

        let again = await failure { try await admin.registerDelegatedAdministrator(shared, servicePrincipal: service) }
        #expect(again?.serviceError?.type == .accountAlreadyRegistered)
        let second = await failure { try await admin.registerDelegatedAdministrator(zurich.id, servicePrincipal: service) }
        #expect(second?.serviceError?.type == .constraintViolation)
        let managementError = await failure { try await admin.registerDelegatedAdministrator(management, servicePrincipal: service) }
        #expect(managementError?.serviceError?.reason == AWSMessages.Organizations.cannotRegisterManagementAccountReason)

        try await admin.deregisterDelegatedAdministrator(shared, servicePrincipal: service)
        #expect(try await admin.listDelegatedAdministrators(servicePrincipal: nil).isEmpty)
        let notRegistered = await failure { try await admin.deregisterDelegatedAdministrator(shared, servicePrincipal: service) }
        #expect(notRegistered?.serviceError?.type == .accountNotRegistered)
        try await admin.registerDelegatedAdministrator(zurich.id, servicePrincipal: service)
        #expect(try fixture.organization.settings().delegatedAdministrator == zurich.id)
    }

    @Test("the caller's identity tells role and permissions")
    func callerIdentity() async throws {
        let fixture = try Fixture()
        let auditor = try await fixture.backend("auditor").callerIdentity()
        #expect(auditor.role == .managementAccount)
        #expect(auditor.mayPerform(.getPrimaryEmail))
        #expect(!auditor.mayPerform(.startPrimaryEmailUpdate))
        #expect(try await fixture.backend("member-user").callerIdentity().role == .memberAccount)
        let description = try fixture.backend().backendDescription
        #expect(description.kind == "embedded")
        #expect(description.location == fixture.directory.path)
        // A member's console must not be shown the list an administrator's listing cached.
        #expect(try fixture.backend("member-user").backendDescription.identity != description.identity)
        #expect(try fixture.backend("admin").backendDescription.identity == description.identity)
    }
}
