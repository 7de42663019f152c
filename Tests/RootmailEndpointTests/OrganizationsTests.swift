import EmbeddedOrganization
import Foundation
import RootmailCore
import Testing

/// AWS Organizations through the real AWS CLI (and boto3 where exact values matter), compared
/// with what the embedded organization itself holds.
@Suite(.serialized, .tags(.socket, .subprocess))
struct OrganizationsTests {
    @Test func readsThroughTheAWSCLI() async throws {
        try await RunningEndpoint.with { endpoint in
            let backend = try endpoint.organization.backend()
            let organization = try await backend.describeOrganization()

            let described = try await AWSClients.awsJSON(["organizations", "describe-organization"], on: endpoint)
            let shown = try #require(described["Organization"] as? [String: Any])
            #expect(shown["Id"] as? String == organization.id)
            #expect(shown["Arn"] as? String == organization.arn)
            #expect(shown["FeatureSet"] as? String == "ALL")
            #expect(shown["MasterAccountId"] as? String == organization.managementAccountID.rawValue)
            #expect(shown["MasterAccountEmail"] as? String == organization.managementAccountEmail)

            let root = try #require(try await backend.listRoots().first)
            let roots = try await AWSClients.awsJSON(["organizations", "list-roots"], on: endpoint)
            #expect((roots["Roots"] as? [[String: Any]])?.map { $0["Id"] as? String } == [root.id])

            let units = try await backend.listOrganizationalUnits(forParent: root.id)
            let listedUnits = try await AWSClients.awsJSON(
                ["organizations", "list-organizational-units-for-parent", "--parent-id", root.id], on: endpoint)
            #expect((listedUnits["OrganizationalUnits"] as? [[String: Any]])?.compactMap { $0["Name"] as? String }
                == units.map(\.name))

            let unit = try #require(units.first)
            let describedUnit = try await AWSClients.awsJSON(
                ["organizations", "describe-organizational-unit", "--organizational-unit-id", unit.id], on: endpoint)
            #expect((describedUnit["OrganizationalUnit"] as? [String: Any])?["Arn"] as? String == unit.arn)

            let member = try await endpoint.memberAccount()
            let details = try await backend.describeAccount(member.id)
            let parents = try await AWSClients.awsJSON(["organizations", "list-parents", "--child-id", member.id.rawValue],
                                                       on: endpoint)
            let parent = try #require((parents["Parents"] as? [[String: Any]])?.first)
            #expect(parent["Id"] as? String == details.parentPath.last?.id)
            #expect(parent["Type"] as? String == details.parentPath.last?.kind.rawValue)

            let account = try await AWSClients.awsJSON(["organizations", "describe-account", "--account-id", member.id.rawValue],
                                                       on: endpoint)
            let shownAccount = try #require(account["Account"] as? [String: Any])
            #expect(shownAccount["Email"] as? String == member.email)
            #expect(shownAccount["Name"] as? String == member.name)
            #expect(shownAccount["State"] as? String == "ACTIVE")
            #expect(shownAccount["Status"] as? String == "ACTIVE")
            // AWS CLI v1 prints timestamps as they came over the wire: seconds since 1970.
            #expect(shownAccount["JoinedTimestamp"] as? Double == member.joinedAt.timeIntervalSince1970)
            let path = ([organization.id] + details.parentPath.map(\.id) + [member.id.rawValue]).joined(separator: "/") + "/"
            #expect(shownAccount["Paths"] as? [String] == [path])

            let access = try await AWSClients.awsJSON(["organizations", "list-aws-service-access-for-organization"], on: endpoint)
            #expect((access["EnabledServicePrincipals"] as? [[String: Any]])?.compactMap { $0["ServicePrincipal"] as? String }
                == (try await backend.listAWSServiceAccess()).map(\.servicePrincipal))

