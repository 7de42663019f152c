import Foundation

/// Every error rootmail reports. Each case carries text a person can act on.
public enum RootmailError: Error, Hashable, Sendable {
    /// A value typed by the user broke a rule; nothing was sent anywhere.
    case invalidInput(field: String, value: String?, rule: String)
    /// The backend answered with an error.
    case service(ServiceError, operation: String)
    /// Something local has no answer: no pending update for an account, an unknown caller name.
    case notFound(String)
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
