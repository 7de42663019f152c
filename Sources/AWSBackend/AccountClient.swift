import AWSSigV4
import Foundation
import RootmailCore

/// The AWS Account Management API's primary-email operations over rest-json:
/// `POST /getPrimaryEmail` and its siblings, errors in the `x-amzn-ErrorType` header.
struct AccountClient: Sendable {
    let sender: SignedRequestSender
    let endpoint: ServiceEndpoint

    func getPrimaryEmail(_ account: AccountID) async throws -> EmailAddress {
        let answer: PrimaryEmailAnswer = try await call(
            .getPrimaryEmail, AccountParameters(AccountId: account.rawValue), .idempotent)
        do {
            return try EmailAddress(answer.PrimaryEmail)
        } catch {
            throw RootmailError.transport(
                "\(AccountAPIOperation.getPrimaryEmail.rawValue) answered \"\(answer.PrimaryEmail)\" for account \(account), which is no email address.")
        }
    }

    func startPrimaryEmailUpdate(_ account: AccountID, to email: EmailAddress) async throws -> UpdateStatus {
        let answer: StatusAnswer = try await call(
            .startPrimaryEmailUpdate, StartParameters(AccountId: account.rawValue, PrimaryEmail: email.rawValue), .refusalsOnly)
        return try answer.status(.startPrimaryEmailUpdate)
    }

    func acceptPrimaryEmailUpdate(_ account: AccountID, email: EmailAddress, code: OneTimeCode) async throws
        -> UpdateStatus
    {
        let answer: StatusAnswer = try await call(
            .acceptPrimaryEmailUpdate, AcceptParameters(AccountId: account.rawValue, PrimaryEmail: email.rawValue, Otp: code.secret),
            .refusalsOnly)
        return try answer.status(.acceptPrimaryEmailUpdate)
    }

    func getPrimaryEmailUpdateStatus(_ account: AccountID) async throws -> UpdateStatusReport {
        let answer: StatusAnswer = try await call(
            .getPrimaryEmailUpdateStatus, AccountParameters(AccountId: account.rawValue), .idempotent)
        return UpdateStatusReport(status: try answer.status(.getPrimaryEmailUpdateStatus),
                                  updatedAt: answer.UpdatedAt?.date,
                                  email: answer.PrimaryEmail.flatMap { try? EmailAddress($0) })
    }

    private func call<Parameters: Encodable, Answer: Decodable>(
        _ operation: AccountAPIOperation, _ parameters: Parameters, _ retryScope: RetryScope
    ) async throws -> Answer {
        let request = AWSRequest(
            operation: operation.rawValue, path: operation.path,
            headers: [HeaderField("Content-Type", "application/json")],
            body: Array(try JSONEncoder().encode(parameters)), retryScope: retryScope)
        let answer = try await sender.send(request, to: endpoint, errors: .restJSON)
        return try AWSJSON.decode(Answer.self, from: answer.body, operation: operation.rawValue)
    }
}

// Requests and answers, named as in the API.

private struct AccountParameters: Encodable {
    let AccountId: String
}

private struct StartParameters: Encodable {
    let AccountId: String
    let PrimaryEmail: String
}

/// Holds the code only on its way into the request body.
private struct AcceptParameters: Encodable {
    let AccountId: String
    let PrimaryEmail: String
    let Otp: String
}

private struct PrimaryEmailAnswer: Decodable {
    let PrimaryEmail: String
}

private struct StatusAnswer: Decodable {
    let Status: String
    let UpdatedAt: AWSTimestamp?
    /// Not in AWS's answer; `rootmail serve` adds the update's address.
    let PrimaryEmail: String?

    func status(_ operation: AccountAPIOperation) throws -> UpdateStatus {
        guard let status = UpdateStatus(rawValue: Status) else {
            throw RootmailError.transport("\(operation.rawValue) answered an unknown status \"\(Status)\".")
        }
        return status
    }
}