            let delegated = try await backend.listDelegatedAdministrators(servicePrincipal: nil)
            let listedDelegated = try await AWSClients.awsJSON(["organizations", "list-delegated-administrators"], on: endpoint)
            #expect((listedDelegated["DelegatedAdministrators"] as? [[String: Any]])?.compactMap { $0["Id"] as? String }
                == delegated.map(\.account.id.rawValue))

            let managementTags = try await backend.listTagsForResource(organization.managementAccountID.rawValue)
            #expect(!managementTags.isEmpty)
            let tags = try await AWSClients.awsJSON(
                ["organizations", "list-tags-for-resource", "--resource-id", organization.managementAccountID.rawValue],
                on: endpoint)
            #expect((tags["Tags"] as? [[String: Any]])?.compactMap { $0["Key"] as? String } == managementTags.map(\.key))
        }
    }

    @Test func timestampsAreEpochSecondsThatBotocoreReads() async throws {
        try await RunningEndpoint.with { endpoint in
            let member = try await endpoint.memberAccount()
            let outcome = try await AWSClients.boto3(.api("organizations", "describe_account", ["AccountId": member.id.rawValue]),
                                                     on: endpoint)
            let account = try #require(outcome.response["Account"] as? [String: Any], "\(outcome.summary)")
            #expect(account["JoinedTimestamp"] as? Double == member.joinedAt.timeIntervalSince1970)
        }
    }

    @Test func listAccountsPagesOverMoreThanTwentyAccounts() async throws {
        try await RunningEndpoint.with { endpoint in
            let total = try endpoint.organization.settings().accountCount
            try #require(total > 20, "the demo organization should have more than one page of accounts")

            // The CLI follows NextToken by itself, page after page.
            let all = try await AWSClients.awsJSON(["organizations", "list-accounts"], on: endpoint)
            let ids = (all["Accounts"] as? [[String: Any]] ?? []).compactMap { $0["Id"] as? String }
            #expect(ids.count == total)
            #expect(Set(ids).count == total)

            let small = try await AWSClients.awsJSON(["organizations", "list-accounts", "--page-size", "7"], on: endpoint)
            #expect(Set((small["Accounts"] as? [[String: Any]] ?? []).compactMap { $0["Id"] as? String }) == Set(ids))

            let outcomes = try await AWSClients.boto3([
                .api("organizations", "list_accounts", ["MaxResults": 20]),
                .paginate("organizations", "list_accounts"),
            ], on: endpoint)
            let firstPage = outcomes[0].response
            #expect((firstPage["Accounts"] as? [Any])?.count == 20)
            #expect(firstPage["NextToken"] is String)
            #expect(outcomes[1].pages.count == (total + 19) / 20)
            #expect(outcomes[1].pages.flatMap { ($0["Accounts"] as? [[String: Any]] ?? []).compactMap { $0["Id"] as? String } } == ids)
        }
    }

    @Test func trustedAccessAndDelegatedAdministratorChangesThroughTheAWSCLI() async throws {
        try await RunningEndpoint.with { endpoint in
            let member = try await endpoint.memberAccount()
            let principal = "account.amazonaws.com"
            _ = try await AWSClients.awsJSON(
                ["organizations", "disable-aws-service-access", "--service-principal", principal], on: endpoint)
            let refused = try await AWSClients.aws(["account", "get-primary-email", "--account-id", member.id.rawValue],
                                                   on: endpoint)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("AccessDeniedException"))
            #expect(refused.stderr.contains(AWSMessages.trustedAccessReason))
            _ = try await AWSClients.awsJSON(
                ["organizations", "enable-aws-service-access", "--service-principal", principal], on: endpoint)
            _ = try await AWSClients.awsJSON(["account", "get-primary-email", "--account-id", member.id.rawValue], on: endpoint)

            let delegate = try endpoint.caller("delegated-admin")
            _ = try await AWSClients.awsJSON(["organizations", "deregister-delegated-administrator", "--account-id",
                                              delegate.accountID.rawValue, "--service-principal", principal], on: endpoint)
            let listed = try await AWSClients.awsJSON(["organizations", "list-delegated-administrators",
                                                       "--service-principal", principal], on: endpoint)
            #expect((listed["DelegatedAdministrators"] as? [Any])?.isEmpty == true)
            let delegateRefused = try await AWSClients.aws(
                ["account", "get-primary-email", "--account-id", member.id.rawValue], on: endpoint, as: "delegated-admin")
            #expect(delegateRefused.stderr.contains("AccessDeniedException"))

            _ = try await AWSClients.awsJSON(["organizations", "register-delegated-administrator", "--account-id",
                                              delegate.accountID.rawValue, "--service-principal", principal], on: endpoint)
            let allowed = try await AWSClients.awsJSON(["account", "get-primary-email", "--account-id", member.id.rawValue],
                                                       on: endpoint, as: "delegated-admin")
            #expect(allowed["PrimaryEmail"] as? String == member.email)
        }
    }

    @Test func getCallerIdentityNamesEachCaller() async throws {
        try await RunningEndpoint.with { endpoint in
            for caller in try endpoint.organization.callers() {
                let identity = try await AWSClients.awsJSON(["sts", "get-caller-identity"], on: endpoint, as: caller.name)
                #expect(identity["Arn"] as? String == caller.arn)
                #expect(identity["Account"] as? String == caller.accountID.rawValue)
                #expect(identity["UserId"] as? String == caller.userID)
            }
        }
    }
}
