import EmbeddedOrganization
import Foundation
import RootmailCore
@testable import RootmailEndpoint
import Testing

/// The endpoint's input validation against the contract, botocore's `account` and
/// `organizations` service models: Clients/model_validation.py derives, for every operation
/// rootmail implements (the lists in RootmailCore's AWSContract) and every member of its input,
/// the inputs the model refuses and the ones it allows, sends them to `rootmail serve` signed by
/// botocore as each caller, and reports every answer that is not the model's.
@Suite(.serialized, .tags(.socket, .subprocess))
struct ModelValidationTests {
    static let oracle = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Clients/model_validation.py").path

    /// rootmail's statement of an operation's input and errors, for the oracle to compare with the model.
    static func facts(_ members: [InputMember], errors: Set<String>) -> [String: Any] {
        ["errors": errors.sorted(), "members": members.map { member -> [String: Any] in
            var fields: [String: Any] = ["name": member.name, "type": member.type == .string ? "string" : "integer",
                                         "required": member.isRequired]
            fields["min"] = member.minimum
            fields["max"] = member.maximum
            fields["pattern"] = member.pattern?.rawValue
            fields["enum"] = member.enumeration
            return fields
        }]
    }

    @Test("every member's required, length, range, pattern and enum, and only the model's error shapes per operation")
    func endpointAnswersAsTheModelSays() async throws {
        try await RunningEndpoint.with { endpoint in
            try await AWSClients.requireInstalled()
            let callers = try ["admin", "auditor", "delegated-admin", "member-user"].map { name in
                let caller = try endpoint.caller(name)
                return ["name": name, "accessKeyId": caller.accessKeyID, "secretAccessKey": caller.secretAccessKey]
            }
            let input: [String: Any] = [
                "endpoint": endpoint.url, "region": AWSClients.region, "callers": callers,
                "operations": [
                    "account": AccountAPIOperation.allCases.map(\.rawValue),
                    "organizations": OrganizationsOperation.allCases.map(\.rawValue),
                ],
                // The model gives an address its length only: the values it allows are made
                // addresses by this ending.
                "suffixes": ["PrimaryEmailAddress": "@b.c"],
                "table": [
                    "account": Dictionary(uniqueKeysWithValues: AccountAPIOperation.allCases.map {
                        ($0.rawValue, Self.facts($0.input, errors: $0.modeledErrors))
                    }),
                    "organizations": Dictionary(uniqueKeysWithValues: OrganizationsOperation.allCases.map {
                        ($0.rawValue, Self.facts($0.input, errors: $0.modeledErrors))
                    }),
                ],
            ]
            let result = try await Subprocess.run(["python3", Self.oracle], environment: AWSClients.environment(for: try endpoint.caller("admin")),
                                                  input: try JSONSerialization.data(withJSONObject: input))
            try #require(result.status == 0, "model_validation.py failed (\(result.status)): \(result.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: result.output) as? [String: Any])
            let failures = report["failures"] as? [String] ?? ["no failures list in \(result.stdout)"]
            // Enough cases that every operation was exercised: at least one per member and caller.
            #expect((report["cases"] as? Int ?? 0) > 150, "only \(report["cases"] ?? 0) cases ran")
            let listed = failures.joined(separator: "\n")
            #expect(failures.isEmpty, "botocore \(report["botocore"] ?? "?"): \(failures.count) answers differ from the model:\n\(listed)")
        }
    }
}

/// What the endpoint does with a refusal the model does not list for the operation.
@Suite(.tags(.unit))
struct ModeledErrorsTests {
    @Test("a refusal outside the operation's modeled errors goes out as the service's internal error")
    func unmodeledRefusal() async throws {
        let operation = OrganizationsOperation.describeOrganization
        #expect(!operation.modeledErrors.contains("ValidationException"))
        do {
            _ = try await ServedService.organizations.answering(operation.rawValue, modeledErrors: operation.modeledErrors) {
                throw ServiceError(.validation, "not Organizations' shape").during(operation)
            }
            Issue.record("the refusal was not thrown")
        } catch let error as EndpointError {
            #expect(error.code == "ServiceException" && error.status == 500)
            #expect(error.message.contains("ValidationException") && error.message.contains("DescribeOrganization"), "\(error.message)")
        }
        // A modeled one passes as it is.
        await #expect(throws: RootmailError.self) {
            try await ServedService.account.answering("GetPrimaryEmail", modeledErrors: AccountAPIOperation.getPrimaryEmail.modeledErrors) {
                throw ServiceError(.validation, "modeled").during(AccountAPIOperation.getPrimaryEmail)
            }
        }
    }
}
