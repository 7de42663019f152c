import Foundation

/// Every error rootmail reports. Each case carries text a person can act on.
public enum RootmailError: Error, Hashable, Sendable {
    /// A value typed by the user broke a rule; nothing was sent anywhere.
    case invalidInput(field: String, value: String?, rule: String)
    /// The backend answered with an error.
    case service(ServiceError, operation: String)
    /// Something local has no answer: an unknown caller name, a demo account that is not there.
    case notFound(String)
    /// No open update for the account in this data directory, or none for the address given.
    case nothingPending(AccountID)
    /// The backend holds a pending update for the account but its update status (`status`) names
    /// no address, and several open updates could be it: the admin keeps the one whose address
    /// received the code. `candidates` lists them with their start times.
    case ambiguousStart(AccountID, status: String, candidates: String)
    /// The address chosen to keep is none of the account's open updates (`candidates`).
    case notAnOpenUpdate(EmailAddress, account: AccountID, candidates: String)
    /// Another rootmail process is starting or completing the same update at this moment;
    /// trying again once it has finished is the remedy.
    case busy(String)
    /// rootmail itself refuses: the caller lacks the right the action needs. Nothing changed.
    case notPermitted(String)
    /// A setting, a configuration file or credentials are wrong.
    case configuration(String)
    /// The data directory or its database could not be used.
    case storage(String)
    /// The backend could not be reached or answered something unreadable.
    case transport(String)

    public var serviceError: ServiceError? {
        if case .service(let error, _) = self { return error }
        return nil
    }
}

extension RootmailError: LocalizedError, CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidInput(let field, let value, let rule):
            if let value { return "Invalid \(field) \"\(EchoedInput.excerpt(value))\": \(rule)." }
            return "Invalid \(field): \(rule)."
        case .service(let error, let operation):
            // Worded as the AWS CLI words it, so scripts and people see the same text.
            return "An error occurred (\(error.type)) when calling the \(operation) operation: \(error.message)"
        case .nothingPending(let account):
            return "No pending email update for account \(account) in this data directory. "
                + "Start one first, or name the address the code was sent to."
        case .ambiguousStart(let account, let status, let candidates):
            return "The backend cannot tell which Start it holds for account \(account): its update status "
                + "(\(status)) names no address. Candidates: \(candidates). Check which address received the code "
                + "and keep that one."
        case .notAnOpenUpdate(let address, let account, let candidates):
            return RootmailError.invalidInput(field: "address to keep", value: address.rawValue,
                                              rule: "must be one of the open updates of account \(account): \(candidates)")
                .description
        case .notFound(let text), .busy(let text), .notPermitted(let text), .configuration(let text), .storage(let text), .transport(let text):
            return text
        }
    }

    public var errorDescription: String? { description }
}

extension RootmailError {
    /// Runs a store's call, turning a driver's error into `.storage` so that front ends report it
    /// as the data directory's failure.
    static func fromStorage<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as RootmailError { throw error } catch {
            throw RootmailError.storage("The data directory's database failed: \(error)")
        }
    }
}
