import EmbeddedOrganization
import Foundation
import RootmailCore
import Testing

/// What no AWS SDK sends but a script or a broken client may: malformed JSON, wrong content
/// types, unknown operations, bodies over the limit, a signature for another service. Each
/// gets AWS's error shape for the protocol, from the front end in the test's process; the
/// newest operation (not yet in botocore's models) is checked with a request botocore itself
/// signs, over a socket.
@Suite(.serialized, .tags(.inProcess))
struct WireProtocolTests {
    @Test(.tags(.socket, .subprocess)) func updateStatusWithARequestSignedByBotocore() async throws {
        try await RunningEndpoint.with { endpoint in
            let member = try await endpoint.memberAccount()
            let newEmail = "status@northwind.example"
            let status = AWSClients.Call.raw(service: "account", path: "/getPrimaryEmailUpdateStatus",
                                             body: #"{"AccountId":"\#(member.id.rawValue)"}"#,
                                             headers: ["Content-Type": "application/json"])
            let outcomes = try await AWSClients.boto3([
                status,
                .api("account", "start_primary_email_update", ["AccountId": member.id.rawValue, "PrimaryEmail": newEmail]),
                status,
            ], on: endpoint)
            #expect(outcomes[0].status == 404)
            #expect(outcomes[0].headers["x-amzn-ErrorType"] == "ResourceNotFoundException")
            #expect(outcomes[2].status == 200)
            #expect(outcomes[2].bodyJSON["Status"] as? String == "PENDING")
            #expect(outcomes[2].bodyJSON["UpdatedAt"] is Double)
            // rootmail's own member, for settling a Start cut short: which address is pending.
            #expect(outcomes[2].bodyJSON["PrimaryEmail"] as? String == newEmail)

            let code = try #require(try endpoint.organization.mailbox.latestCode(to: EmailAddress(newEmail)))
            let accepted = try await AWSClients.boto3([
                .api("account", "accept_primary_email_update",
                     ["AccountId": member.id.rawValue, "PrimaryEmail": newEmail, "Otp": code.secret]),
                status,
            ], on: endpoint)
            #expect(accepted[0].response["Status"] as? String == "ACCEPTED")
            #expect(["ACCEPTED", "COMPLETED"].contains(accepted[1].bodyJSON["Status"] as? String))
        }
    }

