import EmbeddedOrganization
import Foundation
import RootmailCore
import Testing

/// Account Management's primary-email operations through the real AWS CLI and boto3.
@Suite(.serialized, .tags(.socket, .subprocess))
struct PrimaryEmailTests {
    @Test func getPrimaryEmailThroughTheAWSCLI() async throws {
        try await RunningEndpoint.with { endpoint in
            let member = try await endpoint.memberAccount()
            let answer = try await AWSClients.awsJSON(
                ["account", "get-primary-email", "--account-id", member.id.rawValue], on: endpoint)
            #expect(answer["PrimaryEmail"] as? String == member.email)
        }
    }

    @Test func theWholeUpdateFlowThroughTheAWSCLI() async throws {
        try await RunningEndpoint.with { endpoint in
            let member = try await endpoint.memberAccount()
            let newEmail = "root+flow@northwind-new.example"
            let started = try await AWSClients.awsJSON(
                ["account", "start-primary-email-update", "--account-id", member.id.rawValue, "--primary-email", newEmail],
                on: endpoint)
            #expect(started["Status"] as? String == "PENDING")

            let code = try #require(try endpoint.organization.mailbox.latestCode(to: EmailAddress(newEmail)),
                                    "no verification mail for \(newEmail)")
            let accepted = try await AWSClients.awsJSON(
                ["account", "accept-primary-email-update", "--account-id", member.id.rawValue,
                 "--primary-email", newEmail, "--otp", code.secret], on: endpoint)
            #expect(accepted["Status"] as? String == "ACCEPTED")

            let read = try await AWSClients.awsJSON(
                ["account", "get-primary-email", "--account-id", member.id.rawValue], on: endpoint)
            #expect(read["PrimaryEmail"] as? String == newEmail)
            // The data directory itself holds the change, as the console and command line see it.
            let stored = try await endpoint.organization.backend().getPrimaryEmail(member.id)
            #expect(stored.rawValue == newEmail)
        }
    }
}

extension EndpointUnderTest {
    /// An active member account, with the email the embedded organization has for it.
    func memberAccount(skipping: Int = 0) async throws -> Account {
        let organization = try await self.organization.backend().describeOrganization()
        var accounts: [Account] = []
        var token: String?
        repeat {
            let page = try await self.organization.backend().listAccounts(nextToken: token, maxResults: 20)
            accounts += page.accounts
            token = page.nextToken
        } while token != nil
        let members = accounts.filter { $0.id != organization.managementAccountID && $0.state == .active }
        return try #require(members.dropFirst(skipping).first, "the demo organization has no active member account")
    }
}
