import AWSSigV4
import Foundation
import RootmailCore

/// AWS Organizations over JSON 1.1: `POST /` with the operation's `X-Amz-Target`.
struct OrganizationsClient: Sendable {
    let sender: SignedRequestSender
    let endpoint: ServiceEndpoint

    func describeOrganization() async throws -> Organization {
        let answer: DescribeOrganizationAnswer = try await call(.describeOrganization, NoParameters())
        return try answer.organization.model()
    }

    func listAccounts(nextToken: String?, maxResults: Int) async throws -> AccountPage {
        let answer: ListAccountsAnswer = try await call(
            .listAccounts, ListAccountsParameters(NextToken: nextToken, MaxResults: maxResults))
        return AccountPage(accounts: try answer.Accounts.map { try $0.model() }, nextToken: answer.NextToken.nonEmpty)
    }

    func describeAccount(_ id: AccountID) async throws -> Account {
        let answer: DescribeAccountAnswer = try await call(.describeAccount, AccountIDParameter(AccountId: id.rawValue))
        return try answer.Account.model()
    }

    /// The direct parent of an account or organizational unit (Organizations gives exactly one).
    func parent(of childID: String) async throws -> OrganizationParent {
        let answer: ListParentsAnswer = try await call(.listParents, ListParentsParameters(ChildId: childID))
        guard let parent = answer.Parents.first else {
            throw RootmailError.transport("Organizations listed no parent for \(childID).")
        }
        return parent
    }

    func organizationalUnitName(_ id: String) async throws -> String {
        let answer: DescribeOrganizationalUnitAnswer = try await call(
            .describeOrganizationalUnit, OrganizationalUnitParameter(OrganizationalUnitId: id))
        return answer.OrganizationalUnit.Name
    }

    /// Root ids and names (an organization has one root, named `Root` unless renamed).
    func rootNames() async throws -> [String: String] {
        var names: [String: String] = [:]
        var token: String?
        repeat {
            let answer: ListRootsAnswer = try await call(.listRoots, PageParameters(NextToken: token))
            for root in answer.Roots { names[root.Id] = root.Name }
            token = answer.NextToken.nonEmpty
        } while token != nil
        return names
    }

    /// The accounts that are delegated administrators for a service principal, every page.
    func delegatedAdministratorIDs(servicePrincipal: String) async throws -> Set<String> {
        var ids: Set<String> = []
        var token: String?
        repeat {
            let answer: ListDelegatedAdministratorsAnswer = try await call(
                .listDelegatedAdministrators,
                DelegatedAdministratorsParameters(ServicePrincipal: servicePrincipal, NextToken: token))
            ids.formUnion(answer.DelegatedAdministrators.map(\.Id))
            token = answer.NextToken.nonEmpty
        } while token != nil
        return ids
    }

    private func call<Parameters: Encodable, Answer: Decodable>(
        _ operation: OrganizationsOperation, _ parameters: Parameters
    ) async throws -> Answer {
        let body = try JSONEncoder().encode(parameters)
        let request = AWSRequest(
            operation: operation.rawValue, path: "/",
            headers: [
                HeaderField("Content-Type", "application/x-amz-json-1.1"),
                HeaderField("X-Amz-Target", operation.target),
            ],
            body: Array(body), retryScope: .idempotent)
        let answer = try await sender.send(request, to: endpoint, errors: .json)
        return try AWSJSON.decode(Answer.self, from: answer.body, operation: operation.rawValue)
    }
}

/// Decoding of AWS JSON answers into rootmail's errors.
enum AWSJSON {
    static func decode<Answer: Decodable>(_ type: Answer.Type, from body: [UInt8], operation: String) throws -> Answer {
        do {
            return try JSONDecoder().decode(Answer.self, from: Data(body.isEmpty ? Array("{}".utf8) : body))
        } catch let error as RootmailError {
            throw error
        } catch {
            throw RootmailError.transport("The answer to \(operation) could not be read: \(describe(error)).")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?:
            return "\((context.codingPath + [key]).map(\.stringValue).joined(separator: ".")) is missing"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?, .dataCorrupted(let context)?:
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