    @Test func accountRefusesMalformedBodiesAndContentTypes() async throws {
        try await InProcessEndpoint.with { endpoint in
            let requests = SignedRequests(endpoint: endpoint)
            let admin = try endpoint.caller("admin")
            let member = try await endpoint.memberAccount()

            let malformed = try await requests.account("/getPrimaryEmail", json: #"{"AccountId": "\#(member.id)""#, as: admin)
            #expect(malformed.status == 400)
            #expect(malformed.headers["x-amzn-errortype"] == "SerializationException")
            #expect(malformed.json?["message"] is String)

            let wrongType = try await requests.account("/getPrimaryEmail", json: #"{"AccountId": 123456789012}"#, as: admin)
            #expect(wrongType.status == 400)
            #expect(wrongType.headers["x-amzn-errortype"] == "SerializationException")

            let notAnObject = try await requests.account("/getPrimaryEmail", json: #"["\#(member.id)"]"#, as: admin)
            #expect(notAnObject.headers["x-amzn-errortype"] == "SerializationException")

            let wrongMedia = try await requests.account("/getPrimaryEmail", json: #"{"AccountId":"\#(member.id)"}"#, as: admin,
                                                        contentType: "text/plain")
            #expect(wrongMedia.status == 415)
            #expect(wrongMedia.headers["x-amzn-errortype"] == "UnsupportedMediaTypeException")

            let unknown = try await requests.account("/closeAccount", json: "{}", as: admin)
            #expect(unknown.status == 404)
            #expect(unknown.headers["x-amzn-errortype"] == "UnknownOperationException")

            // Parameters in the content type are ignored, as AWS ignores them.
            let withCharset = try await requests.account("/getPrimaryEmail", json: #"{"AccountId":"\#(member.id)"}"#,
                                                         as: admin, contentType: "application/json; charset=utf-8")
            #expect(withCharset.status == 200)
            #expect(withCharset.json?["PrimaryEmail"] as? String == member.email)
        }
    }

    @Test func organizationsRefusesMalformedBodiesAndUnknownOperations() async throws {
        try await InProcessEndpoint.with { endpoint in
            let requests = SignedRequests(endpoint: endpoint)
            let admin = try endpoint.caller("admin")

            let unknown = try await requests.organizations("CreateAccount", json: "{}", as: admin)
            #expect(unknown.status == 400)
            #expect(unknown.json?["__type"] as? String == "UnknownOperationException")
            #expect(unknown.headers["content-type"] == "application/x-amz-json-1.1")

            let malformed = try await requests.organizations("DescribeAccount", json: #"{"AccountId": tru"#, as: admin)
            #expect(malformed.status == 400)
            #expect(malformed.json?["__type"] as? String == "SerializationException")

            let wrongMedia = try await requests.organizations("DescribeOrganization", json: "{}", as: admin,
                                                              contentType: "application/json")
            #expect(wrongMedia.status == 400)
            #expect(wrongMedia.json?["__type"] as? String == "UnsupportedMediaTypeException")

            let deep = String(repeating: "[", count: 10_000)
            let tooDeep = try await requests.organizations("DescribeOrganization", json: deep, as: admin)
            #expect(tooDeep.json?["__type"] as? String == "SerializationException")

            let described = try await requests.organizations("DescribeOrganization", json: "", as: admin)
            #expect(described.status == 200)
            #expect((described.json?["Organization"] as? [String: Any])?["Id"] is String)
        }
    }

    @Test func stsRefusesUnknownActions() async throws {
        try await InProcessEndpoint.with { endpoint in
            let requests = SignedRequests(endpoint: endpoint)
            let admin = try endpoint.caller("admin")
            let unknown = try await requests.sts("Action=GetSessionToken&Version=2011-06-15", as: admin)
            #expect(unknown.status == 400)
            #expect(unknown.bodyText.contains("<Code>InvalidAction</Code>"))
            #expect(unknown.bodyText.contains("<ErrorResponse"))
            #expect(unknown.bodyText.contains("<RequestId>"))

            let noVersion = try await requests.sts("Action=GetCallerIdentity", as: admin)
            #expect(noVersion.bodyText.contains("NO_VERSION_SPECIFIED"))

            let identity = try await requests.sts("Action=GetCallerIdentity&Version=2011-06-15", as: admin)
            #expect(identity.status == 200)
            #expect(identity.bodyText.contains("<Arn>\(admin.arn)</Arn>"))
        }
    }

    @Test func refusesWhatCannotBeRouted() async throws {
        try await InProcessEndpoint.with { endpoint in
            let requests = SignedRequests(endpoint: endpoint)
            let admin = try endpoint.caller("admin")

            // Signed for S3, shaped as Organizations: AWS's wrong-scope refusal.
            let wrongScope = try await requests.send(
                service: "s3", target: "/",
                headers: [("Content-Type", "application/x-amz-json-1.1"),
                          ("X-Amz-Target", "AWSOrganizationsV20161128.DescribeOrganization")],
                body: Array("{}".utf8), as: admin)
            #expect(wrongScope.status == 400)
            #expect(wrongScope.json?["__type"] as? String == "InvalidSignatureException")
            #expect((wrongScope.json?["Message"] as? String)?.contains("'organizations'") == true)

            // Signed for a service not served, shaped as nothing known.
            let elsewhere = try await requests.send(service: "ec2", method: "GET", target: "/?Foo=bar", body: [], as: admin)
            #expect(elsewhere.status == 404)
            #expect(elsewhere.headers["x-amzn-errortype"] == "UnknownOperationException")

            // Unsigned, anywhere: AWS's missing-token answer, never an HTML page.
            let unsigned = try await endpoint.send(method: "GET", target: "/index.html", headers: [], body: [])
            #expect(unsigned.status == 403)
            #expect(unsigned.headers["x-amzn-errortype"] == "MissingAuthenticationTokenException")
            #expect(unsigned.json?["message"] as? String == "Missing Authentication Token")

            // A body over the limit is refused before anything reads it.
            let huge = [UInt8](repeating: UInt8(ascii: "a"), count: 300 * 1024)
            let tooLarge = try await endpoint.send(method: "POST", target: "/getPrimaryEmail",
                                                        headers: [("Content-Type", "application/json")], body: huge)
            #expect(tooLarge.status == 413)
            #expect(tooLarge.headers["x-amzn-errortype"] == "RequestEntityTooLargeException")

            // A body changed after signing no longer matches its signature.
            let member = try await endpoint.memberAccount()
            let signed = try requests.sign(service: "account", target: "/getPrimaryEmail",
                                           headers: [("Content-Type", "application/json")],
                                           body: Array(#"{"AccountId":"\#(member.id)"}"#.utf8), as: admin)
            let tampered = try await endpoint.send(method: "POST", target: "/getPrimaryEmail",
                                                        headers: signed.headers.map { ($0.name, $0.value) },
                                                        body: Array(#"{"AccountId":"000000000000"}"#.utf8))
            #expect(tampered.status == 403)
            #expect(tampered.headers["x-amzn-errortype"] == "InvalidSignatureException")
        }
    }
}
