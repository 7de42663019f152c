import RootmailCore

/// The organization's accounts as the console shows them: sorted, and filtered by a query
/// typed over name, ID and address. Built for 50,000 accounts: the accounts are kept once, in
/// load order; sorting and filtering only rearrange arrays of positions; a query that extends
/// the previous one narrows the previous matches instead of scanning everything again, and a
/// query shortened by Backspace returns to the matches it had.
struct AccountList: Sendable {
    /// Every account, in the order they were loaded.
    private(set) var accounts: [Account] = []
    private var positionByID: [AccountID: Int] = [:]
    /// Per account, name, ID and address: what a query is searched in, and the name's sort key.
    private var searchText = SearchText()

    private(set) var sort: AccountSort
    /// Positions in `accounts`, in sort order.
    private var sorted: [Int] = []

    private(set) var query: String = ""
    /// Each step holds the matches of a query that the next step's query contains.
    private var narrowings: [Narrowing] = []

    private struct Narrowing: Sendable {
        let needle: [UInt8]
        let matches: [Int]
    }

    /// Which `AccountState`s occur, so the State column can be as wide as its widest value.
    private(set) var statesPresent: Set<AccountState> = []

    init(sort: AccountSort = .byName) {
        self.sort = sort
    }

    var totalCount: Int { accounts.count }
    var shownCount: Int { shown.count }

    /// Positions in `accounts` of the accounts shown, in order.
    var shown: [Int] { query.isEmpty ? sorted : narrowings.last?.matches ?? sorted }

    /// The account on a row of the shown list.
    func shownAccount(at row: Int) -> Account? {
        let shown = shown
        return shown.indices.contains(row) ? accounts[shown[row]] : nil
    }

    func account(_ id: AccountID) -> Account? {
        positionByID[id].map { accounts[$0] }
    }

    /// The row where an account is shown, if the filter lets it through.
    func shownRow(of id: AccountID) -> Int? {
        guard let position = positionByID[id] else { return nil }
        let shown = shown
        let row = insertionPoint(of: position, in: shown)
        return shown.indices.contains(row) && shown[row] == position ? row : nil
    }

    // MARK: Loading

    /// Adds a page of accounts (an account seen before replaces its old copy) and returns the
    /// shown rows the new accounts landed on, ascending, so a cursor can keep its account.
    @discardableResult
    mutating func append(_ page: [Account]) -> [Int] {
        var added: [Int] = []
        for account in page {
            if let position = positionByID[account.id] {
                // The cached list read behind its first screen repeats that screen's accounts.
                if accounts[position] != account { replace(at: position, with: account) }
                continue
            }
            let position = accounts.count
            accounts.append(account)
            positionByID[account.id] = position
            searchText.append(AccountTexts(of: account))
            statesPresent.insert(account.state)
            added.append(position)
        }
        guard !added.isEmpty else { return [] }
        added.sort(by: inOrder)
        let sortedMerge = merge(added, into: sorted)
        sorted = sortedMerge.merged
        guard !query.isEmpty, let shownBefore = narrowings.last else { return sortedMerge.rows }
        let matching = searchText.matching(shownBefore.needle, among: added)
        let result = merge(matching, into: shownBefore.matches)
        // Shorter queries' matches are now stale; Backspace rescans from the sorted list.
        narrowings = [Narrowing(needle: shownBefore.needle, matches: result.merged)]
        return result.rows
    }

    /// Changes an account's address (after an accepted update), keeping sort and filter right.
    mutating func setEmail(_ email: String, of id: AccountID) {
        guard let position = positionByID[id] else { return }
        var account = accounts[position]
        account.email = email
        replace(at: position, with: account)
    }

