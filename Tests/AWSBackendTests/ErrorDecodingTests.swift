@testable import AWSBackend
import RootmailCore
import Testing

/// Each protocol's error shape, decoded as botocore decodes it.
@Suite("AWS error shapes", .tags(.unit))
struct ErrorDecodingTests {
    private func answer(_ status: Int, _ body: String, headers: [(String, String)] = []) -> HTTPAnswer {
        HTTPAnswer(status: status, headers: headers.map { (name: $0.0, value: $0.1) }, body: Array(body.utf8))
    }

    @Test("Organizations: __type after # and before :, Message or message")
    func organizations() {
        let throttled = AWSErrorShape.json.decode(answer(400, """
            {"__type": "com.amazonaws.organizations.v20161128#TooManyRequestsException:http://internal/",
             "Message": "AWS Organizations can't complete your request because another request is already in progress."}
            """))
        #expect(throttled.code == "TooManyRequestsException")
        #expect(throttled.message.hasPrefix("AWS Organizations can't complete your request"))
        #expect(throttled.isThrottling && !throttled.isCredentialRefusal)

        let lowercase = AWSErrorShape.json.decode(answer(400, #"{"__type": "AccessDeniedException", "message": "no"}"#))
        #expect(lowercase.code == "AccessDeniedException" && lowercase.message == "no")
        #expect(!lowercase.isThrottling && !lowercase.isTransient)
    }

    @Test("Account: the x-amzn-ErrorType header, message, and a ValidationException's reason and fieldList")
    func account() {
        let validation = AWSErrorShape.restJSON.decode(answer(400, """
            {"message": "Invalid input", "reason": "fieldValidationFailed",
             "fieldList": [{"name": "Otp", "message": "must be 6 characters"}]}
            """, headers: [("X-Amzn-ErrorType", "ValidationException:http://internal.amazon.com/coral/validate/")]))
        #expect(validation == AWSErrorAnswer(httpStatus: 400, code: "ValidationException", message: "Invalid input",
                                             reason: "fieldValidationFailed",
                                             fieldList: [FieldProblem(name: "Otp", message: "must be 6 characters")]))

        let throttled = AWSErrorShape.restJSON.decode(
            answer(429, #"{"message": "Rate exceeded"}"#, headers: [("x-amzn-ErrorType", "TooManyRequestsException")]))
        #expect(throttled.code == "TooManyRequestsException" && throttled.isThrottling)

        let conflict = AWSErrorShape.restJSON.decode(answer(409, #"{"message": "in use"}"#,
                                                            headers: [("x-amzn-ErrorType", "ConflictException")]))
        #expect(conflict.code == "ConflictException" && !conflict.isThrottling && !conflict.isTransient)

        let serverFault = AWSErrorShape.restJSON.decode(
            answer(500, #"{"message": "oops"}"#, headers: [("x-amzn-ErrorType", "InternalServerException")]))
        #expect(serverFault.isTransient && !serverFault.isThrottling)
    }

    @Test("STS: ErrorResponse XML, and moto's Errors-wrapped form for any protocol")
    func sts() {
        let denied = AWSErrorShape.queryXML.decode(answer(403, """
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error><Type>Sender</Type><Code>AccessDenied</Code>
                <Message>User: arn:aws:iam::1:user/x is not authorized to perform: sts:AssumeRole &amp; more</Message></Error>
              <RequestId>abc</RequestId>
            </ErrorResponse>
            """))
        #expect(denied.code == "AccessDenied")
        #expect(denied.message == "User: arn:aws:iam::1:user/x is not authorized to perform: sts:AssumeRole & more")

        let refused = AWSErrorShape.json.decode(answer(403, """
            <?xml version="1.0" encoding="utf-8"?>
            <ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match.</Message><Type>Sender</Type></Error></Errors></ErrorResponse>
            """))
        #expect(refused.code == "SignatureDoesNotMatch" && refused.isCredentialRefusal)
    }

    @Test("an answer in no AWS shape keeps its status and the start of its body")
    func unknownShape() {
        let gateway = AWSErrorShape.json.decode(answer(502, "<html><body>Bad Gateway</body></html>"))
        #expect(gateway.code == nil)
        #expect(gateway.message == #"HTTP 502 with "<html><body>Bad Gateway</body></html>""#)
        #expect(gateway.isTransient)
        #expect(AWSErrorShape.restJSON.decode(answer(429, "")).isThrottling)
    }

    @Test("full-jitter backoff doubles its cap from the base up to the maximum, never waiting longer")
    func backoff() {
        let policy = RetryPolicy(maxAttempts: 8, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        #expect((1...6).map { policy.delayCap(beforeRetry: $0) }
            == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1)])
        var generator = SystemRandomNumberGenerator()
        for retry in 1...6 {
            let delay = policy.delay(beforeRetry: retry, using: &generator)
            #expect(delay >= .zero && delay <= policy.delayCap(beforeRetry: retry))
        }
    }
}
