import Foundation
import RootmailCore
import RootmailStore
import Testing

@Suite("Audit log")
struct AuditLogTests {
    let fixture = Fixture()
    let rightCode = "Q7ZK3P"
    let wrongCode = "W8RNG4"

    /// Start refused, Start, Accept with a wrong code, Accept: the four outcomes a log must show.
    private func runEveryOutcome() async throws -> EmailUpdateService {
        let service = try fixture.service()
        fixture.backend.scriptStarts(.emailInUse)
        await #expect(throws: RootmailError.emailInUse) { try await fixture.startUpdate(with: service) }
        fixture.clock.advance(by: 1)
        try await fixture.startUpdate(with: service)
        fixture.clock.advance(by: 1)
        fixture.backend.scriptAccepts(.codeIncorrect)
        await #expect(throws: RootmailError.codeIncorrect) {
            try await service.acceptUpdate(account: Fixture.account, code: OneTimeCode(wrongCode))
        }
        fixture.clock.advance(by: 1)
        try await service.acceptUpdate(account: Fixture.account, code: OneTimeCode(rightCode))
        return service
    }

    @Test("every Start and Accept is logged with caller, account, addresses and result, newest first")
    func everyOutcomeLogged() async throws {
        let service = try await runEveryOutcome()

        let entries = try fixture.openDatabase().auditLog.recentEntries(limit: 10)
        #expect(entries == (try service.auditEntries()))
        #expect(entries.map(\.operation) == ["AcceptPrimaryEmailUpdate", "AcceptPrimaryEmailUpdate",
                                             "StartPrimaryEmailUpdate", "StartPrimaryEmailUpdate"])
        #expect(entries.map(\.result) == [
            "ACCEPTED",
            "ValidationException: The verification code is incorrect.",
            "PENDING",
            "ConflictException: " + AWSMessages.emailInUse,
        ])
        #expect(entries.map(\.at) == [3, 2, 1, 0].map { TestClock.start.addingTimeInterval($0) })
        for entry in entries {
            #expect(entry.callerARN == "arn:aws:iam::111111111111:user/admin")
            #expect(entry.organizationID == "o-exampleorg1")
            #expect(entry.accountID == Fixture.account)
            #expect(entry.oldEmail == Fixture.oldEmail)
            #expect(entry.newEmail == Fixture.newEmail.rawValue)
        }
        #expect(try service.auditEntries(limit: 1).map(\.result) == ["ACCEPTED"])
    }

    @Test("no code is stored anywhere in the data directory")
    func noCodeStored() async throws {
        _ = try await runEveryOutcome()

        let values = try fixture.everyStoredValue()
        #expect(values.contains(Fixture.newEmail.rawValue), "the scan reads the stored text")
        for code in [rightCode, wrongCode] {
            #expect(!values.contains { $0.contains(code) })
            #expect(try fixture.everyFileContainsNone(of: code))
        }
        #expect(try !fixture.everyFileContainsNone(of: Fixture.newEmail.rawValue), "the scan reads the files")
    }
}
