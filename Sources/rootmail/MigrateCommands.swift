import ArgumentParser
import EmbeddedOrganization
import Foundation
import OrderedJSON
import RootmailCore
import RootmailStore
import Synchronization

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Change the root email of many accounts at once, at AWS's quota, resumably.",
        subcommands: [MigratePlan.self, MigrateStart.self, MigrateResume.self, MigrateComplete.self,
                      MigrateStatus.self, MigrateList.self]
    )
}

/// Which accounts a migration takes and how it derives their new addresses.
struct MigrationRuleOptions: ParsableArguments {
    @Option(name: .customLong("rewrite-domain"), help: ArgumentHelp(
        "Move every address at OLD to NEW, keeping the part before the @.", valueName: "OLD=NEW"))
    var rewriteDomain: String?

    @Option(help: ArgumentHelp("The new address of each account, with {id}, {name}, {local} and {domain}, "
        + "as in aws+{id}@corp.example.", valueName: "pattern"))
    var template: String?

    @Option(name: .customLong("plan"), help: ArgumentHelp(
        "A CSV file of AccountId,NewEmail lines (a header line and a third name column are ignored).", valueName: "file"))
    var planFile: String?

    @Option(help: ArgumentHelp("Only accounts whose ID, name or address contains the text (case ignored), "
        + "as the console's filter.", valueName: "text"))
    var filter: String?

    @Option(help: ArgumentHelp("Only accounts under this organizational unit, its nested units included "
        + "(or the root's ID, r-…).", valueName: "OU_ID"))
    var ou: String?

    @Option(help: ArgumentHelp("Only accounts in this state, repeatable: "
        + AccountState.allCases.map(\.rawValue).joined(separator: ", ") + ".", valueName: "state"))
    var state: [AccountState] = []

    /// The rule as the report shows it.
    var description: String {
        if let rewriteDomain { return "--rewrite-domain \(rewriteDomain)" }
        if let template { return "--template \(template)" }
        return "--plan \(planFile ?? "")"
    }

    func validate() throws {
        let given = [rewriteDomain, template, planFile].compactMap { $0 }.count
        guard given == 1 else {
            throw ValidationError("Give exactly one of --rewrite-domain OLD=NEW, --template PATTERN or --plan FILE.csv.")
        }
        if planFile != nil, filter != nil || ou != nil || !state.isEmpty {
            throw ValidationError("--filter, --ou and --state choose the accounts of a rule; "
                + "a --plan file names its accounts itself: give one or the other.")
        }
    }

    /// What the migration would do, checked against the organization and the open updates.
    func preview(with service: EmailUpdateService) async throws -> MigrationPreview {
        let session = try await service.session()
        let accounts = try await service.allAccounts()
        let open = try await service.openUpdates()
        let management = session.organization.managementAccountID
        if let planFile {
            return MigrationPreview(pairs: try Self.readPlan(planFile), organization: accounts,
                                    managementAccountID: management, open: open)
        }
        let rule: AddressRule = if let rewriteDomain { try AddressRule.rewriteDomain(rewriteDomain) }
            else { .template(try AddressTemplate(template ?? "")) }
        let selection = try await AccountSelection(text: filter, parentID: ou, states: Set(state))
            .accounts(of: accounts, service: service)
        return MigrationPreview(rule: rule, selection: selection, organization: accounts,
                                managementAccountID: management, open: open)
    }

