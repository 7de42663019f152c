import AWSSigV4
import EmbeddedOrganization
import Foundation
import OrderedJSON
import RootmailCore

/// AWS Organizations over JSON 1.1: `POST /` with the operation's `X-Amz-Target`,
/// timestamps as seconds since 1970, errors named in `__type` over HTTP 400.
enum OrganizationsService {
    /// Whether the request is shaped as one of this service's operations.
    static func recognizes(_ request: SignableRequest) -> Bool {
        request.headerValue(named: "X-Amz-Target")?.hasPrefix(OrganizationsOperation.targetPrefix) ?? false
    }

    static func handle(_ request: SignableRequest, backend: EmbeddedBackend, requestID: String) async throws -> WireResponse {
        let target = request.headerValue(named: "X-Amz-Target") ?? ""
        guard request.method == "POST", let operation = OrganizationsOperation(target: target)
        else {
            throw EndpointError.unknownOperation(target, service: .organizations, in: .json)
        }
        let body = try JSONRequestBody(request, acceptedMediaTypes: [ContentType.json11], contentTypeRequired: true) {
            EndpointError(code: "UnsupportedMediaTypeException",
                          message: EndpointMessages.unsupportedMediaType($0, expected: ContentType.json11), status: 400)
        }
        try operation.checkInput { member in
            switch member.type {
            case .string: try body.string(member.name).map(InputMember.Value.string)
            case .integer: try body.integer(member.name).map(InputMember.Value.integer)
            }
        }
        let answer = try await ServedService.organizations.answering(operation.rawValue, modeledErrors: operation.modeledErrors) {
            try await OrganizationsOperationRunner(operation: operation, body: body, backend: backend).run()
        }
        return .json(answer, contentType: ContentType.json11, requestID: requestID)
    }
}

/// One Organizations call, its members checked against the model already: the members read, the
/// embedded organization asked, the answer shaped as AWS shapes it.
private struct OrganizationsOperationRunner {
    let operation: OrganizationsOperation
    let body: JSONRequestBody
    let backend: EmbeddedBackend

