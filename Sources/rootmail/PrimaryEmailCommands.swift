import ArgumentParser
import OrderedJSON
import RootmailCore

struct AccountIDOption: ParsableArguments {
    @Option(name: .customLong("account-id"), help: "The 12-digit ID of the member account.")
    var accountID: String

    func value() throws -> AccountID { try AccountID(accountID) }
}

struct GetPrimaryEmail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get-primary-email", abstract: "Print an account's root user email address.")

    @OptionGroup var account: AccountIDOption
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let id = try account.value()
        let email = try await global.withService { try await $0.primaryEmail(of: id) }
        global.print(.object([("PrimaryEmail", .string(email.rawValue))]), operation: AccountAPIOperation.getPrimaryEmail)
    }
}

struct StartPrimaryEmailUpdate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start-primary-email-update",
        abstract: "Start changing an account's root user email address; a code is mailed to the new address.",
        discussion: "Finish within 24 hours with accept-primary-email-update, from this or any later session.")

    @OptionGroup var account: AccountIDOption
    @Option(name: .customLong("primary-email"), help: "The new root user email address.")
    var primaryEmail: String
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let id = try account.value()
        let newEmail = try EmailAddress(primaryEmail)
        let update = try await global.withService { service in
            // Best effort: the name and old address make the pending list and the audit log readable.
            let name = (try? await service.describeAccount(id))?.account.name ?? ""
            let current = try? await service.primaryEmail(of: id)
            return try await service.startUpdate(account: id, accountName: name, to: newEmail,
                                                 currentEmail: current?.rawValue)
        }
        global.print(.object([("Status", .string(update.phase == .pending ? "PENDING" : update.phase.rawValue))]),
                     operation: AccountAPIOperation.startPrimaryEmailUpdate)
    }
}

struct AcceptPrimaryEmailUpdate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept-primary-email-update",
        abstract: "Finish an update with the code mailed to the new address.")

    @OptionGroup var account: AccountIDOption
    @Option(help: "The 6-character verification code from the email.")
    var otp: String
    @Option(name: .customLong("primary-email"), help: "The new address, as given to start-primary-email-update.")
    var primaryEmail: String
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let id = try account.value()
        let code = try OneTimeCode(otp)
        let email = try EmailAddress(primaryEmail)
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
