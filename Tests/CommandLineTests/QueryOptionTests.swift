import Foundation
import Testing

/// `--query` as the AWS CLI applies it: to the whole answer, before --output formats it, and a
/// malformed expression refused before anything is called.
@Suite(.tags(.subprocess)) struct QueryOptionTests {
    @Test func queryFiltersAndProjectsTheWholeAnswer() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let accounts = try rootmail.run("list-accounts").json["Accounts"] as? [[String: Any]] ?? []
        let active = accounts.filter { $0["Status"] as? String == "ACTIVE" }.compactMap { $0["Id"] as? String }
        #expect(!active.isEmpty && active.count < accounts.count)

        let selected = try rootmail.run("list-accounts", "--query", "Accounts[?Status=='ACTIVE'].Id")
        #expect(selected.status == 0, "\(selected.stderr)")
        let ids = try JSONSerialization.jsonObject(with: Data(selected.stdout.utf8)) as? [String]
        #expect(ids == active)

        let count = try rootmail.run("--query", "length(Accounts)", "list-accounts", "--output", "text")
        #expect(count.stdout == "\(accounts.count)\n")

        let text = try rootmail.run("list-accounts", "--query", "Accounts[:2].[Id, Name]", "--output", "text")
        let expected = accounts.prefix(2).map { "\($0["Id"] as! String)\t\($0["Name"] as! String)" }
        #expect(text.stdout.split(separator: "\n").map(String.init) == expected)
    }

    @Test func aMalformedQueryIsRefusedBeforeAnyCallWithItsColumn() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        // Nothing listens there: were the call made, it would fail as a transport error (255).
        let result = try rootmail.run("list-accounts", "--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1",
                                      "--query", "Accounts[=")
        #expect(result.status == 252)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Bad value for --query Accounts[=: Bad jmespath expression: Unknown token '='"),
                "\(result.stderr)")
        #expect(result.stderr.contains("Accounts[=\n         ^"), "\(result.stderr)")
    }

    @Test func aQueryThatFailsOnTheAnswerIsReportedWithJMESPathsWords() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let result = try rootmail.run("list-accounts", "--query", "length(`1`)")
        #expect(result.status == 255)
        #expect(result.stderr.contains("In function length(), invalid type for value: number"), "\(result.stderr)")
    }
}
