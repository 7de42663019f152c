import RootmailCore

/// The Organizations error types the embedded organization answers with, beside AWS's six.
extension ServiceErrorType {
    public static let accountNotFound = ServiceErrorType(rawValue: "AccountNotFoundException")
    public static let parentNotFound = ServiceErrorType(rawValue: "ParentNotFoundException")
    public static let organizationalUnitNotFound = ServiceErrorType(rawValue: "OrganizationalUnitNotFoundException")
    public static let childNotFound = ServiceErrorType(rawValue: "ChildNotFoundException")
    public static let targetNotFound = ServiceErrorType(rawValue: "TargetNotFoundException")
    public static let invalidInput = ServiceErrorType(rawValue: "InvalidInputException")
    public static let accountAlreadyRegistered = ServiceErrorType(rawValue: "AccountAlreadyRegisteredException")
    public static let accountNotRegistered = ServiceErrorType(rawValue: "AccountNotRegisteredException")
    public static let constraintViolation = ServiceErrorType(rawValue: "ConstraintViolationException")
}
