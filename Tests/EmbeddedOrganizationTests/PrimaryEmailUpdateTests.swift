import Foundation
import RootmailCore
import Testing
import EmbeddedOrganization

@Suite("Updating a primary email", .tags(.inProcess))
struct PrimaryEmailUpdateTests {
    @Test("Start answers PENDING and mails a code; Accept answers ACCEPTED and changes the address everywhere")
    func fullFlow() async throws {
        let fixture = try Fixture()
        let backend = try fixture.backend()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let newEmail = try email("zurich-root@northwind.example")

        #expect(try await backend.startPrimaryEmailUpdate(zurich.id, to: newEmail) == .pending)
        #expect(try await backend.getPrimaryEmailUpdateStatus(zurich.id).status == .pending)
        #expect(try await backend.getPrimaryEmail(zurich.id).rawValue == zurich.email)

        fixture.clock.advance(by: 60)
        let code = try fixture.mailedCode(to: newEmail)
        #expect(try await backend.acceptPrimaryEmailUpdate(zurich.id, email: newEmail, code: code) == .accepted)
        let acceptedAt = fixture.clock.now

        #expect(try await backend.getPrimaryEmail(zurich.id) == newEmail)
        #expect(try await backend.describeAccount(zurich.id).account.email == newEmail.rawValue)
        let accepted = try await backend.getPrimaryEmailUpdateStatus(zurich.id)
        #expect(accepted == UpdateStatusReport(status: .accepted, updatedAt: acceptedAt, email: newEmail))
        fixture.clock.advance(by: EmbeddedOrganization.completionDelay)
        #expect(try await backend.getPrimaryEmailUpdateStatus(zurich.id).status == .completed)

        // Another process sees the change.
        #expect(try await fixture.secondProcess().backend().getPrimaryEmail(zurich.id) == newEmail)
        // The code is used up.
        let again = await failure { try await backend.acceptPrimaryEmailUpdate(zurich.id, email: newEmail, code: code) }
        #expect(again?.serviceError?.type == .resourceNotFound)
    }

    @Test("an address any account already has is a conflict, whatever its case, and changes nothing")
    func conflictWithAnotherAccount() async throws {
        let fixture = try Fixture()
        let backend = try fixture.backend()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let tokyo = try await fixture.account(named: "東京 Sandbox")
        let taken = try email(tokyo.email.uppercased())

        let error = await failure { try await backend.startPrimaryEmailUpdate(zurich.id, to: taken) }
        #expect(error == .service(ServiceError(.conflict, AWSMessages.emailInUse), operation: "StartPrimaryEmailUpdate"))
        #expect(try fixture.organization.mailbox.messages().isEmpty)
        let status = await failure { try await backend.getPrimaryEmailUpdateStatus(zurich.id) }
        #expect(status?.serviceError?.type == .resourceNotFound)
        #expect(try await backend.getPrimaryEmail(zurich.id).rawValue == zurich.email)
    }

    @Test("the account's own current address is a conflict")
    func conflictWithCurrentAddress() async throws {
        let fixture = try Fixture()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let error = await failure {
            try await fixture.backend().startPrimaryEmailUpdate(zurich.id, to: try email(zurich.email.uppercased()))
        }
        #expect(error == .service(ServiceError(.conflict, AWSMessages.emailUnchanged), operation: "StartPrimaryEmailUpdate"))
    }

    @Test("Accept is a conflict when another account took the address after Start")
    func conflictAtAccept() async throws {
        let fixture = try Fixture()
        let backend = try fixture.backend()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let contested = try email("contested@northwind.example")
        _ = try await backend.startPrimaryEmailUpdate(zurich.id, to: contested)
        try fixture.organization.addAccount(name: "Faster Account", email: contested)
        let error = await failure {
            try await backend.acceptPrimaryEmailUpdate(zurich.id, email: contested, code: try fixture.mailedCode(to: contested))
        }
        #expect(error == .service(ServiceError(.conflict, AWSMessages.emailInUse), operation: "AcceptPrimaryEmailUpdate"))
        #expect(try await backend.getPrimaryEmail(zurich.id).rawValue == zurich.email)
    }

