import AWSSigV4
import EmbeddedOrganization
import Foundation

/// Requests signed in the test with the project's own signer and sent exactly as signed.
struct SignedRequests {
    let endpoint: any EndpointUnderTest

    /// Signs for `service` as `caller` (with `secret` in place of the caller's own, when given)
    /// and sends the request exactly as signed.
    func send(service: String, method: String = "POST", target: String, headers: [(String, String)] = [],
              body: [UInt8], as caller: EmbeddedCaller, secret: String? = nil, at time: Date = Date()) async throws
        -> RawHTTPClient.Answer {
        let signed = try sign(service: service, method: method, target: target, headers: headers, body: body,
                              as: caller, secret: secret, at: time)
        return try await endpoint.send(method: method, target: target, headers: signed.headers.map { ($0.name, $0.value) },
                                       body: body)
    }

    func sign(service: String, method: String = "POST", target: String, headers: [(String, String)], body: [UInt8],
              as caller: EmbeddedCaller, secret: String? = nil, at time: Date = Date()) throws -> SignableRequest {
        let request = SignableRequest(method: method, target: target, headers: headers.map { HeaderField($0.0, $0.1) }, body: body)
        return try RequestSigning.sign(request, accessKeyID: caller.accessKeyID, secretAccessKey: secret ?? caller.secretAccessKey,
                                       service: service, host: endpoint.host, at: time)
    }

    // Shapes of the three protocols, for the tests' requests.

    func account(_ path: String, json: String, as caller: EmbeddedCaller,
                 contentType: String = "application/json") async throws -> RawHTTPClient.Answer {
        try await send(service: "account", target: path, headers: [("Content-Type", contentType)], body: Array(json.utf8), as: caller)
    }

    func organizations(_ operation: String, json: String, as caller: EmbeddedCaller,
                       contentType: String = "application/x-amz-json-1.1") async throws -> RawHTTPClient.Answer {
        try await send(service: "organizations", target: "/",
                       headers: [("Content-Type", contentType), ("X-Amz-Target", "AWSOrganizationsV20161128.\(operation)")],
                       body: Array(json.utf8), as: caller)
    }

    func sts(_ form: String, as caller: EmbeddedCaller) async throws -> RawHTTPClient.Answer {
        try await send(service: "sts", target: "/", headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
                       body: Array(form.utf8), as: caller)
    }
}
