import RootmailCore

/// Organizations' front end checks every member of a request against the operation's model
/// (`OrganizationsOperation.input`) before the operation runs: the first broken constraint is
/// an InvalidInputException with the model's Reason for it, naming the member.
extension OrganizationsOperation {
    /// Checks each member of the input, read by `value` (nil: absent).
    public func checkInput(_ value: (InputMember) throws -> InputMember.Value?) throws {
        for member in input {
            try check(member, try value(member))
        }
    }

    /// Checks one member, for the embedded organization's typed calls.
    func check(_ name: String, _ value: InputMember.Value?) throws(RootmailError) {
        guard let member = input.first(where: { $0.name == name }) else {
            preconditionFailure("\(rawValue) has no member \(name) in its model")
        }
        try check(member, value)
    }

    private func check(_ member: InputMember, _ value: InputMember.Value?) throws(RootmailError) {
        guard let violation = member.violation(of: value) else { return }
        throw ServiceError(.invalidInput, AWSMessages.Organizations.invalidInput(member: member.name, violation),
                           reason: violation.organizationsReason).during(self)
    }
}
