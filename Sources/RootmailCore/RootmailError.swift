import Foundation

/// The error type of a service answer: AWS's six for the Account API, plus the Organizations
/// and STS types a backend may relay. A struct rather than an enum so relayed types survive.
public struct ServiceErrorType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let accessDenied = ServiceErrorType(rawValue: "AccessDeniedException")
    public static let resourceNotFound = ServiceErrorType(rawValue: "ResourceNotFoundException")
    public static let validation = ServiceErrorType(rawValue: "ValidationException")
    public static let conflict = ServiceErrorType(rawValue: "ConflictException")
    public static let tooManyRequests = ServiceErrorType(rawValue: "TooManyRequestsException")
    public static let internalServer = ServiceErrorType(rawValue: "InternalServerException")

    /// The HTTP status the Account API answers this type with.
    public var httpStatus: Int {
        switch self {
        case .accessDenied: 403
        case .resourceNotFound: 404
        case .validation: 400
        case .conflict: 409
        case .tooManyRequests: 429
        case .internalServer: 500
        default: 400
        }
    }
}

/// One entry of a ValidationException's `fieldList`.
public struct FieldProblem: Hashable, Sendable, Codable {
    public let name: String
    public let message: String
    public init(name: String, message: String) {
        self.name = name
        self.message = message
    }
}

/// An error as a service (AWS or the embedded organization) answered it.
public struct ServiceError: Error, Hashable, Sendable {
    public let type: ServiceErrorType
    public let message: String
    /// `reason` of a ValidationException (`fieldValidationFailed`, …).
    public let reason: String?
    public let fieldList: [FieldProblem]

    public init(_ type: ServiceErrorType, _ message: String, reason: String? = nil, fieldList: [FieldProblem] = []) {
        self.type = type
        self.message = message
        self.reason = reason
        self.fieldList = fieldList
    }
}

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

extension ServiceError {
    /// Wraps the error with the operation that produced it.
    public func during(_ operation: String) -> RootmailError { .service(self, operation: operation) }
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
