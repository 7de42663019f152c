import Foundation
import RootmailCore

/// A running ListAccounts load.
struct AccountsLoad: Sendable {
    let generation: Int
    var loadedCount = 0
    /// A refresh (R, or the start over a cached list) fills this list out of sight and shows it
    /// once complete; a first load fills the shown list directly so the first frame does not
    /// wait for every page.
    var replacement: AccountList?
}

/// Where a shown list that no listing of this session produced comes from: the list cached by
/// the last complete listing, shown at start until a fresh listing completes.
struct CachedAccountsOrigin: Hashable, Sendable {
    let organizationID: String
    let fetchedAt: Date
}

extension CachedAccountsOrigin {
    init(_ list: CachedAccountList) {
        self.init(organizationID: list.organizationID, fetchedAt: list.fetchedAt)
    }
}

/// The account list every screen shares: loaded page by page, shown from the cache at start,
/// refreshed out of sight.
extension ConsoleState {
    /// R on the Accounts screen: lists afresh, out of sight when a list is already shown.
    mutating func refreshAccounts() -> [ConsoleEffect] {
        accountsGeneration += 1
        var load = AccountsLoad(generation: accountsGeneration)
        if accounts.totalCount > 0 { load.replacement = emptyAccountList() }
        accountsLoad = load
        var effects: [ConsoleEffect] = [.loadAccounts(generation: accountsGeneration)]
        if case .failed = session {
            session = .loading
            effects.insert(.loadSession, at: 0)
        }
        return effects
    }

    mutating func receiveAccounts(_ page: [Account], generation: Int, isLast: Bool) {
        guard var load = accountsLoad, load.generation == generation else { return }
        // Take the lists out of the state first so appending does not copy 50,000 accounts.
        accountsLoad = nil
        if var replacement = load.replacement {
            load.replacement = nil
            replacement.append(page)
            load.loadedCount = replacement.totalCount
            if isLast {
                showRefreshedAccounts(replacement)
            } else {
                load.replacement = replacement
                accountsLoad = load
            }
        } else {
            let rows = accounts.append(page)
            accountsScreen.itemsInserted(at: rows, in: accounts, height: ConsoleLayout.tableHeight(size))
            load.loadedCount = accounts.totalCount
            if !isLast { accountsLoad = load }
        }
    }

    mutating func accountsFailed(_ error: RootmailError, generation: Int) {
        guard let load = accountsLoad, load.generation == generation else { return }
        accountsLoad = nil
        let cachedListAge = accountsFromCache.map { TimeText.age(now.timeIntervalSince($0.fetchedAt)) }
        status = .error(ConsoleMessages.listingStopped(after: load.loadedCount, error, cachedListAge: cachedListAge))
    }

    private mutating func showRefreshedAccounts(_ refreshed: AccountList) {
        let selectedID = selectedAccount?.id
        var refreshed = refreshed
        // The user may have sorted or filtered while the refresh ran.
        refreshed.setSort(accounts.sort)
        refreshed.setQuery(accounts.query)
        // Both lists hold each account once: what is not new was kept, the rest is gone.
        let added = refreshed.accounts.count(where: { accounts.account($0.id) == nil })
        let gone = accounts.totalCount - (refreshed.totalCount - added)
        accounts = refreshed
        accountsFromCache = nil
        keepSelection(on: selectedID)
        // A background refresh may end long after the user moved on: it does not hide their message.
        guard status == nil else { return }
        status = .success(ConsoleMessages.refreshed(total: accounts.totalCount, added: added, gone: gone))
    }

    /// Shows the cached list while the load lists afresh out of sight, if nothing of the fresh
    /// listing is shown yet and the list is of the session's organization (when known).
    mutating func receiveCachedAccounts(_ result: Result<CachedAccountList?, RootmailError>,
                                        generation: Int) -> [ConsoleEffect] {
        guard var load = accountsLoad, load.generation == generation, load.replacement == nil,
              accounts.totalCount == 0 else { return [] }
        switch result {
        case .success(nil):
            return []
        case .failure(let error):
            status = StatusMessage(ConsoleMessages.cachedListIgnored(error))
            return []
        case .success(let cached?):
            if let organizationID = session.value?.organization.id, organizationID != cached.organizationID {
                return [.forgetCachedAccounts(organizationID: cached.organizationID)]
            }
            accounts.append(cached.accounts)
            accountsScreen.cursor = ListCursor()
            accountsFromCache = CachedAccountsOrigin(cached)
            load.replacement = emptyAccountList()
            accountsLoad = load
            return []
        }
    }

    /// The whole cached list, read behind the screen of it shown first: completes the shown
    /// list if it is the same list; a list replaced, removed or damaged meanwhile stops
    /// standing for the organization, and what the fresh listing finds is shown instead.
    mutating func completeCachedAccounts(_ result: Result<CachedAccountList?, RootmailError>,
                                         generation: Int) -> [ConsoleEffect] {
        guard let load = accountsLoad, load.generation == generation, let origin = accountsFromCache else { return [] }
        if case .success(let cached?) = result, CachedAccountsOrigin(cached) == origin {
            let rows = accounts.append(cached.accounts)
            accountsScreen.itemsInserted(at: rows, in: accounts, height: ConsoleLayout.tableHeight(size))
            return []
        }
        if case .failure(let error) = result { status = StatusMessage(ConsoleMessages.cachedListIgnored(error)) }
        showListedSoFar()
        return []
    }

    /// A cached list of another organization than the one the backend answers for must not
    /// stand for it: what the fresh listing has found so far is shown instead.
    mutating func dropCachedAccounts(unlessOf organizationID: String) -> [ConsoleEffect] {
        guard let origin = accountsFromCache, origin.organizationID != organizationID else { return [] }
        showListedSoFar()
        status = StatusMessage(ConsoleMessages.cachedListOfAnotherOrganization(origin.organizationID,
                                                                               not: organizationID))
        return [.forgetCachedAccounts(organizationID: origin.organizationID)]
    }

    /// Puts what the fresh listing has found so far in place of the cached list, and lets the
    /// rest of the listing fill the shown list directly.
    private mutating func showListedSoFar() {
        let selectedID = selectedAccount?.id
        accountsFromCache = nil
        if var load = accountsLoad, let listedSoFar = load.replacement {
            load.replacement = nil
            accounts = listedSoFar
            accountsLoad = load
        } else {
            accounts = emptyAccountList()
        }
        keepSelection(on: selectedID)
    }

    /// An empty list sorted and filtered as the shown one.
    private func emptyAccountList() -> AccountList {
        var list = AccountList(sort: accounts.sort)
        list.setQuery(accounts.query)
        return list
    }

    /// Shows an accepted address at once, in the list and in the details.
    mutating func showNewAddress(_ email: EmailAddress, of id: AccountID) {
        let selectedID = selectedAccount?.id
        accounts.setEmail(email.rawValue, of: id)
        // A refresh running now may have listed the account before the change.
        accountsLoad?.replacement?.setEmail(email.rawValue, of: id)
        keepSelection(on: selectedID)
        if details?.accountID == id { details?.primaryEmail = .loaded(email) }
    }

    /// Keeps the Accounts selection on an account after the list changed under it.
    mutating func keepSelection(on id: AccountID?) {
        accountsScreen.keepSelection(on: id, in: accounts, height: ConsoleLayout.tableHeight(size))
    }
}
