import AWSSigV4
import EmbeddedOrganization

/// AWS STS over the query protocol: `Action=GetCallerIdentity&Version=2011-06-15` in a form body
/// (or the query string), answered in XML.
enum STSService {
    static let version = "2011-06-15"
    static let xmlNamespace = "https://sts.amazonaws.com/doc/2011-06-15/"

    /// Whether the request is shaped as a query-protocol call: it names an `Action`.
    static func recognizes(_ request: SignableRequest) -> Bool {
        parameters(of: request)["Action"] != nil
    }

    static func handle(_ request: SignableRequest, backend: EmbeddedBackend, requestID: String) async throws -> WireResponse {
        let parameters = parameters(of: request)
        guard let action = parameters["Action"] else {
            throw EndpointError(code: "MissingAction", message: EndpointMessages.missingAction, status: 400)
        }
        guard action == "GetCallerIdentity", parameters["Version"] == version else {
            throw EndpointError(code: "InvalidAction",
                                message: EndpointMessages.invalidAction(action, version: parameters["Version"]), status: 400)
        }
        let caller = try backend.caller()
        return .xml("""
            <GetCallerIdentityResponse xmlns="\(xmlNamespace)">
              <GetCallerIdentityResult>
                <Arn>\(XMLText.escape(caller.arn))</Arn>
                <UserId>\(XMLText.escape(caller.userID))</UserId>
                <Account>\(caller.accountID.rawValue)</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata>
                <RequestId>\(requestID)</RequestId>
              </ResponseMetadata>
            </GetCallerIdentityResponse>

            """, requestID: requestID)
    }

    /// The query string's parameters, then a form body's (which win), as AWS's query protocol
    /// reads them. A body of another content type carries no parameters.
    static func parameters(of request: SignableRequest) -> [String: String] {
        var parameters = FormEncoding.decode(Array(request.query.utf8))
        if ContentType.mediaType(of: request.headerValue(named: "Content-Type")) == ContentType.form {
            parameters.merge(FormEncoding.decode(request.body)) { _, body in body }
        }
        return parameters
    }
}

/// `application/x-www-form-urlencoded`: `k=v&k2=v2`, `+` for a space, `%XX` escapes.
enum FormEncoding {
    /// The first value of each name; malformed escapes are kept as they are.
    static func decode(_ bytes: [UInt8]) -> [String: String] {
        var result: [String: String] = [:]
        for pair in bytes.split(separator: UInt8(ascii: "&")) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = decodeComponent(parts[0])
            let value = parts.count > 1 ? decodeComponent(parts[1]) : ""
            if result[name] == nil { result[name] = value }
        }
        return result
    }

    private static func decodeComponent(_ component: ArraySlice<UInt8>) -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(component.count)
        var index = component.startIndex
        while index < component.endIndex {
            let byte = component[index]
            if byte == UInt8(ascii: "%"), index + 2 < component.endIndex,
               let high = hexValue(component[index + 1]), let low = hexValue(component[index + 2]) {
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