    /// `AccountId,NewEmail` per line; a first line that names the columns, blank lines and a
    /// third column (the account's name, as exports carry it) are passed over.
    static func readPlan(_ path: String) throws -> [(accountID: AccountID, newEmail: String)] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw RootmailError.invalidInput(field: "--plan", value: path, rule: "must be a readable UTF-8 CSV file")
        }
        var pairs: [(accountID: AccountID, newEmail: String)] = []
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let fields = line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            if fields.allSatisfy(\.isEmpty) { continue }
            if index == 0, fields[0].lowercased() == "accountid" { continue }
            let place = "line \(index + 1) of \(path)"
            guard fields.count >= 2, !fields[1].isEmpty else {
                throw RootmailError.invalidInput(field: "--plan", value: String(line),
                                                 rule: "\(place) must be AccountId,NewEmail")
            }
            do {
                pairs.append((try AccountID(fields[0]), fields[1]))
            } catch {
                throw RootmailError.invalidInput(field: "--plan", value: String(line),
                                                 rule: "\(place): the account ID must be 12 digits")
            }
        }
        guard !pairs.isEmpty else {
            throw RootmailError.invalidInput(field: "--plan", value: path, rule: "has no AccountId,NewEmail line")
        }
        return pairs
    }
}

/// Where the codes come from when they are not typed.
struct MailboxOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Read the codes from this mailbox as they arrive: maildir:PATH, "
        + "imaps://USER@HOST[:PORT]/MAILBOX, or imap://USER@HOST[:PORT]/MAILBOX (STARTTLS). The IMAP password "
        + "comes from ROOTMAIL_IMAP_PASSWORD or --password-file.", valueName: "url"))
    var mailbox: String?

    @Option(name: .customLong("ca-file"), help: ArgumentHelp(
        "PEM certificates of authorities to trust for the IMAP server, besides the system's.", valueName: "path"))
    var caFile: String?

    @Option(name: .customLong("password-file"), help: ArgumentHelp(
        "A file holding the IMAP password, readable by you alone (chmod 600).", valueName: "path"))
    var passwordFile: String?

    @Option(help: ArgumentHelp("How long to wait in the mailbox for a code after the last one came, in seconds.",
                               valueName: "seconds"))
    var wait: Int = 300

    /// Runs `body` with the mailbox open, and closes it (IMAP's LOGOUT) whatever happens.
    func withSource<T>(_ body: ((any MailSource)?) async throws -> T) async throws -> T {
        let source = try await source()
        let result: Result<T, any Error>
        do { result = .success(try await body(source)) } catch { result = .failure(error) }
        await source?.close()
        return try result.get()
    }

    /// The mailbox opened (for IMAP: connected, logged in, the folder examined), so that a wrong
    /// address, password or certificate stops the command before anything is started.
    func source(environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> (any MailSource)? {
        guard let mailbox else {
            for (name, value) in [("--ca-file", caFile), ("--password-file", passwordFile)] where value != nil {
                throw ValidationError("\(name) is for an IMAP --mailbox; give --mailbox imaps://USER@HOST/MAILBOX too.")
            }
            return nil
        }
        switch try MailboxLocation(mailbox, extraTrustedCertificates: caFile) {
        case let .maildir(path):
            return MaildirSource(Mailbox(url: URL(fileURLWithPath: path)))
        case let .imap(server, user, folder):
            if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
                throw RootmailError.invalidInput(field: "--ca-file", value: caFile, rule: "must be a readable PEM file")
            }
            let password = try IMAPPassword.read(file: passwordFile, environment: environment)
            return try await IMAPMailSource.open(server: server, user: user, password: password, folder: folder)
        }
    }
}

extension AccountState: ExpressibleByArgument {}

extension MigrationPreview {
    var csv: CSVTable {
        CSVTable(header: ["AccountId", "AccountName", "CurrentEmail", "NewEmail", "Check", "Reason"], rows: rows.map { row in
            [row.accountID.rawValue, row.accountName, row.currentEmail ?? "", row.proposedEmail ?? "",
             row.check?.name ?? "ok", row.check?.explanation ?? ""]
        })
    }

