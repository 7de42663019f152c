import RootmailCore

/// The organization's accounts as the console shows them: sorted, and filtered by a query
/// typed over name, ID and address. Built for 50,000 accounts: the accounts are kept once, in
/// load order; sorting and filtering only rearrange arrays of positions; a query that extends
/// the previous one narrows the previous matches instead of scanning everything again, and a
/// query shortened by Backspace returns to the matches it had.
public struct AccountList: Sendable {
    /// Every account, in the order they were loaded.
    public private(set) var accounts: [Account] = []
    private var positionByID: [AccountID: Int] = [:]
    /// Lowercased `name \u{1} id \u{1} email`, the text a query is searched in.
    private var searchTexts: [[UInt8]] = []
    private var nameKeys: [String] = []
    private var emailKeys: [String] = []

    public private(set) var sort: AccountSort
    /// Positions in `accounts`, in sort order.
    private var sorted: [Int] = []

    public private(set) var query: String = ""
    /// Each step holds the matches of a query that the next step's query contains.
    private var narrowings: [Narrowing] = []

    private struct Narrowing: Sendable {
        let needle: [UInt8]
        let matches: [Int]
    }

    /// Which `AccountState`s occur, so the State column can be as wide as its widest value.
    public private(set) var statesPresent: Set<AccountState> = []

    public init(sort: AccountSort = .byName) {
        self.sort = sort
    }

    public var totalCount: Int { accounts.count }
    public var shownCount: Int { shown.count }

    /// Positions in `accounts` of the accounts shown, in order.
    public var shown: [Int] { query.isEmpty ? sorted : narrowings.last?.matches ?? sorted }

    /// The account on a row of the shown list.
    public func shownAccount(at row: Int) -> Account? {
        let shown = shown
        return shown.indices.contains(row) ? accounts[shown[row]] : nil
    }

    public func account(_ id: AccountID) -> Account? {
        positionByID[id].map { accounts[$0] }
    }

    /// The row where an account is shown, if the filter lets it through.
    public func shownRow(of id: AccountID) -> Int? {
        guard let position = positionByID[id] else { return nil }
        let shown = shown
        let row = insertionPoint(of: position, in: shown)
        return shown.indices.contains(row) && shown[row] == position ? row : nil
    }

    // MARK: Loading

    /// Adds a page of accounts (an account seen before replaces its old copy) and returns the
    /// shown rows the new accounts landed on, ascending, so a cursor can keep its account.
    @discardableResult
    public mutating func append(_ page: [Account]) -> [Int] {
        var added: [Int] = []
        for account in page {
            if let position = positionByID[account.id] {
                replace(at: position, with: account)
                continue
            }
            let position = accounts.count
            accounts.append(account)
            positionByID[account.id] = position
            searchTexts.append(Self.searchText(of: account))
            nameKeys.append(account.name.lowercased())
            emailKeys.append(account.email.lowercased())
            statesPresent.insert(account.state)
            added.append(position)
        }
        guard !added.isEmpty else { return [] }
        added.sort(by: inOrder)
        let sortedMerge = merge(added, into: sorted)
        sorted = sortedMerge.merged
        guard !query.isEmpty, let shownBefore = narrowings.last else { return sortedMerge.rows }
        let matching = added.filter { Self.contains(searchTexts[$0], shownBefore.needle) }
        let result = merge(matching, into: shownBefore.matches)
        // Shorter queries' matches are now stale; Backspace rescans from the sorted list.
        narrowings = [Narrowing(needle: shownBefore.needle, matches: result.merged)]
        return result.rows
    }

    /// Changes an account's address (after an accepted update), keeping sort and filter right.
    public mutating func setEmail(_ email: String, of id: AccountID) {
        guard let position = positionByID[id] else { return }
        var account = accounts[position]
        account.email = email
        replace(at: position, with: account)
    }

    private mutating func replace(at position: Int, with account: Account) {
        let sortedRow = insertionPoint(of: position, in: sorted)
        accounts[position] = account
        searchTexts[position] = Self.searchText(of: account)
        nameKeys[position] = account.name.lowercased()
        emailKeys[position] = account.email.lowercased()
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

    public mutating func setSort(_ sort: AccountSort) {
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

    public mutating func setQuery(_ query: String) {
        self.query = query
        let needle = Array(query.lowercased().utf8)
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
        let matches = candidates.filter { Self.contains(searchTexts[$0], needle) }
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
        let (left, right) = (accounts[a], accounts[b])
        switch sort.column {
        case .name:
            if nameKeys[a] != nameKeys[b] { return nameKeys[a] < nameKeys[b] }
        case .accountID:
            break
        case .email:
            if emailKeys[a] != emailKeys[b] { return emailKeys[a] < emailKeys[b] }
        case .state:
            if left.state != right.state { return Self.rank(left.state) < Self.rank(right.state) }
            if nameKeys[a] != nameKeys[b] { return nameKeys[a] < nameKeys[b] }
        case .joined:
            if left.joinedAt != right.joinedAt { return left.joinedAt < right.joinedAt }
        }
        return left.id < right.id
    }

    private static func rank(_ state: AccountState) -> Int {
        AccountState.allCases.firstIndex(of: state) ?? 0
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

    private static func searchText(of account: Account) -> [UInt8] {
        Array("\(account.name)\u{1}\(account.id.rawValue)\u{1}\(account.email)".lowercased().utf8)
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                let first = pin[0]
                var start = 0
                let lastStart = hay.count - pin.count
                while start <= lastStart {
                    if hay[start] == first {
                        var offset = 1
                        while offset < pin.count, hay[start + offset] == pin[offset] { offset += 1 }
                        if offset == pin.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }
}
