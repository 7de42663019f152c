import ArgumentParser
import OrderedJSON
import RootmailCore

/// Who rootmail acts as and where that identity came from: the credential source (as the
/// console header says it), the caller's ARN from STS GetCallerIdentity, and when the
/// credentials expire (null for keys that do not).
struct Whoami: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami",
        abstract: "Show the caller, where its credentials came from and when they expire.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let document = try await Workspace.with(global) { workspace in
            let caller = try await workspace.service.session().caller
            let source: String
            let method: JSONValue
            let expiration: JSONValue
            if let live = workspace.liveBackend {
                // After the GetCallerIdentity call, so that the credentials have been fetched.
                let status = await live.credentialStatus()
                (source, method, expiration) = (status.source, .string(status.method),
                                                status.expiration.map(JSONValue.timestamp) ?? .null)
            } else {
                let description = workspace.service.backend.backendDescription
                source = "embedded organization" + (description.principal.map { ": caller \($0)" } ?? "")
                (method, expiration) = (.null, .null)
            }
            return JSONValue.object([
                ("Source", .string(source)), ("Method", method), ("Arn", .string(caller.arn)),
                ("Account", .string(caller.accountID.rawValue)), ("UserId", .string(caller.userID)),
                ("Expiration", expiration),
            ])
        }
        global.print(document, operation: "Whoami")
    }
}
