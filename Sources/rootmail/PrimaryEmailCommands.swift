import ArgumentParser
import OrderedJSON
import RootmailCore

struct AccountIDOption: ParsableArguments {
    static let help: ArgumentHelp = "The 12-digit ID of the member account."

    @Option(name: .customLong("account-id"), help: help)
    var accountID: String

    func value() throws -> AccountID { try AccountID(accountID) }
}

struct GetPrimaryEmail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get-primary-email", abstract: "Print an account's root user email address.")

    @Option(name: .customLong("account-id"), help: AccountIDOption.help)
    var accountID: String?
    @OptionGroup var input: CLIInputOptions
    @OptionGroup var global: GlobalOptions

    var parameters: [APIParameter] { [APIParameter(name: "AccountId", option: "--account-id", commandLine: accountID)] }

    func validate() throws { _ = try input.values(of: parameters) }

    func run() async throws {
        let values = try input.values(of: parameters)
        let id = try AccountID(values[0])
        let email = try await global.withService { try await $0.primaryEmail(of: id) }
        global.print(.object([("PrimaryEmail", .string(email.rawValue))]), operation: AccountAPIOperation.getPrimaryEmail)
    }
}

struct StartPrimaryEmailUpdate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start-primary-email-update",
        abstract: "Start changing an account's root user email address; a code is mailed to the new address.",
        discussion: "Finish within 24 hours with accept-primary-email-update, from this or any later session.")

    @Option(name: .customLong("account-id"), help: AccountIDOption.help)
    var accountID: String?
    @Option(name: .customLong("primary-email"), help: "The new root user email address.")
    var primaryEmail: String?
    @OptionGroup var input: CLIInputOptions
    @OptionGroup var global: GlobalOptions

    var parameters: [APIParameter] {
        [APIParameter(name: "AccountId", option: "--account-id", commandLine: accountID),
         APIParameter(name: "PrimaryEmail", option: "--primary-email", commandLine: primaryEmail)]
    }

    func validate() throws { _ = try input.values(of: parameters) }

    func run() async throws {
        let values = try input.values(of: parameters)
        let id = try AccountID(values[0])
        let newEmail = try EmailAddress(values[1])
        let update = try await global.withService { try await $0.startUpdate(account: id, to: newEmail) }
        global.print(.object([("Status", .string(update.phase == .pending ? "PENDING" : update.phase.rawValue))]),
                     operation: AccountAPIOperation.startPrimaryEmailUpdate)
    }
}

struct AcceptPrimaryEmailUpdate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept-primary-email-update",
        abstract: "Finish an update with the code mailed to the new address.")

    @Option(name: .customLong("account-id"), help: AccountIDOption.help)
    var accountID: String?
    @Option(help: "The 6-character verification code from the email.")
    var otp: String?
    @Option(name: .customLong("primary-email"), help: "The new address, as given to start-primary-email-update.")
    var primaryEmail: String?
    @OptionGroup var input: CLIInputOptions
    @OptionGroup var global: GlobalOptions

    /// In the order of the API's input shape, as the AWS CLI's skeleton lists them.
    var parameters: [APIParameter] {
        [APIParameter(name: "AccountId", option: "--account-id", commandLine: accountID),
         APIParameter(name: "PrimaryEmail", option: "--primary-email", commandLine: primaryEmail),
         APIParameter(name: "Otp", option: "--otp", commandLine: otp)]
    }

    func validate() throws { _ = try input.values(of: parameters) }

    func run() async throws {
        let values = try input.values(of: parameters)
        let id = try AccountID(values[0])
        let email = try EmailAddress(values[1])
        let code = try OneTimeCode(values[2])
        let status = try await global.withService { try await $0.acceptUpdate(account: id, code: code, email: email) }
        global.print(.object([("Status", .string(status.rawValue))]), operation: AccountAPIOperation.acceptPrimaryEmailUpdate)
    }
}

struct GetPrimaryEmailUpdateStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get-primary-email-update-status",
        abstract: "Print the status of an account's latest email update.")

    @OptionGroup var account: AccountIDOption
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let id = try account.value()
        let report = try await global.withService { try await $0.updateStatus(of: id) }
        global.print(.object([
            ("Status", .string(report.status.rawValue)),
            ("UpdatedAt", report.updatedAt.map(JSONValue.timestamp) ?? .null),
        ]), operation: AccountAPIOperation.getPrimaryEmailUpdateStatus)
    }
}
