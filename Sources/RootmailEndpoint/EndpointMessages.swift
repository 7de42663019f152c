/// The endpoint's texts for what the front end of an AWS service refuses before any operation
/// runs, kept in one place. Texts marked *assumed* have no public source; correct them here
/// when AWS's real wording is known.
enum EndpointMessages {
    /// *assumed*: an `X-Amz-Target` or path that names no operation of the service.
    static func unknownOperation(_ name: String, service: String) -> String {
        "The operation \(name.isEmpty ? "(none)" : name) is not an operation of \(service). "
            + "Check the request's \(service == "Account" ? "method and path" : "X-Amz-Target header")."
    }

    /// STS (query): the `Action` parameter names no operation of that API version.
    static func invalidAction(_ action: String, version: String?) -> String {
        "Could not find operation \(action) for version \(version ?? "NO_VERSION_SPECIFIED")"
    }
    /// *assumed*
    static let missingAction = "Missing Action"

    /// Temporary credentials used after their expiration (AWS's text).
    static let expiredToken = "The security token included in the request is expired"

    /// Signed for one service, sent to another (AWS's text).
    static func wrongService(_ service: String) -> String {
        "Credential should be scoped to correct service: '\(service)'. "
    }

    /// *assumed*
    static func unsupportedMediaType(_ contentType: String?, expected: String) -> String {
        "The request's Content-Type \(contentType.map { "'\($0)'" } ?? "is missing; it") must be \(expected)."
    }

    /// *assumed*
    static func malformedJSON(_ problem: String) -> String { "The request body is not valid JSON: \(problem)." }
    /// *assumed*
    static let bodyNotObject = "The request body must be a JSON object."
    /// *assumed*
    static func wrongMemberType(_ member: String, expected: String) -> String {
        "The member \(member) must be \(expected)."
    }

    /// *assumed*
    static func bodyTooLarge(limit: Int) -> String {
        "The request body is larger than \(limit) bytes, the most this endpoint accepts."
    }

    /// *assumed*: a fault of the endpoint or its data directory, not of the request.
    static func internalFailure(_ detail: String) -> String {
        "The embedded organization could not answer: \(detail)"
    }
}