    func run() async throws -> JSONValue {
        switch operation {
        case .describeOrganization:
            let organization = try await backend.describeOrganization()
            return .object([("Organization", .object([
                ("Id", .string(organization.id)),
                ("Arn", .string(organization.arn)),
                ("FeatureSet", .string(organization.featureSet.rawValue)),
                ("MasterAccountArn", .string(organization.managementAccountARN)),
                ("MasterAccountId", .string(organization.managementAccountID.rawValue)),
                ("MasterAccountEmail", .string(organization.managementAccountEmail)),
            ]))])
        case .listAccounts:
            let maxResults = try body.integer("MaxResults") ?? ListPaging.defaultMaxResults
            let page = try await backend.listAccounts(nextToken: try body.string("NextToken"), maxResults: maxResults)
            return listAnswer("Accounts", page.accounts.map { Self.account($0) }, nextToken: page.nextToken)
        case .describeAccount:
            let id = try AccountID(try required("AccountId"))
            let details = try await backend.describeAccount(id)
            let organization = try await backend.describeOrganization()
            let path = ([organization.id] + details.parentPath.map(\.id) + [id.rawValue]).joined(separator: "/") + "/"
            return .object([("Account", Self.account(details.account, paths: [path]))])
        case .listParents:
            let child = try required("ChildId")
            let parents = try await backend.listParents(ofChild: child)
            return try paged("Parents", parents) {
                .object([("Id", .string($0.id)), ("Type", .string($0.kind.rawValue))])
            }
        case .listRoots:
            return try paged("Roots", try await backend.listRoots()) {
                .object([("Id", .string($0.id)), ("Arn", .string($0.arn)), ("Name", .string($0.name)), ("PolicyTypes", .array([]))])
            }
        case .listOrganizationalUnitsForParent:
            let parent = try required("ParentId")
            return try paged("OrganizationalUnits", try await backend.listOrganizationalUnits(forParent: parent)) {
                Self.organizationalUnit($0)
            }
        case .describeOrganizationalUnit:
            let id = try required("OrganizationalUnitId")
            return .object([("OrganizationalUnit", Self.organizationalUnit(try await backend.describeOrganizationalUnit(id)))])
        case .listAWSServiceAccessForOrganization:
            return try paged("EnabledServicePrincipals", try await backend.listAWSServiceAccess()) {
                .object([("ServicePrincipal", .string($0.servicePrincipal)),
                         ("DateEnabled", .epochSeconds($0.enabledAt.timeIntervalSince1970))])
            }
        case .enableAWSServiceAccess:
            try await backend.enableAWSServiceAccess(try servicePrincipal())
            return .object([])
        case .disableAWSServiceAccess:
            try await backend.disableAWSServiceAccess(try servicePrincipal())
            return .object([])
        case .listDelegatedAdministrators:
            let filter = try body.string("ServicePrincipal")
            return try paged("DelegatedAdministrators", try await backend.listDelegatedAdministrators(servicePrincipal: filter)) {
                guard case .object(var members) = Self.account($0.account) else { return .null }
                members.append(("DelegationEnabledDate", .epochSeconds($0.delegationEnabledAt.timeIntervalSince1970)))
                return .object(members)
            }
        case .registerDelegatedAdministrator, .deregisterDelegatedAdministrator:
            let account = try AccountID(try required("AccountId"))
            let principal = try servicePrincipal()
            if operation == .registerDelegatedAdministrator {
                try await backend.registerDelegatedAdministrator(account, servicePrincipal: principal)
            } else {
                try await backend.deregisterDelegatedAdministrator(account, servicePrincipal: principal)
            }
            return .object([])
        case .listTagsForResource:
            let resource = try required("ResourceId")
            let tags = try await backend.listTagsForResource(resource)
            let page = try ListPaging(operation: operation, maxResults: ListPaging.defaultMaxResults)
                .page(of: tags, nextToken: try body.string("NextToken"))
            return listAnswer("Tags", page.items.map { .object([("Key", .string($0.key)), ("Value", .string($0.value))]) },
                              nextToken: page.nextToken)
        }
    }

    // MARK: Members

    /// A member the model requires, present as `checkInput` found it.
    private func required(_ member: String) throws -> String {
        guard let value = try body.string(member) else { preconditionFailure("\(member) was checked as required") }
        return value
    }

    private func servicePrincipal() throws -> String { try required("ServicePrincipal") }

    /// One page of a short list, with `MaxResults` and `NextToken` honoured.
    private func paged<Item>(_ name: String, _ items: [Item], _ shape: (Item) -> JSONValue) throws -> JSONValue {
        let maxResults = try body.integer("MaxResults") ?? ListPaging.defaultMaxResults
        let page = try ListPaging(operation: operation, maxResults: maxResults)
            .page(of: items, nextToken: try body.string("NextToken"))
        return listAnswer(name, page.items.map(shape), nextToken: page.nextToken)
    }

    private func listAnswer(_ name: String, _ items: [JSONValue], nextToken: String?) -> JSONValue {
        var members: [(String, JSONValue)] = [(name, .array(items))]
        if let nextToken { members.append(("NextToken", .string(nextToken))) }
        return .object(members)
    }

    // MARK: Shapes

    static func account(_ account: Account, paths: [String]? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("Id", .string(account.id.rawValue)),
            ("Arn", .string(account.arn)),
            ("Email", .string(account.email)),
            ("Name", .string(account.name)),
            ("Status", .string(account.state.legacyStatus)),
            ("State", .string(account.state.rawValue)),
        ]
        if let paths { members.append(("Paths", .array(paths.map(JSONValue.string)))) }
        members += [
            ("JoinedMethod", .string(account.joinedMethod.rawValue)),
            ("JoinedTimestamp", .epochSeconds(account.joinedAt.timeIntervalSince1970)),
        ]
        return .object(members)
    }

    private static func organizationalUnit(_ unit: OrganizationalUnit) -> JSONValue {
        .object([("Id", .string(unit.id)), ("Arn", .string(unit.arn)), ("Name", .string(unit.name))])
    }
}