    @Test("a wrong code is refused as incorrect, and the right one still works")
    func wrongThenRightCode() async throws {
        let fixture = try Fixture()
        let backend = try fixture.backend()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let newEmail = try email("zurich-2@northwind.example")
        _ = try await backend.startPrimaryEmailUpdate(zurich.id, to: newEmail)
        let code = try fixture.mailedCode(to: newEmail)

        let error = await failure { try await backend.acceptPrimaryEmailUpdate(zurich.id, email: newEmail, code: try wrongCode(for: code)) }
        #expect(error == .service(ServiceError(.validation, AWSMessages.codeIncorrect), operation: "AcceptPrimaryEmailUpdate"))
        #expect(try await backend.getPrimaryEmail(zurich.id).rawValue == zurich.email)
        #expect(try await backend.acceptPrimaryEmailUpdate(zurich.id, email: newEmail, code: code) == .accepted)
        #expect(try await backend.getPrimaryEmail(zurich.id) == newEmail)
    }

    @Test("four wrong codes leave the code usable; the fifth voids it and a new Start is needed")
    func fiveWrongCodesVoidTheCode() async throws {
        let fixture = try Fixture()
        let backend = try fixture.backend()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let newEmail = try email("zurich-3@northwind.example")
        _ = try await backend.startPrimaryEmailUpdate(zurich.id, to: newEmail)
        let code = try fixture.mailedCode(to: newEmail)
        for _ in 1...AWSMessages.maximumCodeAttempts {
            let error = await failure { try await backend.acceptPrimaryEmailUpdate(zurich.id, email: newEmail, code: try wrongCode(for: code)) }
            #expect(error?.serviceError?.message == AWSMessages.codeIncorrect)
        }
        let afterVoid = await failure { try await backend.acceptPrimaryEmailUpdate(zurich.id, email: newEmail, code: code) }
        #expect(afterVoid == .service(ServiceError(.resourceNotFound, AWSMessages.noPendingUpdate(zurich.id)),
                                      operation: "AcceptPrimaryEmailUpdate"))
        #expect(try await backend.getPrimaryEmailUpdateStatus(zurich.id).status == .failed)
        #expect(try await backend.getPrimaryEmail(zurich.id).rawValue == zurich.email)

        // A new Start gives a new code that works.
        _ = try await backend.startPrimaryEmailUpdate(zurich.id, to: newEmail)
        #expect(try await backend.acceptPrimaryEmailUpdate(zurich.id, email: newEmail, code: try fixture.mailedCode(to: newEmail)) == .accepted)
    }

    @Test("four wrong codes do not void the code")
    func fourWrongCodes() async throws {
        let fixture = try Fixture()
        let backend = try fixture.backend()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let newEmail = try email("zurich-4@northwind.example")
        _ = try await backend.startPrimaryEmailUpdate(zurich.id, to: newEmail)
        let code = try fixture.mailedCode(to: newEmail)
        for _ in 1..<AWSMessages.maximumCodeAttempts {
            _ = await failure { try await backend.acceptPrimaryEmailUpdate(zurich.id, email: newEmail, code: try wrongCode(for: code)) }
        }
        #expect(try await backend.acceptPrimaryEmailUpdate(zurich.id, email: newEmail, code: code) == .accepted)
    }

    @Test("a code expires 24 hours after Start")
    func expiry() async throws {
        let fixture = try Fixture()
        let backend = try fixture.backend()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let tokyo = try await fixture.account(named: "東京 Sandbox")
        let late = try email("late@northwind.example")
        let onTime = try email("on-time@northwind.example")
        _ = try await backend.startPrimaryEmailUpdate(zurich.id, to: late)
        _ = try await backend.startPrimaryEmailUpdate(tokyo.id, to: onTime)

        fixture.clock.advance(by: AWSMessages.codeLifetime)
        #expect(try await backend.acceptPrimaryEmailUpdate(tokyo.id, email: onTime, code: try fixture.mailedCode(to: onTime)) == .accepted)
        fixture.clock.advance(by: 1)
        let error = await failure { try await backend.acceptPrimaryEmailUpdate(zurich.id, email: late, code: try fixture.mailedCode(to: late)) }
        #expect(error == .service(ServiceError(.validation, AWSMessages.codeExpired), operation: "AcceptPrimaryEmailUpdate"))
        #expect(try await backend.getPrimaryEmailUpdateStatus(zurich.id).status == .failed)
        #expect(try await backend.getPrimaryEmail(zurich.id).rawValue == zurich.email)
    }

    @Test("a second Start replaces the code: the first one no longer works")
    func secondStartReplacesCode() async throws {
        let fixture = try Fixture()
        let backend = try fixture.backend()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let newEmail = try email("zurich-5@northwind.example")
        _ = try await backend.startPrimaryEmailUpdate(zurich.id, to: newEmail)
        let first = try fixture.mailedCode(to: newEmail)
        var second = first
        // One draw in a million repeats the code; draw again until they differ.
        while second == first {
            fixture.clock.advance(by: 31)
            #expect(try await backend.startPrimaryEmailUpdate(zurich.id, to: newEmail) == .pending)
            second = try fixture.mailedCode(to: newEmail)
        }
        let error = await failure { try await backend.acceptPrimaryEmailUpdate(zurich.id, email: newEmail, code: first) }
        #expect(error?.serviceError?.message == AWSMessages.codeIncorrect)
        #expect(try await backend.acceptPrimaryEmailUpdate(zurich.id, email: newEmail, code: second) == .accepted)
    }

    @Test("a Start to another address replaces the pending one: Accept with the old address is not found")
    func acceptWithOtherAddress() async throws {
        let fixture = try Fixture()
        let backend = try fixture.backend()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let first = try email("first@northwind.example")
        let second = try email("second@northwind.example")
        _ = try await backend.startPrimaryEmailUpdate(zurich.id, to: first)
        let firstCode = try fixture.mailedCode(to: first)
        _ = try await backend.startPrimaryEmailUpdate(zurich.id, to: second)
        let error = await failure { try await backend.acceptPrimaryEmailUpdate(zurich.id, email: first, code: firstCode) }
        #expect(error == .service(ServiceError(.resourceNotFound, AWSMessages.noPendingUpdate(zurich.id)),
                                  operation: "AcceptPrimaryEmailUpdate"))
    }

    @Test("Accept without any Start is not found; the update status of such an account too")
    func acceptWithoutStart() async throws {
        let fixture = try Fixture()
        let backend = try fixture.backend()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let error = await failure {
            try await backend.acceptPrimaryEmailUpdate(zurich.id, email: try email("never@northwind.example"), code: try OneTimeCode("123456"))
        }
        #expect(error == .service(ServiceError(.resourceNotFound, AWSMessages.noPendingUpdate(zurich.id)),
                                  operation: "AcceptPrimaryEmailUpdate"))
        let status = await failure { try await backend.getPrimaryEmailUpdateStatus(zurich.id) }
        #expect(status == .service(ServiceError(.resourceNotFound, AWSMessages.noUpdateStarted(zurich.id)),
                                   operation: "GetPrimaryEmailUpdateStatus"))
    }

    @Test("suspended and closed member accounts are still members: their address can be read")
    func suspendedAccountsAreMembers() async throws {
        let fixture = try Fixture()
        let suspended = try await fixture.account(named: "Legacy CRM")
        #expect(suspended.state == .suspended)
        #expect(try await fixture.backend().getPrimaryEmail(suspended.id).rawValue == suspended.email)
    }
}