    var document: JSONValue {
        .object([
            ("Rows", .array(rows.map { row in
                .object([
                    ("AccountId", .string(row.accountID.rawValue)),
                    ("AccountName", .string(row.accountName)),
                    ("CurrentEmail", .optional(row.currentEmail)),
                    ("NewEmail", .optional(row.proposedEmail)),
                    ("Check", .string(row.check?.name ?? "ok")),
                    ("Reason", .optional(row.check?.explanation)),
                ])
            })),
            ("Checks", .array(countsByCheck.map { .object([("Check", .string($0.check)), ("Accounts", .number(Double($0.count)))]) })),
            ("ToStart", .number(Double(toStart.count))),
        ])
    }
}

extension Migration {
    func document(rows: [MigrationRow]) -> JSONValue {
        .object([
            ("Migration", .object([
                ("Id", .string(id)), ("Name", .string(name)), ("Rule", .string(rule)),
                ("CreatedBy", .string(createdBy)), ("CreatedAt", .timestamp(createdAt)),
                ("Host", .string(host)), ("User", .string(user)),
                ("States", .object(MigrationRow.State.allCases.compactMap { state in
                    let count = rows.filter { $0.state == state }.count
                    return count == 0 ? nil : (state.rawValue, .number(Double(count)))
                })),
            ])),
            ("Rows", .array(rows.map { row in
                .object([
                    ("AccountId", .string(row.accountID.rawValue)),
                    ("AccountName", .string(row.accountName)),
                    ("CurrentEmail", .optional(row.currentEmail)),
                    ("NewEmail", .optional(row.newEmail)),
                    ("State", .string(row.state.rawValue)),
                    ("Reason", .optional(row.reason)),
                    ("UpdatedAt", .timestamp(row.updatedAt)),
                ])
            })),
        ])
    }
}

extension MigrationReport {
    var csv: CSVTable {
        CSVTable(header: ["AccountId", "AccountName", "OldEmail", "NewEmail", "Result", "Reason",
                          "StartedAt", "AcceptedAt", "StartedBy", "AcceptedBy"], rows: lines.map { line in
            [line.row.accountID.rawValue, line.row.accountName, line.row.currentEmail ?? "", line.row.newEmail ?? "",
             line.row.state.rawValue, line.row.reason ?? "", CSVTable.time(line.started?.at),
             CSVTable.time(line.accepted?.at), line.started?.by ?? "", line.accepted?.by ?? ""]
        })
    }
}

/// Whether the Starts of a run are still going, read by the mailbox loop beside them.
final class RunningFlag: Sendable {
    private let running = Mutex(true)
    var isRunning: Bool { running.withLock { $0 } }
    func end() { running.withLock { $0 = false } }
}

/// A migration's work over one workspace: its store, its runner and the progress lines.
struct MigrationWork: Sendable {
    let service: EmailUpdateService
    let store: any MigrationStore
    let runner: MigrationRunner
    let mailRule: VerificationMailRule

    init(_ workspace: Workspace) throws {
        service = workspace.service
        mailRule = workspace.mailRule
        store = workspace.migrations
        runner = MigrationRunner(service: service, store: store)
    }

    func migration(_ id: String) throws -> Migration {
        guard let migration = try store.migration(id: id) else {
            throw RootmailError.notFound("No migration \(id) in this data directory; `rootmail migrate list` shows them.")
        }
        return migration
    }

    func startRows(of migration: Migration) async throws {
        try await runner.startPlannedRows(of: migration) { row in
            Self.report(row)
        }
    }

    /// Starts the planned rows and, with a mailbox, accepts each code as it arrives, beside the
    /// Starts (Accepts have their own quota), so that a migration takes about one second an account.
    func run(_ migration: Migration, mailbox: (any MailSource)?, wait: Int) async throws {
        guard let mailbox else { return try await startRows(of: migration) }
        let starting = RunningFlag()
        async let started: Void = {
            defer { starting.end() }
            try await startRows(of: migration)
        }()
        try await completeFromMailbox(migration, mailbox, wait: wait, whileStarting: { starting.isRunning })
        try await started
    }

