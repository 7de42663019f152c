import Foundation
import RootmailCore
import RootmailStore
import Testing
import TerminalUI
@testable import RootmailConsole

/// The account list kept in the data directory: shown at once at the next start, refreshed
/// behind it, and swapped for the fresh list without losing the user's place.
@Suite(.tags(.reducer, .inProcess)) struct CachedAccountListTests {
    static let threeHoursAgo = TestOrganization.start.addingTimeInterval(-3 * 3600)
    static let oldSandbox = TestOrganization.account("141414141414", "Old Sandbox", "old-sandbox@example.com")
    static let salesAnalytics = TestOrganization.account("121212121212", "Sales Analytics", "sales-analytics@example.com")
    static let sandboxLab = TestOrganization.account("131313131313", "Sandbox Lab", "sandbox-lab@example.com")
    static let throttled = ServiceError(.tooManyRequests, AWSMessages.throttled).during("ListAccounts")

    /// The list cached three hours ago, when the organization still had Old Sandbox.
    static func earlierList(organizationID: String = TestOrganization.organizationID) -> CachedAccountList {
        CachedAccountList(organizationID: organizationID, fetchedAt: threeHoursAgo,
                          accounts: TestOrganization.accounts + [oldSandbox])
    }

    let data = TemporaryDataDirectory()
    let clock = TestClock(TestOrganization.start)

    private func cache() throws -> SQLiteAccountListCache { try data.database().accountListCache }

    /// The key the test organization's lists are cached under.
    private var backendKey: String { TestOrganization(clock: clock).backendDescription.summary }

    private func seed(_ list: CachedAccountList) throws {
        try cache().replaceAccountList(list, backend: backendKey)
    }

    private func session(_ console: ConsoleDriver) async throws -> EmailUpdateService.Session {
        try await console.service.session()
    }

    // MARK: Starting

    @Test func theFirstStartListsAsBeforeAndKeepsTheCompleteList() async throws {
        let console = await ConsoleDriver(cache: try cache(), clock: clock)

        #expect(console.state.accounts.totalCount == 9)
        #expect(console.state.accountsFromCache == nil)
        #expect(console.state.status == nil)
        let kept = try #require(try cache().accountList(backend: console.service.accountListCacheKey))
        #expect(kept == CachedAccountList(organizationID: TestOrganization.organizationID, fetchedAt: clock.now,
                                          accounts: TestOrganization.accounts))
    }

    @Test func aLaterStartShowsTheCachedListWhileTheFreshOneArrivesOutOfSight() async throws {
        try seed(Self.earlierList())
        let console = await ConsoleDriver(cache: try cache(), clock: clock, start: false)
        var state = console.state

        #expect(state.begin() == [.loadSession, .loadAccounts(generation: 0, cachedFirst: true), .loadOpenUpdates])
        _ = state.reduce(.cachedAccountsLoaded(generation: 0, .success(try console.service.cachedAccountList())))
        #expect(state.accounts.totalCount == 10)
        #expect(state.accounts.account(Self.oldSandbox.id) == Self.oldSandbox)
        #expect(state.accountsFromCache == CachedAccountsOrigin(organizationID: TestOrganization.organizationID,
                                                                fetchedAt: Self.threeHoursAgo))
        #expect(Chrome.activity(of: state) == "Refreshing… 0 so far")

        _ = state.reduce(.sessionLoaded(.success(try await session(console))))
        _ = state.reduce(.accountsPage(generation: 0, accounts: Array(TestOrganization.accounts.prefix(3)), isLast: false))
        #expect(state.accounts.totalCount == 10, "the cached rows stay until the listing is complete")
        #expect(Chrome.activity(of: state) == "Refreshing… 3 so far")
        #expect(state.accountsFromCache != nil)
    }

    @Test func aScreenOfTheCachedListShowsFirstAndTheRestJoinsItInOrder() async throws {
        try seed(Self.earlierList())
        let console = await ConsoleDriver(cache: try cache(), clock: clock, start: false)
        var state = console.state
        _ = state.begin()
        let head = try cache().accountListHead(backend: backendKey, count: 3)
        _ = state.reduce(.cachedAccountsHeadLoaded(generation: 0, .success(head)))
        #expect(state.accounts.shown.map { state.accounts.accounts[$0].name }
            == ["Café Opérations", "Closed Experiment", "Data Lake"])
        #expect(state.accountsFromCache == CachedAccountsOrigin(organizationID: TestOrganization.organizationID,
                                                                fetchedAt: Self.threeHoursAgo))

        _ = state.reduce(.cachedAccountsLoaded(generation: 0, .success(try console.service.cachedAccountList())))
        var wholeAtOnce = console.state
        _ = wholeAtOnce.begin()
        _ = wholeAtOnce.reduce(.cachedAccountsLoaded(generation: 0, .success(try console.service.cachedAccountList())))
        #expect(state.accounts.totalCount == 10)
        #expect(state.accounts.shown.map { state.accounts.accounts[$0] }
            == wholeAtOnce.accounts.shown.map { wholeAtOnce.accounts.accounts[$0] })
        #expect(state.selectedAccount?.name == "Café Opérations")
        #expect(state.accountsFromCache != nil)
        #expect(Chrome.activity(of: state) == "Refreshing… 0 so far")
    }

    @Test func aCachedListFoundDamagedBehindItsFirstScreenGivesWayToTheListing() async throws {
        try seed(Self.earlierList())
        let console = await ConsoleDriver(cache: try cache(), clock: clock, start: false)
        var state = console.state
        _ = state.begin()
        _ = state.reduce(.cachedAccountsHeadLoaded(generation: 0,
                                                   .success(try cache().accountListHead(backend: backendKey, count: 3))))
        _ = state.reduce(.cachedAccountsLoaded(generation: 0, .failure(UnreadableAccountListCache.failure)))

        #expect(state.accounts.totalCount == 0)
        #expect(state.accountsFromCache == nil)
        #expect(state.status?.text == "The cached account list was ignored: \(UnreadableAccountListCache.failure) "
            + "Listing the accounts afresh.")
        _ = state.reduce(.accountsPage(generation: 0, accounts: Array(TestOrganization.accounts.prefix(3)), isLast: false))
        #expect(state.accounts.totalCount == 3, "the listing fills the list as on a first start")
    }

    @Test func actionsWorkOnTheCachedRowsWhileTheRefreshRuns() async throws {
        try seed(Self.earlierList())
        let console = await ConsoleDriver(cache: try cache(), clock: clock, start: false)
        var state = console.state
        _ = state.begin()
        _ = state.reduce(.cachedAccountsLoaded(generation: 0, .success(try console.service.cachedAccountList())))
        _ = state.reduce(.sessionLoaded(.success(try await session(console))))
        _ = state.reduce(.key(.down))
        _ = state.reduce(.key(.down))
        let selected = try #require(state.selectedAccount)
        #expect(selected.name == "Data Lake")

        #expect(state.reduce(.key(.enter)) == [.describeAccount(selected.id), .loadPrimaryEmail(selected.id)])
        _ = state.reduce(.key(.character("u")))
        guard case .updateEmail(let dialog)? = state.overlay else {
            Issue.record("the update dialog did not open over a cached row: \(String(describing: state.status))")
            return
        }
        #expect(dialog.accountID == selected.id)
    }

    @Test func theFreshListTakesOverKeepingSelectionFilterAndSort() async throws {
        try seed(Self.earlierList())
        let console = await ConsoleDriver(cache: try cache(), clock: clock,
                                          extraAccounts: [Self.salesAnalytics, Self.sandboxLab], start: false)
        var state = console.state
        _ = state.begin()
        _ = state.reduce(.cachedAccountsLoaded(generation: 0, .success(try console.service.cachedAccountList())))
        _ = state.reduce(.sessionLoaded(.success(try await session(console))))
        // Filter on "sa" (Old Sandbox, 東京 Sandbox), sort by address, and pick the last: 東京 Sandbox.
        for key: Key in [.character("/"), .character("s"), .character("a"), .enter, .character("E"), .character("G")] {
            _ = state.reduce(.key(key))
        }
        #expect(state.accounts.shown.map { state.accounts.accounts[$0].name } == ["Old Sandbox", "東京 Sandbox"])
        let tokyo = try #require(state.selectedAccount)
        #expect(tokyo.id == TestOrganization.tokyo)

        var token: String?
        repeat {
            let page = try await console.organization.listAccounts(nextToken: token, maxResults: 20)
            token = page.nextToken
            _ = state.reduce(.accountsPage(generation: 0, accounts: page.accounts, isLast: token == nil))
        } while token != nil

        #expect(state.accountsFromCache == nil)
        #expect(state.accountsLoad == nil)
        #expect(state.accounts.totalCount == 11)
        #expect(state.accounts.account(Self.oldSandbox.id) == nil)
        #expect(state.accounts.shown.map { state.accounts.accounts[$0].name }
            == ["Sales Analytics", "Sandbox Lab", "東京 Sandbox"])
        #expect(state.selectedAccount == tokyo)
        #expect(state.accountsScreen.cursor.selected == 2)
        #expect(state.accounts.query == "sa")
        #expect(state.accounts.sort == AccountSort(column: .email))
        #expect(state.status == .success("Refreshed: 11 accounts (2 new, 1 gone)."))
    }

    // MARK: Failures

    @Test func aRefreshThatFailsHalfwayKeepsTheCachedListOnScreenAndOnDisk() async throws {
        try seed(Self.earlierList())
        let organization = TestOrganization(clock: clock)
        organization.failListing(afterPages: 1, with: Self.throttled)
        let console = await ConsoleDriver(organization: organization, store: InMemoryPendingUpdateStore(),
                                          cache: try cache(), clock: clock)

        #expect(console.state.accounts.totalCount == 10)
        #expect(console.state.accountsFromCache?.fetchedAt == Self.threeHoursAgo)
        #expect(console.state.accountsLoad == nil)
        let status = try #require(console.state.status)
        #expect(status.kind == .error)
        #expect(status.text.hasPrefix("Listing stopped after 3 accounts: "))
        #expect(status.text.contains("TooManyRequestsException"))
        #expect(status.text.contains("The cached list from 3h ago stays."))
        #expect(status.text.hasSuffix("Press R to retry."))
        #expect(try cache().accountList(backend: backendKey) == Self.earlierList())

        await console.press(.character("R"))
        #expect(console.state.accountsFromCache == nil)
        #expect(console.state.accounts.account(Self.oldSandbox.id) == nil)
        #expect(console.state.status == .success("Refreshed: 9 accounts (1 gone)."))
        let kept = try #require(try cache().accountList(backend: backendKey))
        #expect(kept.accounts == TestOrganization.accounts)
        #expect(kept.fetchedAt == clock.now)
    }

    @Test func anUnreadableCacheIsIgnoredWithAMessageAndTheAccountsAreListed() async throws {
        let console = await ConsoleDriver(cache: UnreadableAccountListCache(), clock: clock, start: false)
        var state = console.state
        _ = state.begin()
        _ = state.reduce(.cachedAccountsLoaded(generation: 0, .failure(UnreadableAccountListCache.failure)))
        #expect(state.status?.text == "The cached account list was ignored: \(UnreadableAccountListCache.failure) "
            + "Listing the accounts afresh.")
        #expect(state.accounts.totalCount == 0)
        #expect(state.accountsFromCache == nil)
        _ = state.reduce(.accountsPage(generation: 0, accounts: Array(TestOrganization.accounts.prefix(3)), isLast: false))
        #expect(state.accounts.totalCount == 3, "the listing fills the list as on a first start")

        // The whole start: the accounts are listed, and keeping them fails with the cache's error.
        let started = await ConsoleDriver(cache: UnreadableAccountListCache(), clock: clock)
        #expect(started.state.accounts.totalCount == 9)
        #expect(started.state.status == .error(
            "The account list could not be kept for the next start: \(UnreadableAccountListCache.failure)"))
    }

    // MARK: Another organization

    @Test func aCachedListOfAnotherOrganizationGivesWayWhenTheSessionSaysSo() async throws {
        let other = Self.earlierList(organizationID: "o-zzzzzzzzzz")
        let console = await ConsoleDriver(cache: try cache(), clock: clock, start: false)
        var state = console.state
        _ = state.begin()
        _ = state.reduce(.cachedAccountsLoaded(generation: 0, .success(other)))
        #expect(state.accounts.totalCount == 10)
        _ = state.reduce(.accountsPage(generation: 0, accounts: Array(TestOrganization.accounts.prefix(3)), isLast: false))

        #expect(state.reduce(.sessionLoaded(.success(try await session(console))))
            == [.forgetCachedAccounts(organizationID: "o-zzzzzzzzzz")])
        #expect(state.accountsFromCache == nil)
        #expect(state.accounts.totalCount == 3, "what the fresh listing found so far")
        #expect(state.status?.text == "The cached account list was of organization o-zzzzzzzzzz, not "
            + "\(TestOrganization.organizationID); it was dropped.")
        _ = state.reduce(.accountsPage(generation: 0, accounts: Array(TestOrganization.accounts[3...]), isLast: true))
        #expect(state.accounts.totalCount == 9)
    }

    @Test func aCachedListOfAnotherOrganizationIsNotShownOnceTheSessionIsKnown() async throws {
        let console = await ConsoleDriver(cache: try cache(), clock: clock, start: false)
        var state = console.state
        _ = state.begin()
        _ = state.reduce(.sessionLoaded(.success(try await session(console))))

        #expect(state.reduce(.cachedAccountsLoaded(generation: 0, .success(Self.earlierList(organizationID: "o-zzzzzzzzzz"))))
            == [.forgetCachedAccounts(organizationID: "o-zzzzzzzzzz")])
        #expect(state.accounts.totalCount == 0)
        #expect(state.accountsFromCache == nil)
    }

    @Test func theNextStartReplacesAListOfAnotherOrganization() async throws {
        try seed(Self.earlierList(organizationID: "o-zzzzzzzzzz"))
        let console = await ConsoleDriver(cache: try cache(), clock: clock)

        #expect(console.effects.contains(.forgetCachedAccounts(organizationID: "o-zzzzzzzzzz")))
        #expect(console.state.accounts.account(Self.oldSandbox.id) == nil)
        #expect(try cache().accountList(backend: backendKey)?.organizationID == TestOrganization.organizationID)
    }

    // MARK: Words

    @Test func agesReadInTheirLargestUnit() {
        #expect(TimeText.age(-30) == "just now")
        #expect(TimeText.age(59) == "just now")
        #expect(TimeText.age(42 * 60) == "42m ago")
        #expect(TimeText.age(3 * 3600 + 59 * 60) == "3h ago")
        #expect(TimeText.age(47 * 3600) == "47h ago")
        #expect(TimeText.age(5 * 86_400 + 3600) == "5d ago")
    }
}
