import AWSSigV4
import EmbeddedOrganization
import Foundation

/// AWS STS over the query protocol: `Action=GetCallerIdentity&Version=2011-06-15` (or
/// `Action=AssumeRole`, with RoleArn, RoleSessionName, DurationSeconds and ExternalId; or
/// `Action=AssumeRoleWithWebIdentity`, unsigned, with WebIdentityToken instead of ExternalId) in
/// a form body or the query string, answered in XML.
enum STSService {
    static let version = "2011-06-15"
    static let xmlNamespace = "https://sts.amazonaws.com/doc/2011-06-15/"

    /// Whether the request is shaped as a query-protocol call: it names an `Action`.
    static func recognizes(_ request: SignableRequest) -> Bool {
        parameters(of: request)["Action"] != nil
    }

    /// AssumeRoleWithWebIdentity, which is answered whoever signed it, or nobody.
    static func isWebIdentityCall(_ request: SignableRequest) -> Bool {
        parameters(of: request)["Action"] == "AssumeRoleWithWebIdentity"
    }

    static func assumeRoleWithWebIdentity(_ request: SignableRequest, callers: CallerDirectory, requestID: String) throws
        -> WireResponse
    {
        let parameters = parameters(of: request)
        guard parameters["Version"] == version else {
            throw EndpointError(code: "InvalidAction", message: EndpointMessages.invalidAction(
                "AssumeRoleWithWebIdentity", version: parameters["Version"]), status: 400)
        }
        let (session, token) = try callers.organization.assumeRoleWithWebIdentity(
            rawRoleARN: parameters["RoleArn"], rawRoleSessionName: parameters["RoleSessionName"],
            rawDurationSeconds: parameters["DurationSeconds"], rawWebIdentityToken: parameters["WebIdentityToken"])
        callers.register(session)
        let audience = token.audience.map { "\n    <Audience>\(XMLText.escape($0))</Audience>" } ?? ""
        let provider = token.issuer.map { "\n    <Provider>\(XMLText.escape($0))</Provider>" } ?? ""
        return .xml("""
            <AssumeRoleWithWebIdentityResponse xmlns="\(xmlNamespace)">
              <AssumeRoleWithWebIdentityResult>
                <SubjectFromWebIdentityToken>\(XMLText.escape(token.subject))</SubjectFromWebIdentityToken>\(audience)\(provider)
            \(credentialsElements(session))
              </AssumeRoleWithWebIdentityResult>
              <ResponseMetadata>
                <RequestId>\(requestID)</RequestId>
              </ResponseMetadata>
            </AssumeRoleWithWebIdentityResponse>

            """, requestID: requestID)
    }

    static func handle(_ request: SignableRequest, backend: EmbeddedBackend, callers: CallerDirectory,
                       requestID: String) async throws -> WireResponse {
        let parameters = parameters(of: request)
        guard let action = parameters["Action"] else {
            throw EndpointError(code: "MissingAction", message: EndpointMessages.missingAction, status: 400)
        }
        guard parameters["Version"] == version else {
            throw EndpointError(code: "InvalidAction",
                                message: EndpointMessages.invalidAction(action, version: parameters["Version"]), status: 400)
        }
        switch action {
        case "GetCallerIdentity":
            return try getCallerIdentity(backend: backend, requestID: requestID)
        case "AssumeRole":
            let session = try backend.assumeRole(
                rawRoleARN: parameters["RoleArn"], rawRoleSessionName: parameters["RoleSessionName"],
                rawDurationSeconds: parameters["DurationSeconds"], rawExternalID: parameters["ExternalId"])
            callers.register(session)
            return assumeRoleAnswer(session, requestID: requestID)
        default:
            throw EndpointError(code: "InvalidAction",
                                message: EndpointMessages.invalidAction(action, version: parameters["Version"]), status: 400)
        }
    }

    private static func getCallerIdentity(backend: EmbeddedBackend, requestID: String) throws -> WireResponse {
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

    /// The AssumedRoleUser and Credentials elements both AssumeRole answers share.
    private static func credentialsElements(_ session: EmbeddedRoleSession) -> String {
        """
            <AssumedRoleUser>
              <AssumedRoleId>\(XMLText.escape(session.assumedRoleID))</AssumedRoleId>
              <Arn>\(XMLText.escape(session.arn))</Arn>
            </AssumedRoleUser>
            <Credentials>
              <AccessKeyId>\(session.accessKeyID)</AccessKeyId>
              <SecretAccessKey>\(XMLText.escape(session.secretAccessKey))</SecretAccessKey>
              <SessionToken>\(XMLText.escape(session.sessionToken))</SessionToken>
              <Expiration>\(session.expiration.formatted(.iso8601))</Expiration>
            </Credentials>
        """
    }

    private static func assumeRoleAnswer(_ session: EmbeddedRoleSession, requestID: String) -> WireResponse {
        .xml("""
            <AssumeRoleResponse xmlns="\(xmlNamespace)">
              <AssumeRoleResult>
            \(credentialsElements(session))
              </AssumeRoleResult>
              <ResponseMetadata>
                <RequestId>\(requestID)</RequestId>
              </ResponseMetadata>
            </AssumeRoleResponse>

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
            let name = String(decoding: URIEncoding.decodeQueryComponent(parts[0]), as: UTF8.self)
            let value = parts.count > 1 ? String(decoding: URIEncoding.decodeQueryComponent(parts[1]), as: UTF8.self) : ""
            if result[name] == nil { result[name] = value }
        }
        return result
    }
}
