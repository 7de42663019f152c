import EmbeddedOrganization
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import RootmailEndpoint
import RootmailStore

/// The endpoint's front end, reached through Hummingbird's router in the test's process
/// (`app.test(.router)`): the requests a test signs go to the responder that `rootmail serve`
/// runs, without a socket, an event loop or HTTP parsing in between.
struct InProcessEndpoint: EndpointUnderTest {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let directory: DataDirectory
    let organization: EmbeddedOrganization
    let client: any TestClientProtocol

    /// The authority that Hummingbird's router testing gives every request.
    let host = "localhost"

    func send(method: String, target: String, headers: [(String, String)], body: [UInt8]) async throws
        -> RawHTTPClient.Answer {
        var fields = HTTPFields()
        for (name, value) in headers {
            // The request's authority is its Host.
            if name.lowercased() == "host" {
                guard value == host else { throw Failure(description: "a request through the router has Host \(host), not \(value)") }
                continue
            }
            guard let fieldName = HTTPFields.Element.Name(name) else { throw Failure(description: "not a header name: \(name)") }
            fields.append(HTTPFields.Element(name: fieldName, value: value))
        }
        if !headers.contains(where: { $0.0.lowercased() == "content-length" }) { fields[.contentLength] = String(body.count) }
        let response = try await client.execute(uri: target, method: HTTPRequest.Method(method) ?? .post, headers: fields,
                                                body: ByteBuffer(bytes: body))
        var answerHeaders: [String: String] = [:]
        for field in response.headers { answerHeaders[field.name.canonicalName] = field.value }
        return RawHTTPClient.Answer(status: response.status.code, headers: answerHeaders,
                                    body: Array(response.body.readableBytesView))
    }

    /// Runs `body` against a fresh front end over a fresh data directory. `now` is the front
    /// end's clock.
    @discardableResult
    static func with<T: Sendable>(throttling: Bool = false, now: @escaping @Sendable () -> Date = Date.init,
                                  _ body: @Sendable (InProcessEndpoint) async throws -> T) async throws -> T {
        try await withOrganization(throttling: throttling) { directory, organization in
            let frontEnd = try FrontEnd(organization: try EmbeddedOrganization.open(in: directory, now: now), now: now)
            let application = Application(responder: EndpointResponder(frontEnd: frontEnd))
            return try await application.test(.router) { client in
                try await body(InProcessEndpoint(directory: directory, organization: organization, client: client))
            }
        }
    }
}
