import Foundation
import RootmailCore
import Testing
import TerminalUI
@testable import RootmailConsole

/// A migration from the console, key by key: marking, the rule, the preview, the Starts at the
/// quota, the codes typed and pasted, the list of migrations, and quitting while it runs.
@Suite(.tags(.reducer)) struct MigrationFlowTests {
    static let rule = "example.com=example.net"
    /// Every member account the test organization holds that is ACTIVE.
    static let active: [AccountID] = ["222222222222", "333333333333", "444444444444", "666666666666", "777777777777"]
        .map { try! AccountID($0) }

    private func sent(_ console: ConsoleDriver) -> [ConsoleEffect] {
        console.effects.filter { effect in
            switch effect {
            case .startUpdate, .acceptUpdate, .createMigration, .acceptMigrationCode: true
            default: false
            }
        }
    }

    /// Every account but the management one marked, the rule typed, the preview on screen.
    private func previewOfEveryAccount(_ console: ConsoleDriver) async {
        await console.press(.character("*"), .character("M"))
        await console.type(Self.rule)
        await console.press(.enter)
    }

    @Test func spaceMarksTheSelectedAccountButNeverTheManagementAccount() async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "Management")
        await console.press(.character(" "))
        #expect(console.state.marked.isEmpty)
        #expect(console.state.status?.text.contains("management account cannot be marked") == true)

        await console.selectAccount(named: "Data Lake")
        await console.press(.character(" "))
        await console.selectAccount(named: "東京 Sandbox")
        await console.press(.character(" "))
        #expect(console.state.marked == [try! AccountID("666666666666"), TestOrganization.tokyo])
        #expect(Snapshot.render(console.state, size: console.state.size).contains("Accounts 9 of 9 · 2 marked"))
        await console.press(.character(" "))
        #expect(console.state.marked == [try! AccountID("666666666666")])
    }

    @Test func starMarksWhatTheFilterShowsAndAgainUnmarksIt() async {
        let console = await ConsoleDriver()
        await console.press(.character("/"))
        await console.type("an")
        await console.press(.enter)
        let shown = console.state.accounts.shown.map { console.state.accounts.accounts[$0].id }
        await console.press(.character("*"))
        #expect(console.state.marked == Set(shown).subtracting([TestOrganization.management]))
        #expect(!console.state.marked.isEmpty)
        await console.press(.character("*"))
        #expect(console.state.marked.isEmpty)

        // With the filter cleared, every account but the management one.
        await console.press(.escape, .character("*"))
        #expect(console.state.marked.count == TestOrganization.accounts.count - 1)
        #expect(!console.state.marked.contains(TestOrganization.management))
    }

    @Test func theActionsMenuOffersTheMarkedAccountsOnlyWhileSomeAreMarked() async {
        let console = await ConsoleDriver()
        await console.press(.character("a"))
        #expect(console.state.overlay?.actions?.entries == [.updateEmail, .completeEmail])
        await console.press(.escape, .character("*"), .character("a"))
        #expect(console.state.overlay?.actions?.entries == [.updateEmail, .completeEmail, .updateMarked])
        #expect(Snapshot.render(console.state, size: console.state.size).contains("Update email addresses of 8 accounts…"))
        await console.press(.down, .down, .enter)
        guard case .migrationRule? = console.state.overlay else {
            Issue.record("the rule dialog did not open")
            return
        }
    }

    @Test func aBadRuleIsRefusedInTheDialogAndNothingIsSent() async {
        let console = await ConsoleDriver()
        await console.press(.character("*"), .character("M"))
        await console.type("newcorp.example")
        await console.press(.enter)
        guard case .migrationRule(let dialog)? = console.state.overlay else {
            Issue.record("the rule dialog closed")
            return
        }
        #expect(dialog.message?.kind == .error)
        #expect(dialog.message?.text.contains("OLD=NEW") == true)
        await console.press(.control("u"))
        await console.type("aws+{nope}@corp.example")
        await console.press(.enter)
        #expect(console.state.overlay.flatMap { if case .migrationRule(let d) = $0 { d.message?.text } else { nil } }?
            .contains("unknown placeholder {nope}") == true)
        #expect(console.state.screen == .accounts)
        #expect(sent(console).isEmpty)
    }

    @Test func thePreviewChecksEveryRowAndSendsNothingUntilEnter() async {
        let console = await ConsoleDriver()
        await previewOfEveryAccount(console)
        #expect(console.state.screen == .migrationPreview)
        let preview = try! #require(console.state.migrationPreview?.preview)
        #expect(Set(preview.toStart.map(\.accountID)) == Set(Self.active))
        #expect(preview.countsByCheck.map { "\($0.check) \($0.count)" } == ["not active 3"])
        #expect(sent(console).isEmpty)
        #expect(console.organization.email(of: TestOrganization.zurich) == "zurich-analytics@example.com")

        // Esc goes back to the rule as typed, and nothing was sent.
        await console.press(.escape)
        #expect(console.state.screen == .accounts)
        guard case .migrationRule(let dialog)? = console.state.overlay else {
            Issue.record("Esc did not go back to the rule")
            return
        }
        #expect(dialog.input.text == Self.rule)
        #expect(sent(console).isEmpty)
    }

    @Test func aTemplateGivesEachAccountItsOwnAddress() async {
        let console = await ConsoleDriver()
        await console.press(.character("*"), .character("M"))
        await console.type("aws+{id}@corp.example")
        await console.press(.enter)
        let rows = console.state.migrationPreview?.preview.toStart ?? []
        #expect(rows.map(\.proposedEmail) == rows.map { "aws+\($0.accountID)@corp.example" })
        #expect(rows.count == Self.active.count)
    }

    @Test func enterStartsAtTheQuotaThenTypedAndPastedCodesFinishEveryRow() async throws {
        let console = await ConsoleDriver()
        await previewOfEveryAccount(console)
        let began = console.clock.now
        await console.press(.enter)
        #expect(console.state.screen == .migration)
        let progress = try #require(console.state.migration)
        #expect(!progress.isStarting)
        #expect(progress.count(.awaitingCode) == Self.active.count)
        #expect(progress.count(.skipped) == 3)
        #expect(progress.rows.filter { $0.state == .skipped }.allSatisfy { $0.reason?.contains("ACTIVE accounts only") == true })
        // One Start per second per caller: five Starts take at least four seconds of the clock.
        #expect(console.clock.now.timeIntervalSince(began) >= 4)
        #expect(console.state.marked.isEmpty)
        #expect(try console.migrationStore.rows(of: progress.migration.id).filter { $0.state == .awaitingCode }.count == 5)

        // Enter on the first awaiting row, its code alone.
        await console.press(.character("f"))
        #expect(console.state.migrationScreen.stateFilter == .awaitingCode)
        #expect(console.state.migrationScreen.rows(of: console.state.migration).count == 5)
        let first = try #require(console.state.migrationScreen.selectedRow(of: console.state.migration))
        await console.press(.enter)
        await console.type(try #require(console.organization.lastCode(for: first.accountID)))
        await console.press(.enter)
        #expect(console.state.migration?.row(first.accountID)?.state == .done)
        #expect(console.organization.email(of: first.accountID) == first.newEmail)

        // The others pasted as ACCOUNT CODE lines, each ended by Enter, into the same field.
        let others = Self.active.filter { $0 != first.accountID }
        for id in others {
            await console.type("\(id) \(try #require(console.organization.lastCode(for: id)))")
            await console.press(.enter)
        }
        guard case .migrationCode? = console.state.overlay else {
            Issue.record("the code field closed under the paste")
            return
        }
        for id in Self.active {
            let row = try #require(console.state.migration?.row(id))
            #expect(row.state == .done)
            #expect(console.organization.email(of: id) == row.newEmail)
            #expect(console.state.accounts.account(id)?.email == row.newEmail)
        }
        #expect(console.state.status?.text.contains("finished: 5 addresses changed") == true)
        #expect(console.state.openUpdates.isEmpty)
    }

    @Test func aWrongCodeLeavesTheRowAwaitingWithAWSReason() async throws {
        let console = await ConsoleDriver()
        await previewOfEveryAccount(console)
        await console.press(.enter)
        let row = try #require(console.state.migration?.rows.first { $0.state == .awaitingCode })
        while console.state.migrationScreen.selectedRow(of: console.state.migration)?.accountID != row.accountID {
            await console.press(.down)
        }
        await console.press(.enter)
        let right = try #require(console.organization.lastCode(for: row.accountID))
        await console.type(right == "000000" ? "111111" : "000000")
        await console.press(.enter)
        #expect(console.state.migration?.row(row.accountID)?.state == .awaitingCode)
        #expect(console.state.migration?.row(row.accountID)?.reason?.isEmpty == false)
        #expect(console.state.status?.kind == .error)

        // A pair naming an account outside the migration is refused by name.
        await console.type("111111111111 123456")
        await console.press(.enter)
        guard case .migrationCode(let form)? = console.state.overlay else {
            Issue.record("the code field closed")
            return
        }
        #expect(form.message?.text.contains("111111111111 is not in this migration") == true)
    }

    @Test func leavingKeepsTheRunAndTheListReopensIt() async throws {
        let console = await ConsoleDriver()
        await previewOfEveryAccount(console)
        await console.press(.enter, .escape)
        #expect(console.state.screen == .accounts)
        let screen = Snapshot.render(console.state, size: console.state.size)
        #expect(screen.contains("Migration example.com=example.net: 0 done, 5 awaiting a code"))

        await console.press(.character("m"))
        #expect(console.state.screen == .migrations)
        #expect(console.state.migrationsScreen.items.map(\.migration.name) == [Self.rule])
        await console.press(.enter)
        #expect(console.state.screen == .migration)
        #expect(console.state.migration?.count(.awaitingCode) == 5)
    }

    @Test func quittingWhileStartsAreSentAsksFirst() async throws {
        let console = await ConsoleDriver()
        let progress = Self.runningMigration(console)
        _ = console.sendHoldingEffects(.migrationCreated(.success(progress)))
        await console.press(.escape, .character("q"))
        #expect(!console.state.isFinished)
        #expect(console.state.overlay?.isQuitConfirmation == true)
        await console.press(.enter)
        #expect(console.state.overlay == nil)
        #expect(!console.state.isFinished)

        await console.press(.character("q"), .tab, .enter)
        #expect(console.state.isFinished)
    }

    /// A migration of the five ACTIVE accounts, as kept and about to send its Starts.
    static func runningMigration(_ console: ConsoleDriver) -> MigrationProgress {
        let migration = Migration(id: "5f0c1d2e-migration", name: rule, organizationID: TestOrganization.organizationID,
                                  rule: "--rewrite-domain \(rule)", createdBy: TestOrganization.admin.arn,
                                  createdAt: console.clock.now, host: "bastion", user: "admin")
        let rows = TestOrganization.accounts.filter { active.contains($0.id) }.map { account in
            MigrationRow(migrationID: migration.id, accountID: account.id, accountName: account.name,
                         currentEmail: account.email, newEmail: account.email.replacingOccurrences(of: ".com", with: ".net"),
                         state: .planned, updatedAt: console.clock.now)
        }
        return MigrationProgress(migration, rows: rows, isStarting: true)
    }
}
