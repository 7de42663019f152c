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
    /// What the refusal means where rootmail acts on it, read from the answer once, here, as the
    /// answer becomes a ServiceError; nil for every other refusal.
    public let knownReason: ServiceErrorReason?

    public init(_ type: ServiceErrorType, _ message: String, reason: String? = nil, fieldList: [FieldProblem] = []) {
        self.type = type
        self.message = message
        self.reason = reason
        self.fieldList = fieldList
        knownReason = ServiceErrorReason(message: message)
    }
}

/// The refusals whose meaning rootmail acts on. AWS's answers carry no code finer than the
/// error type, so the meaning is read from the message (see `AWSMessages`) in one place: nothing
/// downstream compares message texts.
public enum ServiceErrorReason: Hashable, Sendable {
    /// Accept with a wrong code: the attempt counts, and enough of them void the code.
    case codeIncorrect
    /// Accept after the code's lifetime ran out: Start again for a new code.
    case codeExpired

    init?(message: String) {
        switch message {
        case AWSMessages.codeIncorrect: self = .codeIncorrect
        case AWSMessages.codeExpired: self = .codeExpired
        default: return nil
        }
    }
}

extension ServiceError {
    /// Wraps the error with the operation that produced it.
    public func during(_ operation: String) -> RootmailError { .service(self, operation: operation) }

    public func during(_ operation: some AWSOperation) -> RootmailError { during(operation.rawValue) }
}
