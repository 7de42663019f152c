import AWSBackend
import EmbeddedOrganization
import Foundation
import OrderedJSON
import RootmailCore
import RootmailStore

/// What a command works on: the data directory, the chosen backend and the service over it.
struct Workspace {
    let dataDirectory: DataDirectory
    let service: EmailUpdateService
    let migrations: any MigrationStore
    /// The AWS backend when it is the one chosen, for what only it can tell (where its credentials came from).
    let liveBackend: AWSBackend?
    /// How AWS's verification mail is told from other mail, as the configuration file says.
    let mailRule: VerificationMailRule

    /// Which backend the options, the environment and the configuration file select: AWS when
    /// `--backend aws`, `--profile`, `--endpoint-url` or the file's `backend = "aws"` say so;
    /// otherwise the embedded organization.
    static func open(_ options: GlobalOptions,
                     environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> Workspace {
        let config = try ConfigFile.load(environment: environment)
        let dataDirectory = DataDirectory.resolve(environment: environment)
        // Opened first: the console must not open on a store it cannot read, nor a backend be asked for anything.
        let stores = try StoreSelection.open(config: config, dataDirectory: dataDirectory, environment: environment)
        let mailRule: VerificationMailRule
        do {
            mailRule = try VerificationMailRule(subject: config.verificationMailSubject, sender: config.verificationMailSender)
        } catch {
            throw RootmailError.configuration("The configuration file \(ConfigFile.location(environment: environment).path): "
                + "\(error)")
        }
        let choice = options.backend
            ?? (options.profile != nil || options.endpointURL != nil ? .aws : nil)
            ?? config.backend.flatMap(BackendChoice.init(rawValue:))
            ?? .embedded
        switch choice {
        case .embedded:
            options.debugLog?.info("The embedded organization answers in this process: no HTTP requests are made.")
            let organization = try EmbeddedOrganization.open(in: dataDirectory)
            let backend = try organization.backend(caller: options.caller)
            return Workspace(dataDirectory: dataDirectory, service: stores.service(backend: backend),
                             migrations: stores.migrations, liveBackend: nil, mailRule: mailRule)
        case .aws:
            if options.caller != nil {
                throw RootmailError.configuration(
                    "--caller names a principal of the embedded organization; with AWS, choose who calls with --profile.")
            }
            let backend = try await AWSBackend.make(
                profile: options.profile ?? config.profile, region: options.region ?? config.region,
                endpointURL: options.endpointURL ?? config.endpointURL, environment: environment,
                debugLog: options.debugLog)
            return Workspace(dataDirectory: dataDirectory, service: stores.service(backend: backend),
                             migrations: stores.migrations, liveBackend: backend, mailRule: mailRule)
        }
    }

    /// The embedded organization alone, for the commands that change or read it directly.
    static func openOrganization() throws -> (DataDirectory, EmbeddedOrganization) {
        let dataDirectory = DataDirectory.resolve()
        return (dataDirectory, try EmbeddedOrganization.open(in: dataDirectory))
    }

    /// Runs a command's work and closes the backend's connections whatever happens.
    static func with<T>(_ options: GlobalOptions, _ body: (Workspace) async throws -> T) async throws -> T {
        _ = options.compiledQuery()
        let workspace = try await open(options)
        let result: Result<T, any Error>
        do { result = .success(try await body(workspace)) } catch { result = .failure(error) }
        try? await workspace.liveBackend?.shutdown()
        return try result.get()
    }
}

extension GlobalOptions {
    func print(_ document: JSONValue, operation: String) {
        let rendered = applyingQuery(to: document).rendered(as: outputFormat(), title: operation)
        // The AWS CLI prints nothing at all for an empty table.
        if !rendered.isEmpty { Swift.print(rendered) }
    }

    /// The output of an AWS operation, titled with its name as the AWS CLI's tables are.
    func print(_ document: JSONValue, operation: some AWSOperation) {
        print(document, operation: operation.rawValue)
    }
}

extension GlobalOptions {
    /// Runs a command's work with the service of the selected backend.
    func withService<T>(_ body: (EmailUpdateService) async throws -> T) async throws -> T {
        try await Workspace.with(self) { try await body($0.service) }
    }
}
