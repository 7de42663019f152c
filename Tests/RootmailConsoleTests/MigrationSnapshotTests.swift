import Foundation
import RootmailCore
import Testing
import TerminalUI
@testable import RootmailConsole

/// The migration screens and dialogs as the user sees them, at 80×24 and 132×40.
@Suite(.tags(.snapshot)) struct MigrationSnapshotTests {
    @Test func accountsWithMarks() async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "Data Lake")
        await console.press(.character(" "))
        await console.selectAccount(named: "Security Audit")
        await console.press(.character(" "))
        Snapshot.check(console.state, named: "accounts.marked")
    }

    @Test func actionsMenuWithMarkedAccounts() async {
        let console = await ConsoleDriver()
        await console.press(.character("*"), .character("a"))
        Snapshot.check(console.state, named: "actions-menu.marked-accounts")
    }

    @Test func ruleDialog() async {
        let console = await ConsoleDriver()
        await console.press(.character("*"), .character("M"))
        await console.type(MigrationFlowTests.rule)
        Snapshot.check(console.state, named: "migration-rule")
    }

    @Test func ruleDialogRefusingARule() async {
        let console = await ConsoleDriver()
        await console.press(.character("*"), .character("M"))
        await console.type("newcorp.example")
        await console.press(.enter)
        Snapshot.check(console.state, named: "migration-rule.refused", sizes: [TerminalSize(rows: 24, columns: 80)])
    }

    @Test func preview() async {
        let console = await ConsoleDriver()
        await console.press(.character("*"), .character("M"))
        await console.type(MigrationFlowTests.rule)
        await console.press(.enter)
        Snapshot.check(console.state, named: "migration-preview")
        // The selected row's reason on the status line.
        await console.press(.character("G"))
        Snapshot.check(console.state, named: "migration-preview.reason", sizes: [TerminalSize(rows: 24, columns: 80)])
    }

    /// Two of five Starts answered, three seconds in.
    private func halfwayThrough() async -> ConsoleDriver {
        let console = await ConsoleDriver()
        var progress = MigrationFlowTests.runningMigration(console)
        _ = console.sendHoldingEffects(.migrationCreated(.success(progress)))
        for row in progress.rows.prefix(2) {
            var started = row
            started.state = .awaitingCode
            progress.update(started)
            _ = console.sendHoldingEffects(.migrationRowChanged(started))
        }
        console.clock.advance(by: 3)
        _ = console.sendHoldingEffects(.tick(console.clock.now))
        return console
    }

    @Test func migrationWhileStarting() async {
        Snapshot.check(await halfwayThrough().state, named: "migration.starting")
    }

    @Test func migrationInTheBackgroundOfTheAccounts() async {
        let console = await halfwayThrough()
        await console.press(.escape)
        Snapshot.check(console.state, named: "accounts.migration-in-background", sizes: [TerminalSize(rows: 24, columns: 80)])
    }

    @Test func codeField() async throws {
        let console = await ConsoleDriver()
        await console.press(.character("*"), .character("M"))
        await console.type(MigrationFlowTests.rule)
        await console.press(.enter, .enter, .enter)
        await console.type("222222222222 \(try #require(console.organization.lastCode(for: TestOrganization.zurich)))")
        await console.press(.enter)
        await console.type("3333")
        Snapshot.check(console.state, named: "migration-code")
    }

    @Test func quitWhileStarting() async {
        let console = await halfwayThrough()
        await console.press(.escape, .character("q"))
        Snapshot.check(console.state, named: "quit-while-migrating")
    }

    @Test func migrationsListAndAFinishedReport() async throws {
        let console = await ConsoleDriver()
        await console.press(.character("*"), .character("M"))
        await console.type(MigrationFlowTests.rule)
        await console.press(.enter, .enter, .enter)
        for id in MigrationFlowTests.active {
            await console.type("\(id) \(try #require(console.organization.lastCode(for: id)))")
            await console.press(.enter)
        }
        await console.press(.escape, .escape, .character("m"))
        Snapshot.check(console.state, named: "migrations")
        await console.press(.enter)
        Snapshot.check(console.state, named: "migration.finished")
        // A skipped row's whole reason on the status line.
        await console.press(.character("G"))
        Snapshot.check(console.state, named: "migration.finished.reason", sizes: [TerminalSize(rows: 24, columns: 80)])
    }
}
