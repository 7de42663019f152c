import Foundation
import RootmailCore
import Testing
import EmbeddedOrganization

/// The raw-string entry points the AWS-compatible endpoint uses.
@Suite("Malformed request members", .tags(.inProcess))
struct RawInputValidationTests {
    private func expectValidation(_ error: RootmailError?, operation: String, fields: [FieldProblem],
                                  sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = ServiceError(.validation, AWSMessages.validationFailed(fields),
                                    reason: AWSMessages.fieldValidationFailed, fieldList: fields)
        #expect(error == .service(expected, operation: operation), sourceLocation: sourceLocation)
    }

    private let accountIDConstraint = #"Member must satisfy regular expression pattern: \d{12}"#

    @Test("a malformed AccountId is a ValidationException naming the field")
    func malformedAccountID() async throws {
        let fixture = try Fixture()
        for raw in ["12345", "1234567890123", "12345678901a", " 123456789012", "１２３４５６７８９０１２"] {
            let error = await failure { try await fixture.backend().getPrimaryEmail(rawAccountID: raw) }
            expectValidation(error, operation: "GetPrimaryEmail",
                             fields: [FieldProblem(name: "AccountId", message: accountIDConstraint)])
        }
        let missing = await failure { try await fixture.backend().getPrimaryEmail(rawAccountID: nil) }
        expectValidation(missing, operation: "GetPrimaryEmail",
                         fields: [FieldProblem(name: "AccountId", message: AWSMessages.memberMissing)])
        #expect(AWSMessages.validationFailed([FieldProblem(name: "AccountId", message: AWSMessages.memberMissing)])
            == "1 validation error detected: Value at 'AccountId' failed to satisfy constraint: Member must not be null")
    }

    @Test("every malformed member of one request is listed, and nothing is mailed")
    func severalMalformedMembers() async throws {
        let fixture = try Fixture()
        let error = await failure {
            try await fixture.backend().startPrimaryEmailUpdate(rawAccountID: "abc", rawPrimaryEmail: "no-at-sign.example")
        }
        let fields = [FieldProblem(name: "AccountId", message: accountIDConstraint),
                      FieldProblem(name: "PrimaryEmail", message: "Member must contain exactly one @, as in name@example.com")]
        expectValidation(error, operation: "StartPrimaryEmailUpdate", fields: fields)
        #expect(error?.serviceError?.message.hasPrefix("2 validation errors detected: ") == true)
        #expect(try fixture.organization.mailbox.messages().isEmpty)
    }

    @Test("PrimaryEmail outside 5 to 64 characters or with spaces is refused")
    func malformedEmail() async throws {
        let fixture = try Fixture()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let tooLong = String(repeating: "a", count: 60) + "@x.example"
        let cases: [(String, String)] = [
            ("a@b.", "Member must have length greater than or equal to 5"),
            (tooLong, "Member must have length less than or equal to 64"),
            (" spaced@northwind.example", "Member must not contain spaces"),
            ("two words@northwind.example", "Member must not contain spaces or control characters"),
        ]
        for (raw, message) in cases {
            let error = await failure {
                try await fixture.backend().startPrimaryEmailUpdate(rawAccountID: zurich.id.rawValue, rawPrimaryEmail: raw)
            }
            expectValidation(error, operation: "StartPrimaryEmailUpdate", fields: [FieldProblem(name: "PrimaryEmail", message: message)])
        }
        #expect(try fixture.organization.mailbox.messages().isEmpty)
    }

    @Test("an Otp that is not 6 letters or digits is refused before it is compared")
    func malformedOtp() async throws {
        let fixture = try Fixture()
        let backend = try fixture.backend()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let newEmail = "raw-otp@northwind.example"
        #expect(try await backend.startPrimaryEmailUpdate(rawAccountID: zurich.id.rawValue, rawPrimaryEmail: newEmail) == .pending)
        for raw in ["12345678", "12345", "12 345", "12345!", " 123456"] {
            let error = await failure {
                try await backend.acceptPrimaryEmailUpdate(rawAccountID: zurich.id.rawValue, rawPrimaryEmail: newEmail, rawOtp: raw)
            }
            expectValidation(error, operation: "AcceptPrimaryEmailUpdate", fields: [FieldProblem(name: "Otp", message: "Member must satisfy regular expression pattern: [a-zA-Z0-9]{6}")])
        }
        // None of these counted as a wrong code: the right code still works after more than five.
        let code = try fixture.mailedCode(to: try email(newEmail))
        #expect(try await backend.acceptPrimaryEmailUpdate(rawAccountID: zurich.id.rawValue, rawPrimaryEmail: newEmail,
                                                           rawOtp: code.secret) == .accepted)
        #expect(try await backend.getPrimaryEmail(rawAccountID: zurich.id.rawValue).rawValue == newEmail)
    }

    @Test("GetPrimaryEmailUpdateStatus without AccountId, which its model allows, asks about the caller's own account")
    func updateStatusWithoutAccountID() async throws {
        let fixture = try Fixture()
        let delegated = try fixture.organization.callers().first { $0.name == "delegated-admin" }
        let error = await failure { try await fixture.backend("delegated-admin").getPrimaryEmailUpdateStatus(rawAccountID: nil) }
        #expect(error?.serviceError?.type == .resourceNotFound, "\(String(describing: error))")
        #expect(error?.serviceError?.message == AWSMessages.noUpdateStarted(try #require(delegated).accountID))
    }

    @Test("validation comes before the access checks")
    func validationBeforeAccess() async throws {
        let fixture = try Fixture()
        let error = await failure { try await fixture.backend("member-user").getPrimaryEmail(rawAccountID: "1") }
        #expect(error?.serviceError?.type == .validation)
    }
}
