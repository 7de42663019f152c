import Foundation
import GRDB
import RootmailCore

/// A row of `cached_account_list`: one per backend, saying which organization its list is of,
/// when it was fetched and how many accounts it holds.
struct CachedAccountListRecord: RootmailRecord {
    static let databaseTableName = "cached_account_list"

    var backend: String
    var organizationID: String
    var fetchedAt: Date
    var accountCount: Int

    enum CodingKeys: String, CodingKey {
        case backend
        case organizationID = "organization_id"
        case fetchedAt = "fetched_at"
        case accountCount = "account_count"
    }

    enum Columns {
        static let backend = Column(CodingKeys.backend)
    }
}

/// A row of `cached_account`: one account of a backend's list, at its position in the listing.
struct CachedAccountRecord: RootmailRecord {
    static let databaseTableName = "cached_account"

    var backend: String
    var position: Int
    var id: String
    var arn: String
    var name: String
    var email: String
    var state: String
    var joinedMethod: String
    var joinedAt: Date

    enum CodingKeys: String, CodingKey {
        case backend, position, id, arn, name, email, state
        case joinedMethod = "joined_method"
        case joinedAt = "joined_at"
    }

    enum Columns {
        static let backend = Column(CodingKeys.backend)
        static let position = Column(CodingKeys.position)
    }

    init(_ account: Account, backend: String, position: Int) {
        self.backend = backend
        self.position = position
        id = account.id.rawValue
        arn = account.arn
        name = account.name
        email = account.email
        state = account.state.rawValue
        joinedMethod = account.joinedMethod.rawValue
        joinedAt = account.joinedAt
    }

    func account() throws -> Account {
        guard let state = AccountState(rawValue: state), let method = JoinedMethod(rawValue: joinedMethod) else {
            throw RootmailError.storage(
                "an account has the unknown state \"\(state)\" or joined method \"\(joinedMethod)\"")
        }
        return Account(id: try AccountID(id), arn: arn, name: name, email: email, state: state,
                       joinedMethod: method, joinedAt: joinedAt)
    }
}
