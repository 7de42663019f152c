import ArgumentParser
import RootmailCore
import RootmailEndpoint
import RootmailStore

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the embedded organization over AWS's own protocols, for the AWS CLI, boto3 and any SDK.",
        discussion: """
            Then, for example: eval "$(rootmail serve credentials)"; \
            aws --endpoint-url http://127.0.0.1:4599 --region us-east-1 account get-primary-email --account-id …
            """,
        subcommands: [ServeRun.self, ServeCredentials.self],
        defaultSubcommand: ServeRun.self
    )
}

struct ServeRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Listen for Account, Organizations and STS requests (the default).")

    @Option(help: "The address to listen on.") var host = EndpointServer.defaultHost
    @Option(help: "The port to listen on; 0 picks a free one and says which.") var port = EndpointServer.defaultPort
    @Option(help: "Seconds a connection may stay open without sending a complete request before it is closed.")
    var readTimeout: Double = Double(ConnectionLimits.defaultReadTimeout.components.seconds)
    @Option(help: ArgumentHelp(
        "Log each request to standard error: info (operation, caller, status, time) or debug (also method, path, "
            + "client and signing scope). Bodies, codes, signatures and tokens are never written.",
        valueName: "level"))
    var logLevel: ServeLogLevel?

    func run() async throws {
        try await EndpointServer.run(host: host, port: port, dataDirectory: DataDirectory.resolve(),
                                     connectionLimits: ConnectionLimits(readTimeout: .milliseconds(Int64((readTimeout * 1000).rounded()))),
                                     requestLog: logLevel.map { RequestLog(standardErrorLog("rootmail.serve", level: $0.level)) }
                                         ?? .silent)
    }
}

struct ServeCredentials: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credentials",
        abstract: "Print `export AWS_ACCESS_KEY_ID=…` lines for a principal of the embedded organization.")

    @Option(help: "The principal (see `rootmail sim callers`); the management account's admin when omitted.")
    var caller: String?

    func run() throws {
        print(try EndpointCredentials.exportLines(dataDirectory: DataDirectory.resolve(), callerName: caller),
              terminator: "")
    }
}
