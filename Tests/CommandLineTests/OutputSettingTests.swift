import Foundation
import Testing

/// The output format chosen as the AWS CLI chooses it: --output, else AWS_DEFAULT_OUTPUT, else
/// the profile's `output`, else JSON.
@Suite(.tags(.subprocess)) struct OutputSettingTests {
    @Test func environmentAndProfileChooseTheFormatUnlessOutputIsGiven() throws {
        var rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        try FileManager.default.createDirectory(at: rootmail.home, withIntermediateDirectories: true)
        let config = rootmail.home.appendingPathComponent("aws-config")
        try "[default]\noutput = table\n\n[profile plain]\noutput = text\n".write(to: config, atomically: true, encoding: .utf8)
        rootmail.extraEnvironment["AWS_CONFIG_FILE"] = config.path
        let query = ["list-accounts", "--query", "length(Accounts)"]

        let table = try rootmail.run(query)
        // The AWS CLI's table of a lone number is its title alone.
        #expect(table.stdout.hasPrefix("---") && table.stdout.contains("|ListAccounts|"), "\(table.stdout)")
        #expect(Int(try rootmail.run(query + ["--output", "json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) != nil)

        rootmail.extraEnvironment["AWS_PROFILE"] = "plain"
        let text = try rootmail.run(query)
        #expect(Int(text.stdout.trimmingCharacters(in: .newlines)) != nil, "\(text.stdout)")

        rootmail.extraEnvironment["AWS_PROFILE"] = nil
        rootmail.extraEnvironment["AWS_DEFAULT_OUTPUT"] = "json"
        let json = try rootmail.run(["list-accounts"])
        #expect(json.stdout.hasPrefix("{"), "\(json.stdout.prefix(80))")

        rootmail.extraEnvironment["AWS_DEFAULT_OUTPUT"] = "yaml"
        let refused = try rootmail.run(["list-accounts"])
        #expect(refused.status == 253)
        #expect(refused.stderr.contains("AWS_DEFAULT_OUTPUT is \"yaml\"; it must be one of json, text, table."), "\(refused.stderr)")
    }
}
