import AWSSigV4
import Foundation
import RootmailCore

/// AWS STS over its query protocol: form-encoded requests, XML answers.
struct STSClient: Sendable {
    struct CallerIdentity: Sendable, Equatable {
        let account: String
        let arn: String
        let userID: String
    }

    let sender: SignedRequestSender
    let endpoint: ServiceEndpoint

    func getCallerIdentity() async throws -> CallerIdentity {
        let xml = try await call("GetCallerIdentity", [:])
        let result = "GetCallerIdentityResponse/GetCallerIdentityResult/"
        guard let account = xml[result + "Account"], let arn = xml[result + "Arn"], let userID = xml[result + "UserId"] else {
            throw Self.unreadable("GetCallerIdentity")
        }
        return CallerIdentity(account: account, arn: arn, userID: userID)
    }

    func assumeRole(roleARN: String, sessionName: String, externalID: String?, durationSeconds: Int?) async throws
        -> ExpiringCredentials
    {
        var parameters = ["RoleArn": roleARN, "RoleSessionName": sessionName]
        parameters["ExternalId"] = externalID
        parameters["DurationSeconds"] = durationSeconds.map(String.init)
        return try Self.credentials(in: try await call("AssumeRole", parameters), of: "AssumeRole")
    }

    /// Sent unsigned by a client made without credentials, as botocore sends it.
    func assumeRoleWithWebIdentity(roleARN: String, sessionName: String, webIdentityToken: String) async throws
        -> ExpiringCredentials
    {
        let action = "AssumeRoleWithWebIdentity"
        let xml = try await call(action, ["RoleArn": roleARN, "RoleSessionName": sessionName,
                                          "WebIdentityToken": webIdentityToken])
        return try Self.credentials(in: xml, of: action)
    }

    private static func credentials(in xml: XMLPaths, of action: String) throws -> ExpiringCredentials {
        let result = "\(action)Response/\(action)Result/Credentials/"
        guard let keyID = xml[result + "AccessKeyId"], let secret = xml[result + "SecretAccessKey"],
              let token = xml[result + "SessionToken"], let expirationText = xml[result + "Expiration"],
              let expiration = ISO8601Timestamp.parse(expirationText),
              let credentials = try? Credentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: token)
        else {
            throw unreadable(action)
        }
        return ExpiringCredentials(credentials: credentials, expiration: expiration)
    }

    private func call(_ action: String, _ parameters: [String: String]) async throws -> XMLPaths {
        let form = (["Action": action, "Version": "2011-06-15"].merging(parameters) { $1 })
            .sorted { $0.key < $1.key }
            .map { "\(URIEncoding.encode($0.key))=\(URIEncoding.encode($0.value))" }
            .joined(separator: "&")
        let request = AWSRequest(
            operation: action, path: "/",
            headers: [HeaderField("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: Array(form.utf8), retryScope: .idempotent)
        let answer = try await sender.send(request, to: endpoint, errors: .queryXML)
        guard let xml = XMLPaths(answer.body) else { throw Self.unreadable(action) }
        return xml
    }

    private static func unreadable(_ operation: String) -> RootmailError {
        .transport("STS answered \(operation) with XML that lacks the expected fields.")
    }
}

/// ISO 8601 timestamps as AWS writes them: `2026-11-22T16:00:00Z`, with or without fractional
/// seconds, `Z` or an offset.
enum ISO8601Timestamp {
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingWhitespace()
        if let date = try? Date(trimmed, strategy: .iso8601) { return date }
        return try? Date(trimmed, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
