import Foundation

/// Every account of an organization as one complete listing found them: what the console shows
/// at its next start while it lists them afresh (listing thousands of accounts takes minutes).
public struct CachedAccountList: Hashable, Sendable {
    public let organizationID: String
    /// When the listing completed.
    public let fetchedAt: Date
    /// In the order the listing returned them.
    public let accounts: [Account]

    public init(organizationID: String, fetchedAt: Date, accounts: [Account]) {
        self.organizationID = organizationID
        self.fetchedAt = fetchedAt
        self.accounts = accounts
    }
}

/// Durable storage of the last complete account list of each backend. A backend keeps one
/// list: storing replaces its previous one whatever organization that was of, so lists of two
/// backends, or of two organizations behind one backend, never mix. Lists hold no codes.
public protocol AccountListCache: Sendable {
    /// The list last stored for `backend`, nil when there is none. Throws when the list cannot
    /// be read or is damaged; it is then better ignored than shown in part.
    func accountList(backend: String) throws -> CachedAccountList?
    /// The first `count` accounts of the list last stored for `backend` by name (ASCII letters
    /// compared without case), then ID: a screen of the list to show before the whole list is
    /// read and checked. Nil when there is none; throws when the list cannot be read.
    func accountListHead(backend: String, count: Int) throws -> CachedAccountList?
    /// Replaces the backend's list in one step: a reader sees the old list or the new one.
    func replaceAccountList(_ list: CachedAccountList, backend: String) throws
    /// Removes the backend's list if it is of `organizationID` (a newer list of another
    /// organization, stored meanwhile, stays).
    func removeAccountList(backend: String, organizationID: String) throws
}
