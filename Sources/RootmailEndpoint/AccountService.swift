import AWSSigV4
import EmbeddedOrganization
import Foundation
import OrderedJSON
import RootmailCore

/// AWS Account Management's primary-email operations over rest-json: `POST /<operation>` with
/// a JSON body, answered with JSON, errors named in `x-amzn-ErrorType`.
enum AccountService {
    /// Whether the request is shaped as one of this service's operations.
    static func recognizes(_ request: SignableRequest) -> Bool {
        AccountAPIOperation(path: request.path) != nil
    }

    static func handle(_ request: SignableRequest, backend: EmbeddedBackend, requestID: String) async throws -> WireResponse {
        guard request.method == "POST", let operation = AccountAPIOperation(path: request.path) else {
            throw EndpointError.unknownOperation("\(request.method) \(request.path)", service: .account, in: .restJSON)
        }
        let body = try JSONRequestBody(request, acceptedMediaTypes: [ContentType.restJSON], contentTypeRequired: false) {
            EndpointError(code: "UnsupportedMediaTypeException",
                          message: EndpointMessages.unsupportedMediaType($0, expected: ContentType.restJSON), status: 415)
        }
        let answer = try await ServedService.account.answering(operation.rawValue, modeledErrors: operation.modeledErrors) {
            try await run(operation, body: body, backend: backend)
        }
        return .json(answer, contentType: ContentType.restJSON, requestID: requestID)
    }

    private static func run(_ operation: AccountAPIOperation, body: JSONRequestBody, backend: EmbeddedBackend) async throws
        -> JSONValue {
        let accountID = try body.string("AccountId")
        let answer: JSONValue
        switch operation {
        case .getPrimaryEmail:
            let email = try await backend.getPrimaryEmail(rawAccountID: accountID)
            answer = .object([("PrimaryEmail", .string(email.rawValue))])
        case .startPrimaryEmailUpdate:
            let status = try await backend.startPrimaryEmailUpdate(rawAccountID: accountID,
                                                                   rawPrimaryEmail: try body.string("PrimaryEmail"))
            answer = .object([("Status", .string(status.rawValue))])
        case .acceptPrimaryEmailUpdate:
            let status = try await backend.acceptPrimaryEmailUpdate(rawAccountID: accountID,
                                                                    rawPrimaryEmail: try body.string("PrimaryEmail"),
                                                                    rawOtp: try body.string("Otp"))
            answer = .object([("Status", .string(status.rawValue))])
        case .getPrimaryEmailUpdateStatus:
            let report = try await backend.getPrimaryEmailUpdateStatus(rawAccountID: accountID)
            var members: [(String, JSONValue)] = [("Status", .string(report.status.rawValue))]
            if let updatedAt = report.updatedAt {
                members.append(("UpdatedAt", .epochSeconds(updatedAt.timeIntervalSince1970)))
            }
            // Beyond AWS's shape (SDKs ignore it): lets rootmail's live backend tell which
            // Start the organization holds when settling one that was cut short.
            if let email = report.email { members.append(("PrimaryEmail", .string(email.rawValue))) }
            answer = .object(members)
        }
        return answer
    }
}
