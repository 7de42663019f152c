import AWSSigV4
import Hummingbird

/// The bridge from Hummingbird to the front end: the request handed over exactly as received
/// (method, raw request target, headers in order, body), the answer written back as is.
struct EndpointResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let frontEnd: FrontEnd

    func respond(to request: Request, context: Context) async throws -> Response {
        var signable = SignableRequest(method: request.head.method.rawValue, target: request.head.path ?? "/",
                                       headers: Self.headers(of: request))
        if let declaredLength = request.headers[.contentLength].flatMap({ Int($0) }),
           declaredLength > FrontEnd.maximumBodySize {
            return Self.response(frontEnd.answerBodyTooLarge(signable))
        }
        var body: [UInt8] = []
        for try await buffer in request.body {
            guard body.count + buffer.readableBytes <= FrontEnd.maximumBodySize else {
                return Self.response(frontEnd.answerBodyTooLarge(signable))
            }
            body += buffer.readableBytesView
        }
        signable.body = body
        return Self.response(await frontEnd.answer(signable))
    }

    /// HTTP/1 `Host` arrives as the request's authority; every other header as it came.
    private static func headers(of request: Request) -> [HeaderField] {
        var headers: [HeaderField] = []
        headers.reserveCapacity(request.headers.count + 1)
        if let authority = request.head.authority {
            headers.append(HeaderField("Host", authority))
        }
        for field in request.headers {
            headers.append(HeaderField(field.name.rawName, field.value))
        }
        return headers
    }

    private static func response(_ wire: WireResponse) -> Response {
        var fields = HTTPFields()
        for header in wire.headers {
            if let name = HTTPFields.Element.Name(header.name) {
                fields.append(HTTPFields.Element(name: name, value: header.value))
            }
        }
        return Response(status: HTTPResponse.Status(code: wire.status), headers: fields,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: wire.body)))
    }
}
