import RootmailCore

/// Checks the raw members of an Account API request (as the endpoint receives them in JSON)
/// the way AWS's front end does, before any other check: each member against its constraints
/// in the operation's model (`AccountAPIOperation.input`), then as the value it names; every
/// malformed member goes into one ValidationException with reason `fieldValidationFailed` and
/// a `fieldList` entry per member.
///
///     var input = AccountAPIInput(operation: .getPrimaryEmail)
///     let account = input.accountID(body["AccountId"])
///     guard let account, input.problems.isEmpty else { throw input.failure }
public struct AccountAPIInput {
    public let operation: AccountAPIOperation
    public private(set) var problems: [FieldProblem] = []

    public init(operation: AccountAPIOperation) {
        self.operation = operation
    }

    /// The ValidationException for the problems found so far.
    public var failure: RootmailError {
        ServiceError(.validation, AWSMessages.validationFailed(problems), reason: AWSMessages.fieldValidationFailed,
                     fieldList: problems).during(operation)
    }

    /// `AccountId`; nil when absent (where the model allows it) or malformed.
    public mutating func accountID(_ raw: String?) -> AccountID? {
        checked("AccountId", raw).flatMap { try? AccountID($0) }
    }

    /// `PrimaryEmail`: within the model's length, and one address.
    public mutating func primaryEmail(_ raw: String?) -> EmailAddress? {
        guard let raw = checked("PrimaryEmail", raw) else { return nil }
        do {
            let email = try EmailAddress(raw, field: "PrimaryEmail")
            guard email.rawValue == raw else { return reject("PrimaryEmail", "Member must not contain spaces") }
            return email
        } catch {
            guard case .invalidInput(_, _, let rule) = error else { return reject("PrimaryEmail", "\(error)") }
            return reject("PrimaryEmail", "Member \(rule)")
        }
    }

    /// `Otp`: the model's pattern is the code's whole form.
    public mutating func otp(_ raw: String?) -> OneTimeCode? {
        checked("Otp", raw).flatMap { try? OneTimeCode($0) }
    }

    /// The value when it meets its member's constraints; else the problem is noted.
    private mutating func checked(_ name: String, _ raw: String?) -> String? {
        guard let member = operation.input.first(where: { $0.name == name }) else {
            preconditionFailure("\(operation.rawValue) has no member \(name) in its model")
        }
        if let violation = member.violation(of: raw.map(InputMember.Value.string)) {
            return reject(name, violation.message)
        }
        return raw
    }

    private mutating func reject<T>(_ member: String, _ message: String) -> T? {
        problems.append(FieldProblem(name: member, message: message))
        return nil
    }
}
