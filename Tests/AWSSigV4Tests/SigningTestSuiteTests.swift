import AWSSigV4
import Testing

/// A handful of cases from AWS's SigV4 test suite (`tests/aws-signing-test-suite/v4` in
/// awslabs/aws-c-auth, Apache-2.0): each request as the suite gives it, and the
/// `Authorization` header the suite expects.
@Suite(.tags(.unit)) struct SigningTestSuiteTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let method: String
        let target: String
        let headers: [HeaderField]
        var body = ""
        var sessionToken: String? = nil
        var addsContentSHA256Header = false
        let signedHeaders: String
        let signature: String

        var testDescription: String { name }
    }

    static let vectors: [Vector] = [
        Vector(name: "get-vanilla", method: "GET", target: "/", headers: [],
               signedHeaders: "host;x-amz-date",
               signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Vector(name: "get-relative-relative-normalized", method: "GET", target: "/example1/example2/../..", headers: [],
               signedHeaders: "host;x-amz-date",
               signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Vector(name: "get-utf8", method: "GET", target: "/ሴ", headers: [],
               signedHeaders: "host;x-amz-date",
               signature: "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
        Vector(name: "get-space-normalized", method: "GET", target: "/example space/", headers: [],
               signedHeaders: "host;x-amz-date",
               signature: "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"),
        Vector(name: "get-header-value-trim", method: "GET", target: "/",
               headers: [HeaderField("My-Header1", " value1"), HeaderField("My-Header2", " \"a   b   c\"")],
               signedHeaders: "host;my-header1;my-header2;x-amz-date",
               signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        Vector(name: "get-vanilla-query-order-key-case", method: "GET", target: "/?Param2=value2&Param1=value1", headers: [],
               signedHeaders: "host;x-amz-date",
               signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        Vector(name: "get-vanilla-query-unreserved", method: "GET",
               target: "/?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
               headers: [],
               signedHeaders: "host;x-amz-date",
               signature: "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"),
        Vector(name: "get-vanilla-with-session-token", method: "GET", target: "/", headers: [],
               sessionToken: "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267",
               signedHeaders: "host;x-amz-date;x-amz-security-token",
               signature: "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8"),
        Vector(name: "post-x-www-form-urlencoded", method: "POST", target: "/",
               headers: [HeaderField("Content-Type", "application/x-www-form-urlencoded"), HeaderField("Content-Length", "13")],
               body: "Param1=value1", addsContentSHA256Header: true,
               signedHeaders: "content-length;content-type;host;x-amz-content-sha256;x-amz-date",
               signature: "d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b"),
    ]

    static let signedAt = AMZDate(parsing: "20150830T123600Z")!

    static func expectedAuthorization(_ vector: Vector) -> String {
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=\(vector.signedHeaders), Signature=\(vector.signature)"
    }

    @Test(arguments: vectors)
    func signerProducesTheSuitesSignature(vector: Vector) throws {
        let credentials = try Credentials(
            accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            sessionToken: vector.sessionToken
        )
        let signer = try Signer(credentials: credentials, region: "us-east-1", service: "service",
                                addsContentSHA256Header: vector.addsContentSHA256Header)
        let request = SignableRequest(method: vector.method, target: vector.target, headers: vector.headers, body: Array(vector.body.utf8))
        let signed = signer.sign(request, host: "example.amazonaws.com", at: Self.signedAt.date)
        #expect(signed.headerValue(named: "Authorization") == Self.expectedAuthorization(vector))
    }

    @Test(arguments: vectors)
    func verifierAcceptsTheSuitesRequest(vector: Vector) throws {
        var headers = [HeaderField("Host", "example.amazonaws.com"), HeaderField("X-Amz-Date", "20150830T123600Z")] + vector.headers
        if let token = vector.sessionToken { headers.append(HeaderField("X-Amz-Security-Token", token)) }
        if vector.addsContentSHA256Header {
            headers.append(HeaderField("x-amz-content-sha256", "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"))
        }
        headers.append(HeaderField("Authorization", Self.expectedAuthorization(vector)))
        let request = SignableRequest(method: vector.method, target: vector.target, headers: headers, body: Array(vector.body.utf8))
        let verifier = Verifier(now: { Self.signedAt.date }) { key in
            key == "AKIDEXAMPLE" ? "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" : nil
        }
        let verified = try verifier.verify(request)
        #expect(verified.scope.service == "service")
        #expect(verified.sessionToken == vector.sessionToken)
    }
}
