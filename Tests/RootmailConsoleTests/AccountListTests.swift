import Foundation
import RootmailCore
import Testing
@testable import RootmailConsole

/// The list model behind the accounts table: order, filter and loading page by page.
@Suite(.tags(.reducer)) struct AccountListTests {
    /// Names and addresses that sort and match in interesting ways, many sharing prefixes.
    static func generated(_ count: Int, seed: UInt64 = 7) -> [Account] {
        var generator = SeededGenerator(seed: seed)
        let words = ["Analytics", "Sandbox", "Zürich", "東京", "Payments", "data", "Prod", "Café", "lake", "AUDIT", "😀"]
        return (0..<count).map { index in
            let name = (0..<3).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
            let id = String(format: "%012d", 100_000_000_000 + index * 7919 % 900_000_000_000)
            let states = AccountState.allCases
            return TestOrganization.account(id, name, "root+\(index)@\(words.randomElement(using: &generator)!.lowercased()).example.com",
                                            states[index % states.count], daysBeforeStart: Double(index % 1000))
        }
    }

    @Test func namesSortAsAPersonAlphabetizesThem() {
        let names = ["Storefront", "São Paulo", "zeta", "Éclair", "apple", "Fig", "sao paulo", "Banana"]
        let accounts = names.enumerated().map { index, name in
            TestOrganization.account(String(200_000_000_000 + index), name, "root+\(index)@example.com")
        }
        var list = AccountList(sort: .byName)
        list.append(accounts)
        // Case and accents ignored; the two São Paulos, equal so, keep the account ID's order.
        #expect(list.shown.map { list.accounts[$0].name }
            == ["apple", "Banana", "Éclair", "Fig", "São Paulo", "sao paulo", "Storefront", "zeta"])
    }

    @Test(arguments: SortColumn.allCases, [true, false])
    func pagesInAnyOrderGiveTheOrderOfOneSort(column: SortColumn, ascending: Bool) {
        let accounts = Self.generated(500)
        var whole = AccountList(sort: AccountSort(column: column, ascending: ascending))
        whole.append(accounts)
        var paged = AccountList(sort: AccountSort(column: column, ascending: ascending))
        var shuffled = accounts
        var generator = SeededGenerator(seed: 3)
        shuffled.shuffle(using: &generator)
        for start in stride(from: 0, to: shuffled.count, by: 20) {
            paged.append(Array(shuffled[start..<min(start + 20, shuffled.count)]))
        }
        #expect(paged.shown.map { paged.accounts[$0].id } == whole.shown.map { whole.accounts[$0].id })
        let ids = whole.shown.map { whole.accounts[$0] }
        let inOrder = zip(ids, ids.dropFirst()).allSatisfy { pair in
            let (a, b) = ascending ? pair : (pair.1, pair.0)
            switch column {
            case .name: return a.name.lowercased() <= b.name.lowercased()
            case .accountID: return a.id < b.id
            case .email: return a.email.lowercased() <= b.email.lowercased()
            case .state: return AccountState.allCases.firstIndex(of: a.state)! <= AccountState.allCases.firstIndex(of: b.state)!
            case .joined: return a.joinedAt <= b.joinedAt
            }
        }
        #expect(inOrder)
    }

    @Test func filterMatchesNameIDAndAddressIgnoringCase() {
        var list = AccountList()
        list.append(TestOrganization.accounts)
        list.setQuery("ZÜRICH")
        #expect(shownNames(list) == ["Zürich Analytics"])
        list.setQuery("4444")
        #expect(shownNames(list) == ["Payments 💳 Production"])
        list.setQuery("lake@")
        #expect(shownNames(list) == ["Data Lake"])
        list.setQuery("東京")
        #expect(shownNames(list) == ["東京 Sandbox"])
        list.setQuery("")
        #expect(list.shownCount == TestOrganization.accounts.count)
    }

    @Test func narrowingAndBackspacingGiveWhatAFreshScanGives() {
        let accounts = Self.generated(3000)
        var list = AccountList()
        list.append(accounts)
        let typed = ["a", "an", "ana", "anal", "ana", "an", "a", "", "z", "zü", "zür", "zü", "l", "la", "lak", "la", "東", "😀", "x"]
        for query in typed {
            list.setQuery(query)
            var fresh = AccountList()
            fresh.append(accounts)
            fresh.setQuery(query)
            #expect(list.shown == fresh.shown, "query \(query)")
            let expected = accounts.filter { account in
                query.isEmpty || "\(account.name)\u{1}\(account.id)\u{1}\(account.email)".lowercased().contains(query.lowercased())
            }
            #expect(list.shownCount == expected.count, "query \(query)")
        }
    }

    @Test func pagesArrivingUnderAFilterAreFilteredAndRowsReported() {
        let accounts = Self.generated(200)
        var list = AccountList()
        list.setQuery("lake")
        var cursorAccount: AccountID?
        for start in stride(from: 0, to: accounts.count, by: 20) {
            let before = list.shown
            let rows = list.append(Array(accounts[start..<start + 20]))
            #expect(list.shownCount == before.count + rows.count)
            // Every reported row holds a new account; the old ones kept their order around them.
            let remaining = list.shown.enumerated().filter { !rows.contains($0.offset) }.map(\.element)
            #expect(remaining == before)
            if let cursorAccount { #expect(list.shownRow(of: cursorAccount) != nil) }
            cursorAccount = list.shownAccount(at: 0)?.id
        }
        #expect(list.shown.allSatisfy { list.accounts[$0].searchable.contains("lake") })
    }

    @Test func aChangedAddressMovesUnderEmailSortAndLeavesAFilterOnIt() {
        var list = AccountList(sort: AccountSort(column: .email))
        list.append(TestOrganization.accounts)
        list.setQuery("zurich")
        #expect(shownNames(list) == ["Zürich Analytics"])
        list.setEmail("aaa-analytics@example.net", of: TestOrganization.zurich)
        #expect(list.shownCount == 0)
        list.setQuery("")
        #expect(list.shownAccount(at: 0)?.name == "Zürich Analytics")
        #expect(list.account(TestOrganization.zurich)?.email == "aaa-analytics@example.net")
    }

    @Test(.tags(.scale)) func fiftyThousandAccountsFilterAsAFreshScanDoes() {
        let accounts = Self.generated(50_000, seed: 11)
        var list = AccountList()
        for start in stride(from: 0, to: accounts.count, by: 20) {
            list.append(Array(accounts[start..<start + 20]))
        }
        #expect(list.totalCount == 50_000)
        for query in ["c", "ca", "caf", "café", "caf", "sandbox 東"] {
            list.setQuery(query)
            let expected = accounts.filter { $0.searchable.contains(query.lowercased()) }.count
            #expect(list.shownCount == expected, "query \(query)")
        }
    }

    private func shownNames(_ list: AccountList) -> [String] {
        list.shown.map { list.accounts[$0].name }
    }
}

extension Account {
    var searchable: String { "\(name)\u{1}\(id)\u{1}\(email)".lowercased() }
}
