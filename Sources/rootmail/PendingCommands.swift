import ArgumentParser
import Foundation
import OrderedJSON
import RootmailCore

struct Pending: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The email updates started from this data directory and not finished yet.",
        subcommands: [PendingList.self, PendingResend.self, PendingDiscard.self, PendingResolve.self],
        defaultSubcommand: PendingList.self
    )
}

extension PendingUpdateCondition {
    /// What the user can do next, in the words of the command line.
    var advice: String {
        switch self {
        case .awaitingCode: "accept-primary-email-update with the mailed code"
        case .inFlight: "wait: another rootmail process is calling AWS for it"
        case .uncertain: "rootmail pending resolve: a process stopped before it learned AWS's answer"
        case .expired, .voided: "rootmail pending resend, to mail a new code"
        case .finished: "nothing"
        }
    }
}

struct PendingList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List open updates.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (updates, conditions, now) = try await global.withService { service in
            let updates = try await service.openUpdates()
            return (updates, updates.map(service.condition(of:)), service.currentDate)
        }
        global.print(.object([("PendingUpdates", .array(zip(updates, conditions).map { update, condition in
            return .object([
                ("AccountId", .string(update.accountID.rawValue)),
                ("AccountName", .string(update.accountName)),
                ("NewEmail", .string(update.newEmail.rawValue)),
                ("PreviousEmail", .optional(update.previousEmail)),
                ("StartedAt", .timestamp(update.startedAt)),
                ("ExpiresAt", .timestamp(update.expiresAt)),
                ("SecondsLeft", .number(update.timeLeft(at: now).rounded(.down))),
                ("StartedBy", .string(update.startedBy)),
                ("Host", .string(update.startedOn.host)),
                ("User", .string(update.startedOn.user)),
                ("Condition", .string(condition.rawValue)),
                ("AttemptsLeft", .number(Double(update.attemptsLeft))),
                ("Next", .string(condition.advice)),
            ])
        }))]), operation: "PendingUpdates")
    }
}

struct PendingResend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resend", abstract: "Mail a new code for an open update (restarts its 24 hours).")

    @OptionGroup var account: AccountIDOption
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let id = try account.value()
        _ = try await global.withService { try await $0.resendCode(account: id) }
        global.print(.object([("Status", .string("PENDING"))]), operation: AccountAPIOperation.startPrimaryEmailUpdate)
    }
}

struct PendingDiscard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discard",
        abstract: "Forget an open update here. AWS keeps no way to cancel; the code simply expires.")

    @OptionGroup var account: AccountIDOption
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let id = try account.value()
        try await global.withService { try await $0.discard(account: id) }
    }
}

struct PendingResolve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Settle an uncertain update by asking AWS for its update status.",
        discussion: "When the status cannot tell which of several addresses AWS holds, the candidates are listed; "
            + "keep the one that received the code with --keep-email.")

    @OptionGroup var account: AccountIDOption
    @Option(name: .customLong("keep-email"), help: "The open update to keep, by its new address.")
    var keepEmail: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let id = try account.value()
        let chosen = try keepEmail.map { try EmailAddress($0) }
        let condition = try await global.withService { service in
            service.condition(of: try await service.resolveUncertain(account: id, keeping: chosen))
        }
        global.print(.object([("Condition", .string(condition.rawValue))]),
                     operation: "PendingUpdate")
    }
}

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every Start, Accept and discard made from this data directory, newest first. Codes are never kept.")

    @Option(help: "How many entries to print.") var limit: Int = 100
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        guard limit > 0 else { throw RootmailError.invalidInput(field: "--limit", value: "\(limit)", rule: "must be 1 or more") }
        let entries = try await global.withService { try $0.auditEntries(limit: limit) }
        global.print(.object([("AuditLog", .array(entries.map { entry in
            .object([
                ("Time", .timestamp(entry.at)),
                ("Caller", .string(entry.callerARN)),
                ("OrganizationId", .string(entry.organizationID)),
                ("AccountId", .string(entry.accountID.rawValue)),
                ("Operation", .string(entry.operation)),
                ("OldEmail", .optional(entry.oldEmail)),
                ("NewEmail", .optional(entry.newEmail)),
                ("Result", .string(entry.result)),
                ("Host", .string(entry.workstation.host)),
                ("User", .string(entry.workstation.user)),
                ("ProcessId", .number(Double(entry.processID))),
            ])
        }))]), operation: "AuditLog")
    }
}
