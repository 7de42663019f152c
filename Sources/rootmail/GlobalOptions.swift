import ArgumentParser
import RootmailCore

extension OutputFormat: ExpressibleByArgument {}

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The embedded organization's principal to act as (see `rootmail sim callers`).",
        valueName: "name"))
    var caller: String?

    @Option(help: "How to print answers: json, text or table, as the AWS CLI's --output.")
    var output: OutputFormat = .json
}

/// Parses a value typed on the command line into a domain type, as a usage error when bad.
func parsed<T>(_ make: () throws(RootmailError) -> T) throws -> T {
    do { return try make() } catch { throw CommandFailure(error) }
}