    /// Accepts each awaiting row's code as it arrives in the mailbox, while Starts run and then
    /// until none awaits or `wait` seconds pass without a code.
    func completeFromMailbox(_ migration: Migration, _ mailbox: any MailSource, wait: Int,
                             whileStarting: @Sendable () -> Bool = { false }) async throws {
        var deadline = Date().addingTimeInterval(TimeInterval(wait))
        // Every row starts after the migration is made; its codes cannot be older.
        let since = migration.createdAt.addingTimeInterval(-EmailUpdateService.clockTolerance)
        var messages: [MailMessage] = []
        while true {
            let startsRunning = whileStarting()
            let awaiting = try store.rows(of: migration.id).filter { $0.state == .awaitingCode }
            if awaiting.isEmpty && !startsRunning { return }
            if !awaiting.isEmpty { messages += try await mailbox.messages(since: since) }
            var accepted = false
            for row in awaiting {
                guard let address = row.newEmail.flatMap({ try? EmailAddress($0) }),
                      let update = try await service.openUpdate(for: row.accountID), update.newEmail == address,
                      let code = mailRule.code(in: messages, to: address, after: update.startedAt) else { continue }
                let done = try await runner.accept(code, for: row.accountID, in: migration)
                Self.report(done)
                accepted = true
            }
            if accepted || startsRunning {
                deadline = Date().addingTimeInterval(TimeInterval(wait))
            } else if Date() >= deadline {
                Self.report("\(awaiting.count) accounts still await a code; "
                    + "finish with rootmail migrate complete \(migration.id).")
                return
            }
            if !accepted { try await mailbox.waitForMail(upTo: .seconds(2)) }
        }
    }

    /// The migration and its rows as they stand, as the commands print it.
    func document(of migration: Migration) throws -> JSONValue {
        migration.document(rows: try store.rows(of: migration.id))
    }

    /// A row that changed state, on standard error as the progress shows it.
    static func report(_ row: MigrationRow) {
        MigrationProgress.standardError.changed(row)
    }

    static func report(_ line: String) {
        MigrationProgress.standardError.say(line)
    }

    /// Runs `body` with the progress counted from the migration's rows as they stand.
    func showingProgress<T>(of migration: Migration, _ body: () async throws -> T) async throws -> T {
        MigrationProgress.standardError.begin(try store.rows(of: migration.id))
        defer { MigrationProgress.standardError.end() }
        return try await body()
    }
}

struct MigratePlan: AsyncParsableCommand, CSVOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Show what a migration would do, account by account; nothing is sent.")

    @OptionGroup var rule: MigrationRuleOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let preview = try await global.withService { try await rule.preview(with: $0) }
        if global.output == .csv { return Swift.print(preview.csv.rendered, terminator: "") }
        global.print(preview.document, operation: "MigrationPlan")
    }
}

struct MigrateStart: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Plan a migration and, with --yes, start it.")

    @OptionGroup var rule: MigrationRuleOptions
    @Option(help: "A name for the migration, for the list and the report.") var name: String?
    @Flag(help: "Start without asking: the plan is printed first otherwise, and nothing is sent.") var yes = false
    @OptionGroup var mailbox: MailboxOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await mailbox.withSource { source in try await Workspace.with(global) { workspace in
            let work = try MigrationWork(workspace)
            let preview = try await rule.preview(with: work.service)
            guard yes else {
                global.print(preview.document, operation: "MigrationPlan")
                MigrationWork.report("Nothing was sent. Run again with --yes to start \(preview.toStart.count) updates.")
                return
            }
            let session = try await work.service.session()
            let now = work.service.currentDate
            let migration = Migration(
                name: name ?? "migration \(now.formatted(.iso8601))", organizationID: session.organization.id,
                rule: rule.description, createdBy: session.caller.arn, createdAt: now,
                host: ProcessInfo.processInfo.hostName, user: ProcessInfo.processInfo.userName)
            try work.store.insert(migration, rows: preview.rows(of: migration.id, at: now))
            MigrationWork.report("Migration \(migration.id): starting \(preview.toStart.count) updates at AWS's quota; "
                + "if it stops, rootmail migrate resume \(migration.id) goes on.")
            try await work.showingProgress(of: migration) {
                try await work.run(migration, mailbox: source, wait: mailbox.wait)
            }
            global.print(try work.document(of: migration), operation: "Migration")
        } }
    }
}

