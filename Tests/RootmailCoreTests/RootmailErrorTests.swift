import Testing
import RootmailCore

@Suite("Error texts", .tags(.unit))
struct RootmailErrorTests {
    private let callerARN = "arn:aws:iam::111111111111:user/admin"

    @Test("a service error reads as the AWS CLI prints it")
    func serviceErrorAsAWSCLI() {
        let error = ServiceError(.conflict, AWSMessages.emailInUse).during("StartPrimaryEmailUpdate")
        #expect("\(error)" == "An error occurred (ConflictException) when calling the StartPrimaryEmailUpdate operation: "
            + "The request failed because the new primary email is an email address which is already in use.")
        #expect(error.localizedDescription == "\(error)")
        #expect(error.serviceError?.type == .conflict)
    }

    @Test("AccessDenied texts carry the caller, the action and the reason")
    func accessDenied() {
        #expect(AWSMessages.notAuthorized(callerARN: callerARN, operation: "GetPrimaryEmail")
            == "User: arn:aws:iam::111111111111:user/admin is not authorized to perform: account:GetPrimaryEmail")
        let error = ServiceError(.accessDenied, AWSMessages.notAuthorized(
            callerARN: callerARN, operation: "StartPrimaryEmailUpdate", reason: AWSMessages.trustedAccessReason))
            .during("StartPrimaryEmailUpdate")
        #expect("\(error)" == "An error occurred (AccessDeniedException) when calling the StartPrimaryEmailUpdate "
            + "operation: User: arn:aws:iam::111111111111:user/admin is not authorized to perform: "
            + "account:StartPrimaryEmailUpdate (Your organization must first enable trusted access with AWS "
            + "Account Management.)")
    }

    @Test("a wrong code reads as a ValidationException from AcceptPrimaryEmailUpdate")
    func wrongCode() {
        let error = ServiceError(.validation, AWSMessages.codeIncorrect).during("AcceptPrimaryEmailUpdate")
        #expect("\(error)" == "An error occurred (ValidationException) when calling the AcceptPrimaryEmailUpdate "
            + "operation: The verification code is incorrect.")
    }

    @Test("each of AWS's six error types has the Account API's HTTP status")
    func httpStatuses() {
        let statuses: [(ServiceErrorType, String, Int)] = [
            (.accessDenied, "AccessDeniedException", 403), (.resourceNotFound, "ResourceNotFoundException", 404),
            (.validation, "ValidationException", 400), (.conflict, "ConflictException", 409),
            (.tooManyRequests, "TooManyRequestsException", 429), (.internalServer, "InternalServerException", 500),
        ]
        for (type, name, status) in statuses {
            #expect(type.rawValue == name)
            #expect(type.httpStatus == status)
        }
        #expect(ServiceErrorType(rawValue: "AWSOrganizationsNotInUseException").httpStatus == 400)
    }

    @Test("invalid input names the field, the value and the rule")
    func invalidInput() {
        #expect("\(RootmailError.invalidInput(field: "AccountId", value: "12", rule: "must be exactly 12 digits"))"
            == #"Invalid AccountId "12": must be exactly 12 digits."#)
        #expect("\(RootmailError.invalidInput(field: "Otp", value: nil, rule: "must be 6 letters or digits"))"
            == "Invalid Otp: must be 6 letters or digits.")
    }

    @Test("local errors show their text as written", arguments: [
        RootmailError.notFound("No pending email update for account 123456789012."),
        .configuration("Profile demo not found in ~/.aws/config."),
        .storage("Cannot open the database /tmp/x."),
        .transport("Connection refused."),
    ])
    func localErrors(error: RootmailError) {
        #expect("\(error)".hasSuffix("."))
        #expect(error.serviceError == nil)
        #expect(error.localizedDescription == "\(error)")
    }
}
