import Foundation
import Testing
@testable import RootmailCore

/// "Can this caller take this step for this account, and why not", decided once in Core.
@Suite(.tags(.unit)) struct UpdateRefusalTests {
    private static let management = try! AccountID("111111111111")
    private static let member = try! AccountID("222222222222")

    private func session(featureSet: FeatureSet = .all, role: CallerRole = .managementAccount,
                         permissions: Set<Permission>? = Set(Permission.allCases)) -> EmailUpdateService.Session {
        EmailUpdateService.Session(
            organization: Organization(id: "o-a1b2c3d4e5", arn: "arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5",
                                       featureSet: featureSet, managementAccountID: Self.management,
                                       managementAccountARN: "arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/111111111111",
                                       managementAccountEmail: "root@example.com"),
            caller: CallerIdentity(accountID: Self.management, arn: "arn:aws:iam::111111111111:user/admin", userID: "AIDA",
                                   role: role, permissions: permissions))
    }

    @Test func anAdminMayStartAndAcceptForAnActiveMemberAccount() {
        let admin = session()
        #expect(!admin.isReadOnly)
        for state in [AccountState.active, .pendingActivation, .pendingClosure, nil] {
            #expect(admin.refusal(.start, for: Self.member, state: state) == nil)
        }
        #expect(admin.refusal(.accept, for: Self.member, state: .active) == nil)
    }

    @Test(arguments: [AccountState.closed, .suspended])
    func noUpdateStartsForAClosedOrSuspendedAccount(state: AccountState) {
        #expect(session().refusal(.start, for: Self.member, state: state) == .accountNotOpen(state))
        // An update started before the account was closed can still be answered with its code.
        #expect(session().refusal(.accept, for: Self.member, state: state) == nil)
    }

    @Test func theOrganizationAndTheCallerComeBeforeTheAccount() {
        #expect(session(featureSet: .consolidatedBilling).refusal(.start, for: Self.member, state: .closed)
            == .consolidatedBillingOnly)
        #expect(session(role: .memberAccount).refusal(.start, for: Self.member, state: .active) == .callerInMemberAccount)
        #expect(session().refusal(.start, for: Self.management, state: .active) == .managementAccount)
        #expect(session(permissions: [.getPrimaryEmail]).refusal(.start, for: Self.member, state: .closed)
            == .lacksPermission(.startPrimaryEmailUpdate))
        #expect(session(permissions: [.startPrimaryEmailUpdate]).refusal(.accept, for: Self.member, state: .active)
            == .lacksPermission(.acceptPrimaryEmailUpdate))
    }

    @Test func aSessionIsReadOnlyWhenItCanStartNoUpdate() {
        #expect(session(permissions: [.getPrimaryEmail]).isReadOnly)
        #expect(session(role: .memberAccount).isReadOnly)
        #expect(session(featureSet: .consolidatedBilling).isReadOnly)
        // Unknown permissions (live AWS does not list them): not read-only until AWS refuses.
        #expect(!session(permissions: nil).isReadOnly)
        #expect(!session(role: .delegatedAdministrator).isReadOnly)
    }
}
