import ArgumentParser
import RootmailCore

/// What `--output` takes: the AWS CLI's formats, and CSV for the commands that print a report.
enum OutputChoice: String, ExpressibleByArgument, CaseIterable {
    case json, text, table, csv

    /// Nil for CSV, which only the report commands print.
    var format: OutputFormat? { OutputFormat(rawValue: rawValue) }
}

enum BackendChoice: String, ExpressibleByArgument, CaseIterable {
    case embedded, aws
}

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(help: "embedded (the demo organization, the default) or aws (a real organization).")
    var backend: BackendChoice?

    @Option(help: ArgumentHelp(
        "The embedded organization's principal to act as (see `rootmail sim callers`).",
        valueName: "name"))
    var caller: String?

    @Option(help: "The AWS CLI profile to use; selects the aws backend.")
    var profile: String?

    @Option(help: "The AWS region to call (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region).")
    var region: String?

    @Option(name: .customLong("endpoint-url"),
            help: "Send AWS requests to this URL (for example `rootmail serve`); selects the aws backend.")
    var endpointURL: String?

    @Option(help: "How to print answers: json, text or table, as the AWS CLI's --output; csv for migrate plan and status.")
    var output: OutputChoice?

    @Option(help: ArgumentHelp(
        "A JMESPath expression (jmespath.org) applied to the whole answer before it is printed, as the AWS CLI's --query.",
        valueName: "expression"))
    var query: String?

    @Flag(help: ArgumentHelp(
        "Write each AWS request and answer, the retries and the credentials' source to standard error, "
            + "as the AWS CLI's --debug; signatures, tokens, codes and secret keys are redacted."))
    var debug = false
}

