import Foundation
import RootmailCore
import Testing
import TerminalUI
@testable import RootmailConsole

/// Keys as tui-conventions.md lists them, driven through the reducer.
@Suite(.tags(.reducer, .snapshot)) struct KeyNavigationTests {
    static func many(_ count: Int) -> [Account] {
        (0..<count).map { TestOrganization.account(String(format: "%012d", 100_000_000_000 + $0), String(format: "Workload %03d", $0),
                                                   String(format: "workload-%03d@example.com", $0)) }
    }

    @Test func movingThroughTheList() async {
        let console = await ConsoleDriver()
        #expect(console.state.selectedAccount?.name == "Café Opérations")
        await console.press(.character("j"), .down, .down)
        #expect(console.state.selectedAccount?.name == "Legacy Billing")
        await console.press(.character("k"), .up)
        #expect(console.state.selectedAccount?.name == "Closed Experiment")
        await console.press(.character("G"))
        #expect(console.state.selectedAccount?.name == "東京 Sandbox")
        await console.press(.down)
        #expect(console.state.selectedAccount?.name == "東京 Sandbox")
        await console.press(.home)
        #expect(console.state.selectedAccount?.name == "Café Opérations")
        await console.press(.end, .character("g"))
        #expect(console.state.selectedAccount?.name == "Café Opérations")
    }

    @Test func pagingMovesByAScreenAndScrolls() async {
        let console = await ConsoleDriver(extraAccounts: Self.many(100))
        let height = ConsoleLayout.tableHeight(console.state.size)
        #expect(height == 18)
        await console.press(.pageDown)
        #expect(console.state.accountsScreen.cursor.selected == 18)
        #expect(console.state.accountsScreen.cursor.top == 18)
        await console.press(.control("f"), .control("b"))
        #expect(console.state.accountsScreen.cursor.selected == 18)
        await console.press(.pageUp, .pageUp)
        #expect(console.state.accountsScreen.cursor.selected == 0)
        await console.press(.end)
        #expect(console.state.accountsScreen.cursor.selected == 108)
        #expect(console.state.accountsScreen.cursor.top == 109 - 18)
    }

    @Test func shrinkingTheTerminalKeepsTheSelectionOnScreen() async {
        let console = await ConsoleDriver(extraAccounts: Self.many(100))
        await console.press(.character("j"), .character("j"), .pageDown)
        let selected = console.state.selectedAccount
        await console.send(.resized(TerminalSize(rows: 12, columns: 48)))
        let cursor = console.state.accountsScreen.cursor
        #expect(console.state.selectedAccount == selected)
        #expect((cursor.top..<cursor.top + ConsoleLayout.tableHeight(console.state.size)).contains(cursor.selected))
        let screen = Snapshot.render(console.state, size: console.state.size)
        #expect(screen.contains(selected!.name))
    }

    @Test func keysDoNothingUnseenWhileTheTerminalIsTooSmall() async {
        let console = await ConsoleDriver()
        await console.send(.resized(TerminalSize(rows: 10, columns: 40)))
        await console.press(.enter, .character("u"), .character("j"))
        #expect(console.state.screen == .accounts)
        #expect(console.state.overlay == nil)
        #expect(console.state.accountsScreen.cursor.selected == 0)
        await console.send(.resized(TerminalSize(rows: 24, columns: 80)))
        await console.press(.character("j"))
        #expect(console.state.accountsScreen.cursor.selected == 1)
        await console.send(.resized(TerminalSize(rows: 10, columns: 40)))
        await console.press(.character("q"))
        #expect(console.state.isFinished)
    }

    @Test func filterAsYouTypeThenKeepOrClear() async {
        let console = await ConsoleDriver()
        await console.press(.character("j"), .character("j"), .character("/"))
        await console.type("an")
        #expect(console.state.accounts.shownCount == 3)
        #expect(console.state.accountsScreen.cursor.selected == 0)
        // j is text while the filter is typed, not a move.
        await console.type("j")
        #expect(console.state.accounts.query == "anj")
        #expect(console.state.accounts.shownCount == 0)
        await console.press(.backspace)
        #expect(console.state.accounts.shownCount == 3)
        await console.press(.enter)
        #expect(console.state.accountsScreen.filterInput == nil)
        #expect(console.state.accounts.query == "an")
        await console.press(.character("j"))
        #expect(console.state.selectedAccount?.name == "Zürich Analytics")
        await console.press(.escape)
        #expect(console.state.accounts.query == "")
        #expect(console.state.accounts.shownCount == 9)
        #expect(console.state.isFinished == false)
    }

    @Test func filterFieldEditingKeys() async {
        let console = await ConsoleDriver()
        await console.press(.character("/"))
        await console.type("lake")
        await console.press(.left, .left, .backspace)
        #expect(console.state.accountsScreen.filterInput?.text == "lke")
        await console.press(.home, .delete, .end)
        await console.type("s")
        #expect(console.state.accountsScreen.filterInput?.text == "kes")
        await console.press(.control("u"))
        #expect(console.state.accounts.query == "")
        await console.type("zür")
        await console.press(.escape)
        #expect(console.state.accounts.query == "")
        #expect(console.state.accountsScreen.filterInput == nil)
    }

    @Test func sortingKeepsTheSelectedAccountAndReversesOnTheSameKey() async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "Data Lake")
        await console.press(.character("I"))
        #expect(console.state.accounts.sort == AccountSort(column: .accountID))
        #expect(console.state.selectedAccount?.name == "Data Lake")
        #expect(console.state.accounts.shownAccount(at: 0)?.id == TestOrganization.management)
        await console.press(.character("I"))
        #expect(console.state.accounts.sort == AccountSort(column: .accountID, ascending: false))
        #expect(console.state.accounts.shownAccount(at: 0)?.name == "Café Opérations")
        await console.press(.character("S"))
        #expect(console.state.accounts.shownAccount(at: 0)?.state == .active)
        #expect(console.state.accounts.shownAccount(at: 8)?.state == .closed)
        #expect(Snapshot.render(console.state, size: console.state.size).contains("Sort State ↑"))
    }

    @Test func escapeNeverQuitsAndQQuitsOnlyFromTheAccounts() async {
        let console = await ConsoleDriver()
        await console.press(.escape, .escape)
        #expect(!console.state.isFinished)
        await console.press(.enter)
        #expect(console.state.screen == .details(TestOrganization.accounts[8].id))
        await console.press(.character("q"))
        #expect(console.state.screen == .accounts)
        await console.press(.character("?"))
        #expect(console.state.screen == .help)
        await console.press(.escape)
        await console.press(.function(1))
        #expect(console.state.screen == .help)
        await console.press(.character("q"))
        #expect(console.state.screen == .accounts)
        #expect(!console.state.isFinished)
        await console.press(.character("q"))
        #expect(console.state.isFinished)
    }

    @Test func ctrlCAndHangupQuitFromADialog() async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "Data Lake")
        await console.press(.character("u"))
        await console.type("q")
        #expect(!console.state.isFinished)
        await console.press(.control("c"))
        #expect(console.state.isFinished)

        let other = await ConsoleDriver()
        await other.press(.character("a"))
        await other.send(.hangup)
        #expect(other.state.isFinished)
    }

    @Test func openingAnAccountAsksForItsDetailsAndPrimaryEmail() async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "Zürich Analytics")
        await console.press(.enter)
        #expect(console.effects.suffix(2) == [.describeAccount(TestOrganization.zurich), .loadPrimaryEmail(TestOrganization.zurich)])
        #expect(console.state.details?.primaryEmail == .loaded(try! EmailAddress("zurich-analytics@example.com")))
        #expect(console.state.details?.description.value?.parentPathText == "Root / Analytics")
        await console.press(.escape)
        #expect(console.state.screen == .accounts)
        #expect(console.state.selectedAccount?.name == "Zürich Analytics")
    }

    @Test func refreshReloadsWithoutLosingTheSelectionOrFilter() async {
        let console = await ConsoleDriver()
        let callsBefore = console.organization.listCalls
        await console.press(.character("/"))
        await console.type("a")
        await console.press(.enter, .down)
        let selected = console.state.selectedAccount
        await console.press(.character("R"))
        #expect(console.organization.listCalls > callsBefore)
        #expect(console.state.accountsLoad == nil)
        #expect(console.state.selectedAccount == selected)
        #expect(console.state.accounts.query == "a")
        #expect(console.state.status?.text == "Refreshed: 9 accounts.")
    }

    @Test func aRefreshStillRunningWhenAnotherStartsIsIgnored() async {
        let console = await ConsoleDriver()
        let first = console.sendHoldingEffects(.key(.character("R")))
        await console.press(.character("R"))
        #expect(first.contains(.loadAccounts(generation: 1)))
        await console.perform(first)
        #expect(console.state.accounts.totalCount == 9)
        #expect(console.state.accountsLoad == nil)
    }

    @Test func listingFailureSaysSoAndKeepsWhatArrived() async {
        let console = await ConsoleDriver(start: false)
        var state = console.state
        _ = state.begin()
        _ = state.reduce(.accountsPage(generation: 0, accounts: Array(TestOrganization.accounts.prefix(3)), isLast: false))
        let error = ServiceError(.tooManyRequests, AWSMessages.throttled).during("ListAccounts")
        _ = state.reduce(.accountsFailed(generation: 0, error))
        #expect(state.accounts.totalCount == 3)
        #expect(state.accountsLoad == nil)
        #expect(state.status?.kind == .error)
        #expect(state.status?.text.contains("TooManyRequestsException") == true)
        #expect(state.status?.text.contains("Press R to retry") == true)
    }

    @Test func helpIsWrittenFromTheKeyTable() {
        let lines = HelpContent.lines()
        for binding in KeyTable.bindings {
            #expect(lines.contains(.binding(keys: binding.keyLabel, description: binding.description)),
                    "\(binding.description) missing from Help")
        }
    }

    @Test func noKeyMeansTwoThingsInOneContext() {
        for context in KeyContext.allCases {
            var seen: [KeyPattern: String] = [:]
            for binding in KeyTable.bindings(in: context) {
                for pattern in binding.patterns {
                    #expect(seen[pattern] == nil, "\(pattern.label) bound twice in \(context.rawValue)")
                    seen[pattern] = binding.description
                }
            }
        }
    }

    @Test func helpScrollsAndStopsAtTheEnd() async {
        let console = await ConsoleDriver()
        await console.press(.character("?"), .pageDown, .pageDown, .pageDown, .pageDown, .pageDown)
        let last = HelpContent.lines().count - ConsoleLayout.bodyHeight(console.state.size)
        #expect(console.state.help.scroll == last)
        await console.press(.character("g"))
        #expect(console.state.help.scroll == 0)
    }

    @Test func helpsLastPageDoesNotPromiseMore() async {
        let console = await ConsoleDriver()
        await console.press(.character("?"))
        let size = console.state.size
        #expect(Snapshot.render(console.state, size: size).contains("PgDn for more"))
        await console.press(.pageDown, .pageDown, .pageDown, .pageDown, .pageDown)
        let lastPage = Snapshot.render(console.state, size: size)
        #expect(lastPage.contains("of \(HelpContent.lines().count) lines"))
        #expect(!lastPage.contains("PgDn for more"), "\(lastPage)")
    }
}
