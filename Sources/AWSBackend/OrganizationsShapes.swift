import Foundation
import RootmailCore

// Requests and answers of the Organizations operations rootmail calls, named as in the API.

struct NoParameters: Encodable {}

struct PageParameters: Encodable {
    let NextToken: String?
}

struct ListAccountsParameters: Encodable {
    let NextToken: String?
    let MaxResults: Int
}

struct AccountIDParameter: Encodable {
    let AccountId: String
}

struct ListParentsParameters: Encodable {
    let ChildId: String
}

struct OrganizationalUnitParameter: Encodable {
    let OrganizationalUnitId: String
}

struct DelegatedAdministratorsParameters: Encodable {
    let ServicePrincipal: String
    let NextToken: String?
}

struct DescribeOrganizationAnswer: Decodable {
    struct Shape: Decodable {
        let Id: String
        let Arn: String
        let FeatureSet: String
        let MasterAccountId: String
        let MasterAccountArn: String
        let MasterAccountEmail: String

        func model() throws -> Organization {
            guard let featureSet = RootmailCore.FeatureSet(rawValue: FeatureSet) else {
                throw RootmailError.transport("Organizations answered an unknown feature set \"\(FeatureSet)\".")
            }
            return Organization(id: Id, arn: Arn, featureSet: featureSet,
                                managementAccountID: try AWSAnswerValue.accountID(MasterAccountId),
                                managementAccountARN: MasterAccountArn, managementAccountEmail: MasterAccountEmail)
        }
    }

    let organization: Shape

    enum CodingKeys: String, CodingKey { case organization = "Organization" }
}

struct AccountShape: Decodable {
    let Id: String
    let Arn: String
    let Email: String
    let Name: String
    /// Being retired in favour of `State`; older answers (and moto) carry only this.
    let Status: String?
    let State: String?
    let JoinedMethod: String
    let JoinedTimestamp: AWSTimestamp

    func model() throws -> Account {
        let state = State.flatMap(AccountState.init(rawValue:)) ?? Status.flatMap(AccountState.init(rawValue:))
        guard let state else {
            throw RootmailError.transport(
                "Organizations answered account \(Id) with an unknown state \"\(State ?? Status ?? "none")\".")
        }
        guard let joinedMethod = RootmailCore.JoinedMethod(rawValue: JoinedMethod) else {
            throw RootmailError.transport(
                "Organizations answered account \(Id) with an unknown joined method \"\(JoinedMethod)\".")
        }
        return Account(id: try AWSAnswerValue.accountID(Id), arn: Arn, name: Name, email: Email, state: state,
                       joinedMethod: joinedMethod, joinedAt: JoinedTimestamp.date)
    }
}

struct ListAccountsAnswer: Decodable {
    let Accounts: [AccountShape]
    let NextToken: String?
}

struct DescribeAccountAnswer: Decodable {
    let Account: AccountShape
}

/// A root or organizational unit above an account, as ListParents names it.
struct OrganizationParent: Decodable, Sendable, Hashable {
    let Id: String
    /// `ROOT` or `ORGANIZATIONAL_UNIT`.
    let kind: String

    var isRoot: Bool { kind == "ROOT" }

    enum CodingKeys: String, CodingKey { case Id, kind = "Type" }
}

struct ListParentsAnswer: Decodable {
    let Parents: [OrganizationParent]
}

struct DescribeOrganizationalUnitAnswer: Decodable {
    struct Unit: Decodable {
        let Id: String
        let Name: String
    }

    let OrganizationalUnit: Unit
}

struct ListRootsAnswer: Decodable {
    struct Root: Decodable {
        let Id: String
        let Name: String
    }

    let Roots: [Root]
    let NextToken: String?
}

struct ListDelegatedAdministratorsAnswer: Decodable {
    struct Administrator: Decodable {
        let Id: String
    }

    let DelegatedAdministrators: [Administrator]
    let NextToken: String?
}

/// A timestamp as AWS's JSON protocols send it: epoch seconds as a number, or (from some
/// servers) an ISO 8601 string.
struct AWSTimestamp: Decodable, Sendable {
    let date: Date

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let seconds = try? container.decode(Double.self) {
            date = Date(timeIntervalSince1970: seconds)
        } else if let text = try? container.decode(String.self), let parsed = ISO8601Timestamp.parse(text) {
            date = parsed
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected epoch seconds or an ISO 8601 timestamp")
        }
    }
}

enum AWSAnswerValue {
    static func accountID(_ text: String) throws -> AccountID {
        do {
            return try AccountID(text)
        } catch {
            throw RootmailError.transport("The service answered \"\(text)\" where an account id of 12 digits belongs.")
        }
    }
}
