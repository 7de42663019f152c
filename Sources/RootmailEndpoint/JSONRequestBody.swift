import AWSSigV4
import OrderedJSON

/// The JSON object a rest-json or JSON 1.1 request carries, checked as AWS's front ends check
/// it: the content type, then the syntax, then the type of each member read.
struct JSONRequestBody {
    private let object: JSONValue

    /// - Parameters:
    ///   - acceptedMediaTypes: the content types the protocol takes (parameters are ignored).
    ///   - contentTypeRequired: whether a request without a body must name one all the same.
    ///   - unsupported: the error for any other content type.
    init(_ request: SignableRequest, acceptedMediaTypes: Set<String>, contentTypeRequired: Bool,
         unsupported: (String?) -> EndpointError) throws(EndpointError) {
        let contentType = request.headerValue(named: "Content-Type")
        let isBlank = request.body.allSatisfy { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if !isBlank || contentTypeRequired {
            guard let media = ContentType.mediaType(of: contentType), acceptedMediaTypes.contains(media) else {
                throw unsupported(contentType)
            }
        }
        guard !isBlank else {
            object = .object([])
            return
        }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: request.body)
        } catch {
            throw .serialization(EndpointMessages.malformedJSON(error.description))
        }
        guard case .object = value else { throw .serialization(EndpointMessages.bodyNotObject) }
        object = value
    }

    /// A string member; nil when absent or JSON `null`.
    func string(_ member: String) throws(EndpointError) -> String? {
        switch object[member] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw .serialization(EndpointMessages.wrongMemberType(member, expected: "a string"))
        }
    }

    /// An integer member; nil when absent or JSON `null`.
    func integer(_ member: String) throws(EndpointError) -> Int? {
        switch object[member] {
        case nil, .null?: return nil
        case .number(let number)?:
            guard number == number.rounded(), abs(number) <= Double(Int32.max) else {
                throw .serialization(EndpointMessages.wrongMemberType(member, expected: "a whole number"))
            }
            return Int(number)
        default: throw .serialization(EndpointMessages.wrongMemberType(member, expected: "a whole number"))
        }
    }
}
