@testable import AWSBackend
import AWSSigV4
import Foundation
import RootmailCore
import Testing

/// Answers as the services send them, read into rootmail's models.
@Suite("Service answers", .tags(.unit))
struct AnswerDecodingTests {
    private func account(_ fields: String) throws -> Account {
        try AWSJSON.decode(DescribeAccountAnswer.self, from: Array("""
            {"Account": {"Id": "222222220001", "Arn": "arn:aws:organizations::111111111111:account/o-x/222222220001",
             "Email": "a@example.com", "Name": "A", "JoinedMethod": "CREATED", \(fields)}}
            """.utf8), operation: "DescribeAccount").Account.model()
    }

    @Test("State wins over the retiring Status; JoinedTimestamp as epoch seconds or ISO 8601")
    func accountFields() throws {
        let both = try account(#""State": "PENDING_CLOSURE", "Status": "ACTIVE", "JoinedTimestamp": 1700000000.5"#)
        #expect(both.state == .pendingClosure)
        #expect(both.joinedAt == Date(timeIntervalSince1970: 1_700_000_000.5))
        let statusOnly = try account(#""Status": "SUSPENDED", "JoinedTimestamp": "2023-11-14T22:13:20Z""#)
        #expect(statusOnly.state == .suspended)
        #expect(statusOnly.joinedAt == Date(timeIntervalSince1970: 1_700_000_000))
    }

    @Test("an unknown state or a missing field is an unreadable answer that says what is wrong")
    func unreadableAccounts() {
        #expect(throws: RootmailError.transport(
            "Organizations answered account 222222220001 with an unknown state \"FROZEN\".")) {
            try account(#""State": "FROZEN", "JoinedTimestamp": 1"#)
        }
        #expect(throws: RootmailError.transport("The answer to DescribeAccount could not be read: Account.JoinedTimestamp is missing.")) {
            try account(#""State": "ACTIVE""#)
        }
    }

    @Test("ISO 8601 times with Z, an offset, or fractional seconds")
    func timestamps() {
        let expected = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(ISO8601Timestamp.parse("2023-11-14T22:13:20Z") == expected)
        #expect(ISO8601Timestamp.parse("2023-11-14T23:13:20+01:00") == expected)
        #expect(ISO8601Timestamp.parse("2023-11-14T22:13:20.250Z") == expected.addingTimeInterval(0.25))
        #expect(ISO8601Timestamp.parse("yesterday") == nil)
    }

    @Test("STS answers: GetCallerIdentity's fields by path, form bodies encoded as botocore encodes them")
    func sts() throws {
        let xml = try #require(XMLPaths(Array("""
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult><Arn>arn:aws:iam::111111111111:user/a&amp;b</Arn>
              <UserId>AIDA</UserId><Account>111111111111</Account></GetCallerIdentityResult>
            </GetCallerIdentityResponse>
            """.utf8)))
        #expect(xml["GetCallerIdentityResponse/GetCallerIdentityResult/Arn"] == "arn:aws:iam::111111111111:user/a&b")
        #expect(XMLPaths(Array("not <xml".utf8)) == nil)
        #expect(URIEncoding.encode("arn:aws:iam::1:role/a b~é") == "arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fa%20b~%C3%A9")
    }
}
