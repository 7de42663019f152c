import ArgumentParser
import EmbeddedOrganization
import OrderedJSON
import RootmailCore

struct Sim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Change the embedded organization, to rehearse what AWS would answer.",
        subcommands: [
            SimShow.self, SimCallers.self, SimTrustedAccess.self, SimFeatureSet.self, SimDelegatedAdmin.self,
            SimAddAccount.self, SimGenerate.self, SimThrottling.self, SimReset.self,
        ],
        defaultSubcommand: SimShow.self
    )
}

enum Switch: String, ExpressibleByArgument, CaseIterable {
    case on, off
    var isOn: Bool { self == .on }
}

extension FeatureSet: ExpressibleByArgument {}

/// Runs a change to the embedded organization of the data directory.
private func simulate<T>(_ change: (EmbeddedOrganization) throws -> T) throws -> T {
    try change(try Workspace.openOrganization().1)
}

struct SimShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the organization's settings.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let settings = try simulate { try $0.settings() }
        global.print(.object([
            ("OrganizationId", .string(settings.organizationID)),
            ("FeatureSet", .string(settings.featureSet.rawValue)),
            ("TrustedAccess", .bool(settings.trustedAccess)),
            ("DelegatedAdministrator", .optional(settings.delegatedAdministrator?.rawValue)),
            ("Throttling", .bool(settings.throttling)),
            ("Accounts", .number(Double(settings.accountCount))),
        ]), operation: "Simulation")
    }
}

struct SimCallers: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callers",
        abstract: "The principals --caller can name, and the roles a profile's role_arn can assume, with their permissions.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let (callers, roles) = try simulate { try ($0.callers(), $0.roles()) }
        func permissions(_ granted: Set<Permission>) -> JSONValue {
            .array(Permission.allCases.filter(granted.contains).map { .string($0.rawValue) })
        }
        global.print(.object([
            ("Callers", .array(callers.map { caller in
                .object([
                    ("Name", .string(caller.name)),
                    ("Arn", .string(caller.arn)),
                    ("AccountId", .string(caller.accountID.rawValue)),
                    ("Role", .string(caller.role.rawValue)),
                    ("Permissions", permissions(caller.permissions)),
                ])
            })),
            // Any caller may assume any of them (`rootmail serve` answers STS AssumeRole).
            ("Roles", .array(roles.map { role in
                .object([
                    ("RoleName", .string(role.name)),
                    ("Arn", .string(role.arn)),
                    ("AccountId", .string(role.accountID.rawValue)),
                    ("Role", .string(role.standing.rawValue)),
                    ("Permissions", permissions(role.permissions)),
                    ("MaxSessionDuration", .number(Double(role.maxSessionDuration))),
                ])
            })),
        ]), operation: "Callers")
    }
}

struct SimTrustedAccess: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trusted-access", abstract: "Turn trusted access for \(ServicePrincipal.accountManagement) on or off.")
    @Argument var state: Switch
    func run() throws { try simulate { try $0.setTrustedAccess(state.isOn) } }
}

struct SimFeatureSet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feature-set", abstract: "Set the feature set: ALL or CONSOLIDATED_BILLING.")
    @Argument var featureSet: FeatureSet
    func run() throws { try simulate { try $0.setFeatureSet(featureSet) } }
}

struct SimDelegatedAdmin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delegated-admin",
        abstract: "Register an account as delegated administrator for \(ServicePrincipal.accountManagement), or remove it.")
    @Option(name: .customLong("register"), help: "The 12-digit account to register.") var register: String?
    @Flag(help: "Remove the delegated administrator.") var deregister = false

    func validate() throws {
        if (register == nil) == !deregister {
            throw ValidationError("Give either --register ACCOUNT_ID or --deregister.")
        }
    }

    func run() throws {
        if let register {
            let id = try AccountID(register)
            try simulate { try $0.registerDelegatedAdministrator(id) }
        } else {
            _ = try simulate { try $0.deregisterDelegatedAdministrator() }
        }
    }
}

struct SimAddAccount: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add-account", abstract: "Add a member account.")
    @Option var name: String
    @Option var email: String
    @Option(help: "The organizational unit to put it in (by name); the root when omitted.") var ou: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let address = try EmailAddress(email, field: "--email")
        let account = try simulate { try $0.addAccount(name: name, email: address, ouName: ou) }
        global.print(.object([("Account", account.outputDocument)]), operation: "AddAccount")
    }
}

struct SimGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Add generated member accounts (up to 50,000 in all), for scale.")
    @Argument(help: "How many accounts to add.") var count: Int

    func validate() throws {
        guard (1...50_000).contains(count) else { throw ValidationError("The count must be 1 to 50000.") }
    }

    func run() throws {
        let total = try simulate { try $0.generateAccounts(count: count) }
        print("Added \(count) generated accounts; the organization now holds \(total) accounts.")
    }
}

struct SimThrottling: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "throttling", abstract: "Turn AWS's request quotas on or off.")
    @Argument var state: Switch
    func run() throws { try simulate { try $0.setThrottling(state.isOn) } }
}

struct SimReset: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset", abstract: "Put the embedded organization back to the demo (its mailbox stays).")
    func run() throws { try simulate { try $0.reset() } }
}
