import Foundation
import Testing

/// `list-accounts`' paging options against the real AWS CLI (awscli from PyPI) on the same
/// `rootmail serve`: the same accounts, and the same NextToken, so that a listing begun with
/// one tool can be resumed with the other.
@Suite struct PaginationTests {
    struct Listing: Equatable, CustomStringConvertible {
        let ids: [String]
        let nextToken: String?
        var description: String { "\(ids.count) accounts from \(ids.first ?? "-"), NextToken \(nextToken ?? "none")" }
    }

    final class Tools {
        var rootmail: RootmailProcess
        let server: LiveBackendTests.Server

        init() throws {
            rootmail = try RootmailProcess()
            server = try LiveBackendTests.Server(rootmail)
            let keys = try LiveBackendTests.keys(rootmail)
            rootmail.extraEnvironment = ["AWS_ACCESS_KEY_ID": keys.id, "AWS_SECRET_ACCESS_KEY": keys.secret,
                                         "AWS_DEFAULT_REGION": "us-east-1", "AWS_PAGER": ""]
        }

        deinit {
            server.stop()
            rootmail.remove()
        }

        func listing(_ result: RootmailProcess.Result) -> Listing {
            let accounts = result.json["Accounts"] as? [[String: Any]] ?? []
            return Listing(ids: accounts.compactMap { $0["Id"] as? String }, nextToken: result.json["NextToken"] as? String)
        }

        func rootmailListing(_ options: [String]) throws -> Listing {
            let result = try rootmail.run(["list-accounts", "--endpoint-url", server.url] + options)
            #expect(result.status == 0, "\(result.stderr)")
            return listing(result)
        }

        func awsListing(_ options: [String]) throws -> Listing {
            let result = try rootmail.run(["aws", "--endpoint-url", server.url, "--output", "json", "organizations",
                                           "list-accounts"] + options, executable: "/usr/bin/env")
            #expect(result.status == 0, "\(result.stderr) (pip install awscli)")
            return listing(result)
        }
    }

    @Test(arguments: [
        [], ["--page-size", "3"], ["--max-items", "7", "--page-size", "3"], ["--max-items", "6", "--page-size", "3"],
        ["--max-items", "2"], ["--max-items", "20"], ["--max-items", "41"], ["--max-items", "100"], ["--no-paginate"],
    ])
    func theSameAccountsAndNextTokenAsTheAWSCLI(_ options: [String]) throws {
        let tools = try Tools()
        let ours = try tools.rootmailListing(options)
        let theirs = try tools.awsListing(options)
        #expect(ours == theirs)
        #expect(!ours.ids.isEmpty)
    }

    @Test func aListingBegunWithOneToolIsResumedWithTheOther() throws {
        let tools = try Tools()
        let all = try tools.rootmailListing([]).ids
        #expect(all.count == 41)

        // Cut inside a page (7 of pages of 3), then at a page's end, then by the service's own token.
        let first = try tools.rootmailListing(["--max-items", "7", "--page-size", "3"])
        let token = try #require(first.nextToken)
        let second = try tools.awsListing(["--starting-token", token, "--max-items", "5", "--page-size", "3"])
        let secondToken = try #require(second.nextToken)
        let third = try tools.rootmailListing(["--starting-token", secondToken])
        #expect(first.ids + second.ids + third.ids == all)
        #expect(third.nextToken == nil)
        #expect(try tools.awsListing(["--starting-token", secondToken]) == third)

        let page = try tools.rootmailListing(["--no-paginate"])
        let rest = try tools.rootmailListing(["--starting-token", try #require(page.nextToken)])
        #expect(page.ids + rest.ids == all)
        #expect(try tools.awsListing(["--starting-token", try #require(page.nextToken)]) == rest)
    }

    @Test func badPagingOptionsAreRefusedBeforeAnyCall() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        // Nothing listens there: a call would end as a transport error.
        let unreachable = ["--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1"]
        let both = try rootmail.run(["list-accounts", "--no-paginate", "--page-size", "5", "--max-items", "3"] + unreachable)
        #expect(both.status == 255)
        #expect(both.stderr.contains(
            "Cannot specify --no-paginate along with pagination arguments: --page-size, --max-items"), "\(both.stderr)")
        let none = try rootmail.run(["list-accounts", "--max-items", "0"] + unreachable)
        #expect(none.status == 252)
        #expect(none.stderr.contains("--max-items is 0; give 1 or more"), "\(none.stderr)")
        #expect(none.stdout.isEmpty)
    }

    @Test func aTokenTheServiceDoesNotKnowIsItsError() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let result = try rootmail.run("list-accounts", "--starting-token", "garbage")
        #expect(result.status == 254, "\(result.stderr)")
        #expect(result.stderr.contains("InvalidInputException") && result.stderr.contains("nextToken"), "\(result.stderr)")
    }

    @Test func theEmbeddedOrganizationPagesAsServeDoes() throws {
        let tools = try Tools()
        let embedded = try tools.rootmail.run("list-accounts", "--max-items", "7", "--page-size", "3", "--backend", "embedded")
        #expect(tools.listing(embedded) == (try tools.rootmailListing(["--max-items", "7", "--page-size", "3"])))
    }
}
