import ArgumentParser
import OrderedJSON
import RootmailCore

extension Account {
    /// The fields of Organizations' `Account` shape, in its order.
    var outputDocument: JSONValue {
        .object([
            ("Id", .string(id.rawValue)),
            ("Arn", .string(arn)),
            ("Email", .string(email)),
            ("Name", .string(name)),
            ("Status", .string(state.legacyStatus)),
            ("State", .string(state.rawValue)),
            ("JoinedMethod", .string(joinedMethod.rawValue)),
            ("JoinedTimestamp", .timestamp(joinedAt)),
        ])
    }
}

struct ListAccounts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-accounts",
        abstract: "List the accounts of the organization (every page, unless the paging options say otherwise).")

    @OptionGroup var paging: PagingOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (accounts, nextToken) = try await global.withService { try await paging.accounts(from: $0) }
        global.print(.object([("Accounts", .array(accounts.map(\.outputDocument)))]
            + (nextToken.map { [("NextToken", .string($0))] } ?? [])), operation: OrganizationsOperation.listAccounts)
    }
}

struct DescribeAccount: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe-account", abstract: "Describe one account, with its place in the organization.")

    @OptionGroup var account: AccountIDOption
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let id = try account.value()
        let details = try await global.withService { try await $0.describeAccount(id) }
        global.print(.object([
            ("Account", details.account.outputDocument),
            ("Parents", .array(details.parentPath.map {
                .object([("Id", .string($0.id)), ("Name", .string($0.name)), ("Type", .string($0.kind.rawValue))])
            })),
        ]), operation: OrganizationsOperation.describeAccount)
    }
}
