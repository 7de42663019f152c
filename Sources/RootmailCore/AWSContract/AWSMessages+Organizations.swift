/// AWS Organizations' texts, for the backends that answer Organizations calls. Texts marked
/// *assumed* have no public source; correct them here when AWS's real wording is known.
extension AWSMessages {
    public enum Organizations {
        public static let accessDenied = "You don't have permissions to access this resource."
        public static let accountNotFound = "You specified an account that doesn't exist."
        /// *assumed*
        public static let parentNotFound = "You specified a parent that doesn't exist."
        /// *assumed*
        public static let organizationalUnitNotFound = "You specified an organizational unit that doesn't exist."
        /// *assumed*
        public static let childNotFound = "You specified a child that doesn't exist."
        /// *assumed*
        public static let targetNotFound = "You specified a target that doesn't exist."
        public static let invalidNextToken =
            "You specified an invalid value for nextToken. You must get the value from the response to a previous call to the API."
        public static let invalidNextTokenReason = "INVALID_NEXT_TOKEN"
        public static let accountAlreadyRegistered =
            "The provided account is already a delegated administrator for your organization."
        public static let accountNotRegistered =
            "The provided account is not a registered delegated administrator for your organization."
        /// *assumed*
        public static let cannotRegisterManagementAccount =
            "You cannot register the management account as a delegated administrator for your organization."
        public static let cannotRegisterManagementAccountReason = "CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR"
        /// *assumed*
        public static let tooManyDelegatedAdministrators =
            "You have exceeded the maximum number of delegated administrators for this service."
        public static let tooManyDelegatedAdministratorsReason = "MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED"
        /// The smallest and largest `MaxResults` of the List operations.
        public static let maxResultsRange = 1...20

        /// InvalidInputException's message for a member that breaks a constraint of its model:
        /// the sentence the model documents for the Reason (INVALID_PATTERN's as AWS sends it),
        /// then the member and the constraint in the words of AWS's validation errors (*assumed*).
        public static func invalidInput(member: String, _ violation: ConstraintViolation) -> String {
            let sentence = switch violation {
            case .missing: "You must include a value for all required parameters."
            case .tooShort: "You provided a string parameter that is shorter than allowed."
            case .tooLong: "You provided a string parameter that is longer than allowed."
            case .belowMinimum: "You provided a numeric parameter that has a smaller value than allowed."
            case .aboveMaximum: "You provided a numeric parameter that has a larger value than allowed."
            case .patternMismatch: "You provided a value that does not match the required pattern."
            case .notInEnumeration: "You specified an invalid value."
            }
            return "\(sentence) Value at '\(member)' failed to satisfy constraint: \(violation.message)"
        }
    }
}
