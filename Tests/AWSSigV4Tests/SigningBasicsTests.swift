@testable import AWSSigV4
import Foundation
import Testing

@Suite(.tags(.unit)) struct SigningBasicsTests {
    @Test func signingKeyMatchesTheExampleInAWSDocumentation() throws {
        let scope = try CredentialScope(dateStamp: "20120215", region: "us-east-1", service: "iam")
        let key = SignatureCalculation.signingKey(secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", scope: scope)
        #expect(CanonicalRequest.hex(key) == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    @Test func emptyBodyHashesToTheWellKnownValue() {
        let canonical = CanonicalRequest(SignableRequest(method: "get", path: "/"), signedHeaderNames: [])
        #expect(canonical.payloadHash == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(canonical.method == "GET")
    }

    @Test(arguments: [
        ("20260101T000000Z", 1_767_225_600 as Int64),
        ("20240229T235959Z", 1_709_251_199),
        ("19700101T000000Z", 0),
        ("21000301T120000Z", 4_107_585_600),
    ])
    func amzDateReadsAndWritesTheBasicFormat(text: String, seconds: Int64) throws {
        let date = try #require(AMZDate(parsing: text))
        #expect(date.secondsSince1970 == seconds)
        #expect(date.description == text)
        #expect(AMZDate(Date(timeIntervalSince1970: TimeInterval(seconds) + 0.9)).description == text)
    }

    @Test(arguments: [
        "", "20260101", "20260101T000000", "2026-01-01T00:00:00Z", "20261301T000000Z", "20230229T000000Z",
        "20260101T240000Z", "20260101T006000Z", "2026010IT000000Z", "20260101T000000z", " 20260101T000000Z",
        "２０２６0101T000000Z",
    ])
    func amzDateRefusesAnythingElse(text: String) {
        #expect(AMZDate(parsing: text) == nil)
    }

    @Test func hostHeaderKeepsOnlyANonDefaultPort() {
        #expect(HostHeader.value(scheme: "https", host: "Organizations.US-East-1.amazonaws.com", port: 443)
            == "organizations.us-east-1.amazonaws.com")
        #expect(HostHeader.value(scheme: "http", host: "127.0.0.1", port: 80) == "127.0.0.1")
        #expect(HostHeader.value(scheme: "http", host: "127.0.0.1", port: 8080) == "127.0.0.1:8080")
        #expect(HostHeader.value(scheme: "https", host: "localhost", port: 80) == "localhost:80")
        #expect(HostHeader.value(scheme: "http", host: "::1", port: 4566) == "[::1]:4566")
        #expect(HostHeader.value(scheme: "https", host: "example.com", port: nil) == "example.com")
    }

    @Test func uriEncodingKeepsOnlyUnreservedCharacters() {
        #expect(URIEncoding.encode("a b+c/ü~-_.") == "a%20b%2Bc%2F%C3%BC~-_.")
        #expect(URIEncoding.encodePath("/my folder/ሴ") == "/my%20folder/%E1%88%B4")
    }

    @Test(arguments: [
        ("", "/"), ("/", "/"), ("/a/./b/../c//d/", "/a/c/d/"), ("/../../x/..", "/"), ("/a/b/..", "/a"),
        ("//", "/"), ("/a%20b/", "/a%2520b/"), ("/ሴ", "/%E1%88%B4"), ("/.../", "/.../"),
    ])
    func canonicalPathDropsDotAndEmptySegmentsThenEncodesAgain(path: String, canonical: String) {
        #expect(CanonicalRequest.canonicalURI(path: path) == canonical)
    }

    @Test(arguments: [
        ("", ""), ("b=2&a=1", "a=1&b=2"), ("a=2&a=1&a=", "a=&a=1&a=2"), ("flag", "flag="), ("&&a=1&", "a=1"),
        ("q=a+b", "q=a%20b"), ("q=%2f%2F%zz%", "q=%2F%2F%25zz%25"), ("k=v=w", "k=v%3Dw"), ("Z=1&a=1", "Z=1&a=1"),
    ])
    func canonicalQueryIsDecodedReencodedAndSorted(query: String, canonical: String) {
        #expect(CanonicalRequest.canonicalQuery(query) == canonical)
    }

    @Test func credentialsRefuseEmptyOrPastedWhitespace() {
        #expect(throws: InvalidCredentials(message: "The AWS access key id is empty: give the whole value.")) {
            try Credentials(accessKeyID: "", secretAccessKey: "secret")
        }
        #expect(throws: InvalidCredentials(
            message: "The AWS secret access key contains whitespace: remove the spaces or line breaks copied with it."
        )) {
            try Credentials(accessKeyID: "AKID", secretAccessKey: "secret\n")
        }
        #expect(throws: InvalidCredentials.self) { try Credentials(accessKeyID: "AKID", secretAccessKey: "s", sessionToken: "") }
    }

    @Test func credentialsNeverShowTheSecret() throws {
        let credentials = try Credentials(accessKeyID: "AKID", secretAccessKey: "very-secret", sessionToken: "token-value")
        #expect(!"\(credentials)".contains("very-secret"))
        #expect(!"\(credentials)".contains("token-value"))
        #expect("\(credentials)".contains("AKID"))
    }

    @Test func signerRefusesAnUnusableScope() throws {
        let credentials = try Credentials(accessKeyID: "AKID", secretAccessKey: "secret")
        #expect(throws: InvalidScope.self) { try Signer(credentials: credentials, region: "", service: "account") }
        #expect(throws: InvalidScope.self) { try Signer(credentials: credentials, region: "us-east-1", service: "acc/ount") }
    }

    @Test func signingTwiceReplacesTheEarlierSignature() throws {
        let credentials = try Credentials(accessKeyID: "AKID", secretAccessKey: "secret", sessionToken: "token")
        let signer = try Signer(credentials: credentials, region: "us-east-1", service: "account")
        let request = SignableRequest(method: "POST", path: "/getPrimaryEmail", body: Array("{}".utf8))
        let first = signer.sign(request, host: "localhost:8080", at: Date(timeIntervalSince1970: 1_767_225_600))
        let second = signer.sign(first, host: "localhost:8080", at: Date(timeIntervalSince1970: 1_767_225_660))
        for name in ["Authorization", "X-Amz-Date", "X-Amz-Security-Token", "Host"] {
            #expect(second.headerValues(named: name).count == 1, "\(name) appears once")
        }
        #expect(second.headerValue(named: "X-Amz-Date") == "20260101T000100Z")
        #expect(second.headerValue(named: "Authorization") != first.headerValue(named: "Authorization"))
    }
}