struct MigrateResume: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Go on with a stopped migration: settle what was under way, start the rest.")

    @Argument(help: "The migration's ID, as `rootmail migrate list` shows it.") var id: String
    @OptionGroup var mailbox: MailboxOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await mailbox.withSource { source in try await Workspace.with(global) { workspace in
            let work = try MigrationWork(workspace)
            let migration = try work.migration(id)
            try await work.runner.settle(migration)
            try await work.showingProgress(of: migration) {
                try await work.run(migration, mailbox: source, wait: mailbox.wait)
            }
            global.print(try work.document(of: migration), operation: "Migration")
        } }
    }
}

struct MigrateComplete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "complete", abstract: "Enter the codes of a migration's accounts: typed, or read from a mailbox.")

    @Argument(help: "The migration's ID.") var id: String
    @Option(name: .customLong("code"), help: ArgumentHelp("An account's code, repeatable.", valueName: "ACCOUNT=CODE"))
    var codes: [String] = []
    @OptionGroup var mailbox: MailboxOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let typed = try codes.map { text in
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw RootmailError.invalidInput(field: "--code", value: text, rule: "must be ACCOUNT=CODE, as in 222222222222=123456")
            }
            return (try AccountID(parts[0]), try OneTimeCode(parts[1]))
        }
        guard mailbox.mailbox != nil || !typed.isEmpty else {
            throw ValidationError("Give the codes with --code ACCOUNT=CODE, or a mailbox with --mailbox maildir:PATH "
                + "or --mailbox imaps://USER@HOST/MAILBOX.")
        }
        try await mailbox.withSource { source in try await Workspace.with(global) { workspace in
            let work = try MigrationWork(workspace)
            let migration = try work.migration(id)
            try await work.showingProgress(of: migration) {
                for (account, code) in typed {
                    let row = try await work.runner.accept(code, for: account, in: migration)
                    MigrationWork.report(row)
                }
                if let source { try await work.completeFromMailbox(migration, source, wait: mailbox.wait) }
            }
            global.print(try work.document(of: migration), operation: "Migration")
        } }
    }
}

struct MigrateStatus: AsyncParsableCommand, CSVOutputCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "A migration's rows and their states.")

    @Argument(help: "The migration's ID.") var id: String
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let csv = global.output == .csv
        let (document, report) = try await Workspace.with(global) { workspace in
            let work = try MigrationWork(workspace)
            let migration = try work.migration(id)
            let rows = try work.store.rows(of: migration.id)
            return (migration.document(rows: rows),
                    csv ? try MigrationReport(migration: migration, rows: rows, service: work.service) : nil)
        }
        if let report { return Swift.print(report.csv.rendered, terminator: "") }
        global.print(document, operation: "Migration")
    }
}

struct MigrateList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The migrations of this organization, newest first.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let document = try await Workspace.with(global) { workspace in
            let work = try MigrationWork(workspace)
            let organizationID = try await work.service.session().organization.id
            return JSONValue.object([("Migrations", .array(try work.store.migrations(organizationID: organizationID).map { migration in
                let rows = try work.store.rows(of: migration.id)
                return .object([
                    ("Id", .string(migration.id)), ("Name", .string(migration.name)), ("Rule", .string(migration.rule)),
                    ("CreatedAt", .timestamp(migration.createdAt)), ("CreatedBy", .string(migration.createdBy)),
                    ("Accounts", .number(Double(rows.count))),
                    ("Done", .number(Double(rows.filter { $0.state == .done }.count))),
                ])
            }))])
        }
        global.print(document, operation: "Migrations")
    }
}
