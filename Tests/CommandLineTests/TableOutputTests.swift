import Foundation
import Testing

/// `--output table` against the AWS CLI's own table formatter (Oracle/aws_table.py runs
/// awscli's TableFormatter on the same answer and --query): nested objects and lists are
/// sections of their own, never JSON in a cell, byte for byte as `aws` prints them.
@Suite(.tags(.subprocess)) struct TableOutputTests {
    static let oracle = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Oracle/aws_table.py").path

    struct Case {
        let title: String
        let command: [String]
        var query: String? = nil
        var terminalWidths = false
    }

    /// The AWS CLI's tables of the answers rootmail gives in JSON for the same commands.
    private func awsTables(_ cases: [Case], _ rootmail: RootmailProcess) throws -> [String] {
        let input = try cases.map { item -> [String: Any] in
            let json = try rootmail.run(item.command + ["--output", "json"])
            try #require(json.status == 0, "\(item.command): \(json.stderr)")
            var fields: [String: Any] = ["title": item.title, "document": try JSONSerialization.jsonObject(with: Data(json.stdout.utf8))]
            fields["query"] = item.query
            fields["terminalWidths"] = item.terminalWidths
            return fields
        }
        let result = try Subprocess.run(["python3", Self.oracle], input: try JSONSerialization.data(withJSONObject: input))
        try #require(result.status == 0, "aws_table.py failed (\(result.status)): \(result.stderr); pip install awscli")
        return try #require(try JSONSerialization.jsonObject(with: result.output) as? [String])
    }

    @Test("nested answers and queries give the AWS CLI's table, line for line")
    func sameAsTheAWSCLI() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let account = "279784988956"
        // Names of plain ASCII and a wide emoji: where the AWS CLI and the terminal agree on widths.
        let plain = "Accounts[?Id != '919969767804' && Id != '832483861099' && Id != '746212144728' && Id != '494265006977' && Id != '490877137293' && Id != '438163827664']"
        let cases = [
            Case(title: "DescribeAccount", command: ["describe-account", "--account-id", account]),
            Case(title: "ListAccounts", command: ["list-accounts", "--max-items", "3"]),
            Case(title: "ListAccounts", command: ["list-accounts", "--max-items", "1"]),
            Case(title: "ListAccounts", command: ["list-accounts"], query: "{Plain: \(plain), Count: length(Accounts)}"),
            Case(title: "ListAccounts", command: ["list-accounts"], query: "\(plain)[].[Id, Name]"),
            Case(title: "ListAccounts", command: ["list-accounts"],
                 query: "{First: Accounts[0], Ids: Accounts[:3].Id, Deeper: {Pairs: Accounts[:2].[Id, Status], One: Accounts[1]}}"),
            Case(title: "ListAccounts", command: ["list-accounts"], query: "Accounts[0].Id"),
            Case(title: "ListAccounts", command: ["list-accounts"], query: "Accounts[?Name == 'nobody']"),
            Case(title: "GetPrimaryEmail", command: ["get-primary-email", "--account-id", account]),
        ]
        let expected = try awsTables(cases, rootmail)
        for (item, theirs) in zip(cases, expected) {
            let arguments = item.command + ["--output", "table"] + (item.query.map { ["--query", $0] } ?? [])
            let ours = try rootmail.run(arguments)
            try #require(ours.status == 0, "\(arguments): \(ours.stderr)")
            #expect(ours.stdout == theirs, "\(arguments.joined(separator: " ")):\nrootmail:\n\(ours.stdout)\naws:\n\(theirs)")
            #expect(!ours.stdout.contains("{") && !ours.stdout.contains("\"Id\""), "JSON in a cell: \(ours.stdout)")
        }
    }

    @Test("accented names keep the columns aligned in the terminal, where the AWS CLI counts them as two cells")
    func accentedNamesStayAligned() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let item = Case(title: "ListAccounts", command: ["list-accounts"], query: "Accounts[].[Id, Name]", terminalWidths: true)
        let theirs = try #require(try awsTables([item], rootmail).first)
        let ours = try rootmail.run(item.command + ["--output", "table", "--query", item.query ?? ""])
        #expect(ours.stdout.contains("Zürich Analytics") && ours.stdout.contains("東京 Sandbox"))
        #expect(ours.stdout == theirs, "rootmail:\n\(ours.stdout)\naws, measuring as the terminal does:\n\(theirs)")
    }
}
