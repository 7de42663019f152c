import EmbeddedOrganization
import Foundation
import RootmailCore
import Testing

/// Each error as botocore surfaces it: `ClientError.response["Error"]["Code"]` and the HTTP
/// status, with botocore's own parameter validation off so that the endpoint judges every input.
@Suite(.serialized, .tags(.socket, .subprocess))
struct ErrorCodeTests {
    struct Expected {
        let name: String
        let call: AWSClients.Call
        let code: String
        let status: Int
        var messageContains: String? = nil
    }

    private func check(_ cases: [Expected], on endpoint: RunningEndpoint, as caller: String = "admin") async throws
        -> [AWSClients.Outcome] {
        let outcomes = try await AWSClients.boto3(cases.map(\.call), on: endpoint, as: caller)
        for (expected, outcome) in zip(cases, outcomes) {
            #expect(!outcome.succeeded, "\(expected.name): \(outcome.summary)")
            #expect(outcome.code == expected.code, "\(expected.name): \(outcome.summary)")
            #expect(outcome.status == expected.status, "\(expected.name): \(outcome.summary)")
            if let text = expected.messageContains {
                #expect(outcome.message?.contains(text) == true, "\(expected.name): \(outcome.summary)")
            }
        }
        return outcomes
    }

    @Test func accountErrors() async throws {
        try await RunningEndpoint.with { endpoint in
            let organization = try await endpoint.organization.backend().describeOrganization()
            let member = try await endpoint.memberAccount()
            let other = try await endpoint.memberAccount(skipping: 1)
            let id = member.id.rawValue
            let cases: [Expected] = [
                Expected(name: "AccountId of 11 digits", call: .api("account", "get_primary_email", ["AccountId": "12345678901"]),
                         code: "ValidationException", status: 400),
                Expected(name: "Otp of 8 characters",
                         call: .api("account", "accept_primary_email_update",
                                    ["AccountId": id, "PrimaryEmail": "new@northwind.example", "Otp": "12345678"]),
                         code: "ValidationException", status: 400),
                Expected(name: "PrimaryEmail of 3 characters",
                         call: .api("account", "start_primary_email_update", ["AccountId": id, "PrimaryEmail": "a@b"]),
                         code: "ValidationException", status: 400),
                Expected(name: "AccountId left out", call: .api("account", "get_primary_email"),
                         code: "ValidationException", status: 400),
                Expected(name: "account outside the organization",
                         call: .api("account", "get_primary_email", ["AccountId": "000000000000"]),
                         code: "ResourceNotFoundException", status: 404),
                Expected(name: "the management account as target",
                         call: .api("account", "get_primary_email", ["AccountId": organization.managementAccountID.rawValue]),
                         code: "AccessDeniedException", status: 403, messageContains: AWSMessages.managementAccountReason),
                Expected(name: "an address another account uses",
                         call: .api("account", "start_primary_email_update", ["AccountId": id, "PrimaryEmail": other.email]),
                         code: "ConflictException", status: 409),
                Expected(name: "accept without a started update",
                         call: .api("account", "accept_primary_email_update",
                                    ["AccountId": id, "PrimaryEmail": "never-started@northwind.example", "Otp": "123456"]),
                         code: "ResourceNotFoundException", status: 404),
                Expected(name: "unsigned", call: AWSClients.Call.api("account", "get_primary_email", ["AccountId": id]).unsigned,
                         code: "MissingAuthenticationTokenException", status: 403),
                Expected(name: "wrong secret",
                         call: .api("account", "get_primary_email", ["AccountId": id])
                            .signed(by: try endpoint.caller("admin"), secret: "not-the-secret"),
                         code: "InvalidSignatureException", status: 403),
                Expected(name: "unknown access key",
                         call: .api("account", "get_primary_email", ["AccountId": id])
                            .withKeys(accessKeyID: "AKIAUNKNOWNKEY000000", secret: "whatever"),
                         code: "UnrecognizedClientException", status: 403),
                Expected(name: "signed 20 minutes ago",
                         call: AWSClients.Call.api("account", "get_primary_email", ["AccountId": id]).clockSkew(seconds: -1_200),
                         code: "InvalidSignatureException", status: 403, messageContains: "Signature expired"),
            ]
            let outcomes = try await check(cases, on: endpoint)
            // A ValidationException names the failing members the way AWS does.
            for (index, member) in [(0, "AccountId"), (1, "Otp"), (2, "PrimaryEmail"), (3, "AccountId")] {
                let modeled = outcomes[index].modeled
                #expect(modeled["reason"] as? String == "fieldValidationFailed", "\(outcomes[index].summary)")
                let fields = (modeled["fieldList"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                #expect(fields == [member], "\(outcomes[index].summary)")
            }
            // None of the refused calls changed anything or mailed a code.
            #expect(try endpoint.organization.mailbox.messages().isEmpty)
            #expect(try await endpoint.organization.backend().getPrimaryEmail(member.id).rawValue == member.email)
        }
    }

    @Test func callersWithoutTheRightRefused() async throws {
        try await RunningEndpoint.with { endpoint in
            let member = try await endpoint.memberAccount()
            let start = AWSClients.Call.api("account", "start_primary_email_update",
                                            ["AccountId": member.id.rawValue, "PrimaryEmail": "auditor-try@northwind.example"])
            let auditor = try endpoint.caller("auditor")
            _ = try await check([
                Expected(name: "read-only auditor starts an update", call: start.signed(by: auditor),
                         code: "AccessDeniedException", status: 403,
                         messageContains: "User: \(auditor.arn) is not authorized to perform: account:StartPrimaryEmailUpdate"),
                Expected(name: "member-account user reads an address",
                         call: AWSClients.Call.api("account", "get_primary_email", ["AccountId": member.id.rawValue])
                            .signed(by: try endpoint.caller("member-user")),
                         code: "AccessDeniedException", status: 403),
            ], on: endpoint)
            // The auditor may still read.
            let read = try await AWSClients.boto3(
                AWSClients.Call.api("account", "get_primary_email", ["AccountId": member.id.rawValue]).signed(by: auditor),
                on: endpoint)
            #expect(read.response["PrimaryEmail"] as? String == member.email)
            #expect(try endpoint.organization.mailbox.messages().isEmpty)

            let cli = try await AWSClients.aws(["account", "start-primary-email-update", "--account-id", member.id.rawValue,
                                                "--primary-email", "auditor-try@northwind.example"], on: endpoint, as: "auditor")
            #expect(cli.status != 0)
            #expect(cli.stderr.contains("AccessDeniedException"))
        }
    }

    @Test func wrongSecretRefusedByTheAWSCLI() async throws {
        try await RunningEndpoint.with { endpoint in
            let member = try await endpoint.memberAccount()
            let account = try await AWSClients.aws(["account", "get-primary-email", "--account-id", member.id.rawValue],
                                                   on: endpoint, secret: "wrong-secret-access-key")
            #expect(account.status != 0)
            #expect(account.stderr.contains("InvalidSignatureException"))
            let organizations = try await AWSClients.aws(["organizations", "describe-organization"], on: endpoint,
                                                         secret: "wrong-secret-access-key")
            #expect(organizations.stderr.contains("InvalidSignatureException"))
            let sts = try await AWSClients.aws(["sts", "get-caller-identity"], on: endpoint, secret: "wrong-secret-access-key")
            #expect(sts.stderr.contains("SignatureDoesNotMatch"))
            #expect(account.stdout.isEmpty && organizations.stdout.isEmpty && sts.stdout.isEmpty)
        }
    }

    @Test func wrongCodeRefusedThroughBoto3() async throws {
        try await RunningEndpoint.with { endpoint in
            let member = try await endpoint.memberAccount()
            let newEmail = "wrong-code@northwind.example"
            let started = try await AWSClients.boto3(.api("account", "start_primary_email_update",
                                                          ["AccountId": member.id.rawValue, "PrimaryEmail": newEmail]), on: endpoint)
            #expect(started.response["Status"] as? String == "PENDING")
            let code = try #require(try endpoint.organization.mailbox.latestCode(to: EmailAddress(newEmail)))
            let wrong = String(code.secret.map { $0 == "9" ? "0" : Character(String(($0.wholeNumberValue ?? 0) + 1)) })
            _ = try await check([
                Expected(name: "wrong code",
                         call: .api("account", "accept_primary_email_update",
                                    ["AccountId": member.id.rawValue, "PrimaryEmail": newEmail, "Otp": wrong]),
                         code: "ValidationException", status: 400, messageContains: AWSMessages.codeIncorrect),
            ], on: endpoint)
            #expect(try await endpoint.organization.backend().getPrimaryEmail(member.id).rawValue == member.email)
        }
    }

    @Test func throttledCallsAreTooManyRequests() async throws {
        try await RunningEndpoint.with(throttling: true) { endpoint in
            let member = try await endpoint.memberAccount()
            let call = AWSClients.Call.api("account", "get_primary_email", ["AccountId": member.id.rawValue])
            let outcomes = try await AWSClients.boto3(Array(repeating: call, count: 6), on: endpoint)
            let throttled = outcomes.filter { $0.code == "TooManyRequestsException" }
            #expect(!throttled.isEmpty, "six calls at once should pass GetPrimaryEmail's 3 per second")
            #expect(throttled.allSatisfy { $0.status == 429 })
            #expect(outcomes.filter(\.succeeded).count >= 1)
        }
    }

    @Test func organizationsErrors() async throws {
        try await RunningEndpoint.with { endpoint in
            let organization = try await endpoint.organization.backend().describeOrganization()
            let delegate = try endpoint.caller("delegated-admin")
            let member = try await endpoint.memberAccount()
            let principal = "account.amazonaws.com"
            let cases: [Expected] = [
                Expected(name: "AccountId of 11 digits", call: .api("organizations", "describe_account", ["AccountId": "12345678901"]),
                         code: "InvalidInputException", status: 400),
                Expected(name: "unknown account", call: .api("organizations", "describe_account", ["AccountId": "000000000000"]),
                         code: "AccountNotFoundException", status: 400),
                Expected(name: "unknown parent",
                         call: .api("organizations", "list_organizational_units_for_parent", ["ParentId": "r-zzzz"]),
                         code: "ParentNotFoundException", status: 400),
                Expected(name: "unknown OU",
                         call: .api("organizations", "describe_organizational_unit", ["OrganizationalUnitId": "ou-zzzz-zzzzzzzz"]),
                         code: "OrganizationalUnitNotFoundException", status: 400),
                Expected(name: "unknown child", call: .api("organizations", "list_parents", ["ChildId": "000000000000"]),
                         code: "ChildNotFoundException", status: 400),
                Expected(name: "unknown tagged resource",
                         call: .api("organizations", "list_tags_for_resource", ["ResourceId": "000000000000"]),
                         code: "TargetNotFoundException", status: 400),
                Expected(name: "MaxResults 21", call: .api("organizations", "list_accounts", ["MaxResults": 21]),
                         code: "InvalidInputException", status: 400, messageContains: "'MaxResults'"),
                Expected(name: "made-up NextToken", call: .api("organizations", "list_accounts", ["NextToken": "garbage"]),
                         code: "InvalidInputException", status: 400),
                Expected(name: "the management account as delegated administrator",
                         call: .api("organizations", "register_delegated_administrator",
                                    ["AccountId": organization.managementAccountID.rawValue, "ServicePrincipal": principal]),
                         code: "ConstraintViolationException", status: 400),
                Expected(name: "registered twice",
                         call: .api("organizations", "register_delegated_administrator",
                                    ["AccountId": delegate.accountID.rawValue, "ServicePrincipal": principal]),
                         code: "AccountAlreadyRegisteredException", status: 400),
                Expected(name: "deregistering an account never registered",
                         call: .api("organizations", "deregister_delegated_administrator",
                                    ["AccountId": member.id.rawValue, "ServicePrincipal": principal]),
                         code: "AccountNotRegisteredException", status: 400),
                Expected(name: "auditor changes trusted access",
                         call: AWSClients.Call.api("organizations", "disable_aws_service_access", ["ServicePrincipal": principal])
                            .signed(by: try endpoint.caller("auditor")),
                         code: "AccessDeniedException", status: 400),
                Expected(name: "unsigned", call: AWSClients.Call.api("organizations", "describe_organization").unsigned,
                         code: "MissingAuthenticationTokenException", status: 400),
                Expected(name: "wrong secret",
                         call: AWSClients.Call.api("organizations", "describe_organization")
                            .signed(by: try endpoint.caller("admin"), secret: "not-the-secret"),
                         code: "InvalidSignatureException", status: 400),
                Expected(name: "unknown access key",
                         call: AWSClients.Call.api("organizations", "describe_organization")
                            .withKeys(accessKeyID: "AKIAUNKNOWNKEY000000", secret: "whatever"),
                         code: "UnrecognizedClientException", status: 400),
            ]
            let outcomes = try await check(cases, on: endpoint)
            #expect(outcomes[0].modeled["Reason"] as? String == "INVALID_PATTERN", "\(outcomes[0].summary)")
            #expect(try await endpoint.organization.backend().listAWSServiceAccess().contains { $0.servicePrincipal == principal })
        }
    }

    @Test func stsErrors() async throws {
        try await RunningEndpoint.with { endpoint in
            _ = try await check([
                Expected(name: "unsigned", call: AWSClients.Call.api("sts", "get_caller_identity").unsigned,
                         code: "MissingAuthenticationToken", status: 403),
                Expected(name: "wrong secret",
                         call: AWSClients.Call.api("sts", "get_caller_identity")
                            .signed(by: try endpoint.caller("admin"), secret: "not-the-secret"),
                         code: "SignatureDoesNotMatch", status: 403),
                Expected(name: "unknown access key",
                         call: AWSClients.Call.api("sts", "get_caller_identity")
                            .withKeys(accessKeyID: "AKIAUNKNOWNKEY000000", secret: "whatever"),
                         code: "InvalidClientTokenId", status: 403),
                Expected(name: "signed 20 minutes ahead",
                         call: AWSClients.Call.api("sts", "get_caller_identity").clockSkew(seconds: 1_200),
                         code: "SignatureDoesNotMatch", status: 403, messageContains: "Signature not yet current"),
            ], on: endpoint)
        }
    }
}
