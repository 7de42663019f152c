import Foundation
import RootmailCore
import Testing
import EmbeddedOrganization

@Suite("Listing accounts page by page", .tags(.inProcess))
struct PagingTests {
    @Test("pages over 45+ accounts return each account exactly once, the management account included")
    func pagesWithoutDuplicates() async throws {
        let fixture = try Fixture()
        for index in 1...6 {
            try fixture.organization.addAccount(name: "Paging \(index)", email: try email("paging-\(index)@northwind.example"))
        }
        let management = try await fixture.managementAccountID()
        for pageSize in [1, 7, 20] {
            let accounts = try await fixture.allAccounts(pageSize: pageSize)
            #expect(accounts.count == 47)
            #expect(Set(accounts.map(\.id)).count == 47)
            #expect(accounts.contains { $0.id == management })
        }
        let first = try await fixture.backend().listAccounts(nextToken: nil, maxResults: 20)
        #expect(first.accounts.count == 20)
        #expect(first.nextToken != nil)
    }

    @Test("the last page has no token")
    func lastPage() async throws {
        let fixture = try Fixture()
        let backend = try fixture.backend()
        var page = try await backend.listAccounts(nextToken: nil, maxResults: 20)
        page = try await backend.listAccounts(nextToken: page.nextToken, maxResults: 20)
        #expect(page.nextToken != nil)
        page = try await backend.listAccounts(nextToken: page.nextToken, maxResults: 20)
        #expect(page.accounts.count == 1)
        #expect(page.nextToken == nil)
    }

    @Test("MaxResults must be 1 to 20: InvalidInputException with the model's Reason, naming the member")
    func maxResultsRange() async throws {
        let fixture = try Fixture()
        for (value, reason, sentence) in [(0, "MIN_VALUE_EXCEEDED", "smaller"), (21, "MAX_VALUE_EXCEEDED", "larger"),
                                          (-1, "MIN_VALUE_EXCEEDED", "smaller")] {
            let error = await failure { try await fixture.backend().listAccounts(nextToken: nil, maxResults: value) }
            #expect(error?.serviceError?.type == .invalidInput)
            #expect(error?.serviceError?.reason == reason)
            let message = error?.serviceError?.message ?? ""
            #expect(message.contains("has a \(sentence) value than allowed") && message.contains("'MaxResults'"), "\(message)")
        }
        #expect(AWSMessages.Organizations.invalidInput(member: "MaxResults", .aboveMaximum(20))
            == "You provided a numeric parameter that has a larger value than allowed. Value at 'MaxResults' failed to satisfy constraint: Member must have value less than or equal to 20")
    }

    @Test("a NextToken that no page gave is refused")
    func invalidToken() async throws {
        let fixture = try Fixture()
        for token in ["garbage", "", Data("rootmail-accounts-v1:12".utf8).base64EncodedString()] {
            let error = await failure { try await fixture.backend().listAccounts(nextToken: token, maxResults: 5) }
            #expect(error?.serviceError?.type == .invalidInput)
            #expect(error?.serviceError?.message == AWSMessages.Organizations.invalidNextToken)
        }
    }

    @Test("50,000 generated accounts page through completely", .tags(.scale))
    func generatedAccounts() async throws {
        let fixture = try Fixture()
        let total = try fixture.organization.generateAccounts(count: EmbeddedOrganization.maximumGeneratedAccounts)
        #expect(total == 50_041)
        let accounts = try await fixture.allAccounts()
        #expect(accounts.count == 50_041)
        #expect(Set(accounts.map(\.id)).count == 50_041)
        #expect(Set(accounts.map { $0.email.lowercased() }).count == 50_041)
        let generated = try #require(accounts.first { $0.name == "Generated Account 50000" })
        #expect(try await fixture.backend().describeAccount(generated.id).parentPathText == "Root / Generated")
    }
}