    private mutating func replace(at position: Int, with account: Account) {
        let sortedRow = insertionPoint(of: position, in: sorted)
        accounts[position] = account
        searchText.replace(position, with: AccountTexts(of: account))
        statesPresent.insert(account.state)
        if sorted.indices.contains(sortedRow), sorted[sortedRow] == position {
            sorted.remove(at: sortedRow)
        } else if let row = sorted.firstIndex(of: position) {
            sorted.remove(at: row)
        }
        sorted.insert(position, at: insertionPoint(of: position, in: sorted))
        refilter()
    }

    // MARK: Sorting and filtering

    mutating func setSort(_ sort: AccountSort) {
        guard sort != self.sort else { return }
        if sort.column == self.sort.column {
            sorted.reverse()
            self.sort = sort
        } else {
            self.sort = sort
            sorted.sort(by: inOrder)
        }
        refilter()
    }

    mutating func setQuery(_ query: String) {
        self.query = query
        let needle = SearchText.needle(query)
        guard !needle.isEmpty else {
            narrowings = []
            return
        }
        // Matches of a query contained in the new one are a superset of the new matches.
        while let last = narrowings.last, !Self.contains(needle, last.needle) {
            narrowings.removeLast()
        }
        if narrowings.last?.needle == needle { return }
        let candidates = narrowings.last?.matches ?? sorted
        let matches = searchText.matching(needle, among: candidates)
        narrowings.append(Narrowing(needle: needle, matches: matches))
    }

    private mutating func refilter() {
        narrowings = []
        setQuery(query)
    }

    // MARK: Order

    /// The sort order, with the account ID breaking ties so the order is total.
    private func inOrder(_ a: Int, _ b: Int) -> Bool {
        sort.ascending ? ascending(a, b) : ascending(b, a)
    }

    private func ascending(_ a: Int, _ b: Int) -> Bool {
        switch sort.column {
        case .name:
            let order = searchText.compareNames(a, b)
            if order != 0 { return order < 0 }
        case .accountID:
            break
        case .email:
            let order = searchText.compareEmails(a, b)
            if order != 0 { return order < 0 }
        case .state:
            let (left, right) = (Self.rank(accounts[a].state), Self.rank(accounts[b].state))
            if left != right { return left < right }
            let order = searchText.compareNames(a, b)
            if order != 0 { return order < 0 }
        case .joined:
            let (left, right) = (accounts[a].joinedAt, accounts[b].joinedAt)
            if left != right { return left < right }
        }
        return accounts[a].id < accounts[b].id
    }

    /// States in their lifecycle order: pending activation, active, suspended, closing, closed.
    private static func rank(_ state: AccountState) -> Int {
        switch state {
        case .pendingActivation: 0
        case .active: 1
        case .suspended: 2
        case .pendingClosure: 3
        case .closed: 4
        }
    }

    /// The first row of `list` (sorted) whose account does not come before `position`'s.
    private func insertionPoint(of position: Int, in list: [Int]) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if inOrder(list[middle], position) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Merges sorted `additions` into sorted `base` by copying the runs between insertion
    /// points, so a page of 20 costs one pass over the list rather than 20 array inserts.
    private func merge(_ additions: [Int], into base: [Int]) -> (merged: [Int], rows: [Int]) {
        guard !additions.isEmpty else { return (base, []) }
        var merged: [Int] = []
        merged.reserveCapacity(base.count + additions.count)
        var rows: [Int] = []
        var copied = 0
        for addition in additions {
            let point = insertionPoint(of: addition, in: base)
            merged += base[copied..<point]
            copied = point
            rows.append(merged.count)
            merged.append(addition)
        }
        merged += base[copied...]
        return (merged, rows)
    }

    // MARK: Search text

    /// Whether a query's bytes contain another's: its matches are then a subset.
    private static func contains(_ longer: [UInt8], _ shorter: [UInt8]) -> Bool {
        shorter.isEmpty || longer.count >= shorter.count && (0...(longer.count - shorter.count)).contains { start in
            longer[start..<(start + shorter.count)].elementsEqual(shorter)
        }
    }
}
