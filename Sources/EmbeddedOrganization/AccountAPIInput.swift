import RootmailCore

/// Checks the raw members of an Account API request (as the endpoint receives them in JSON)
/// the way AWS's front end does, before any other check: every malformed member goes into one
/// ValidationException with reason `fieldValidationFailed` and a `fieldList` entry per member.
///
///     var input = AccountAPIInput(operation: .getPrimaryEmail)
///     let account = input.accountID(body["AccountId"])
///     guard let account else { throw input.failure }
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

    /// `AccountId`: exactly 12 digits, nothing around them.
    public mutating func accountID(_ raw: String?, member: String = "AccountId") -> AccountID? {
        guard let raw else { return reject(member, AWSMessages.memberMissing) }
        guard raw.utf8.count == 12, raw.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let id = try? AccountID(raw) else {
            return reject(member, AWSMessages.accountIDConstraint)
        }
        return id
    }

    /// `PrimaryEmail`: 5 to 64 characters forming one address.
    public mutating func primaryEmail(_ raw: String?, member: String = "PrimaryEmail") -> EmailAddress? {
        guard let raw else { return reject(member, AWSMessages.memberMissing) }
        guard EmailAddress.lengthRange.contains(EmailAddress.length(of: raw)) else {
            return reject(member, AWSMessages.primaryEmailLengthConstraint)
        }
        do {
            let email = try EmailAddress(raw, field: member)
            guard email.rawValue == raw else { return reject(member, "Member must not contain spaces") }
            return email
        } catch {
            guard case .invalidInput(_, _, let rule) = error else { return reject(member, "\(error)") }
            return reject(member, "Member \(rule)")
        }
    }

    /// `Otp`: 6 ASCII letters or digits, nothing around them.
    public mutating func otp(_ raw: String?, member: String = "Otp") -> OneTimeCode? {
        guard let raw else { return reject(member, AWSMessages.memberMissing) }
        guard raw.utf8.count == OneTimeCode.length, let code = try? OneTimeCode(raw) else {
            return reject(member, AWSMessages.otpConstraint)
        }
        return code
    }

    private mutating func reject<T>(_ member: String, _ message: String) -> T? {
        problems.append(FieldProblem(name: member, message: message))
        return nil
    }
}
