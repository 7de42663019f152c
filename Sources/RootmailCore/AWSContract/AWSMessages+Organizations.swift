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
        public static let servicePrincipalConstraint = "Member must satisfy regular expression pattern: [\\w+=,.@-]*"
        /// The smallest and largest `MaxResults` of the List operations.
        public static let maxResultsRange = 1...20

        /// A ValidationException's message for a `MaxResults` outside 1 to 20.
        public static func maxResultsOutOfRange(_ value: Int) -> String {
            let bound = value < maxResultsRange.lowerBound
                ? "greater than or equal to \(maxResultsRange.lowerBound)"
                : "less than or equal to \(maxResultsRange.upperBound)"
            return "1 validation error detected: Value '\(value)' at 'maxResults' failed to satisfy constraint: Member must have value \(bound)"
        }
    }
}
