import Foundation
import RootmailCore
import RootmailStore
import Testing

@Suite("Audit log", .tags(.inProcess))
struct AuditLogTests {
    let rightCode = "Q7ZK3P"
    let wrongCode = "W8RNG4"

    /// Start refused, Start, Accept with a wrong code, Accept: the four outcomes a log must show.
    private func runEveryOutcome(on fixture: Fixture) async throws -> EmailUpdateService {
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

    @Test("every Start and Accept is logged with caller, account, addresses and result, newest first", arguments: Engine.allCases)
    func everyOutcomeLogged(engine: Engine) async throws {
        let fixture = try Fixture(engine: engine)
        let service = try await runEveryOutcome(on: fixture)

        let entries = try fixture.openStores().auditLog.recentEntries(limit: 10)
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
            #expect(entry.workstation == Workstation.current())
            #expect(entry.processID == 4100, "the process the fixture's service stands for")
        }
        #expect(try service.auditEntries(limit: 1).map(\.result) == ["ACCEPTED"])
    }

    @Test("a discard is logged, and another process reads the entry", arguments: Engine.allCases)
    func discardLogged(engine: Engine) async throws {
        let fixture = try Fixture(engine: engine)
        let service = try fixture.service()
        try await fixture.startUpdate(with: service)
        fixture.clock.advance(by: 5)
        try await service.discard(account: Fixture.account)

        let entry = try #require(try fixture.openStores().auditLog.recentEntries(limit: 1).first)
        #expect(entry.operation == "DiscardPendingUpdate")
        #expect(entry.result == "DISCARDED")
        #expect(entry.at == TestClock.start.addingTimeInterval(5))
        #expect(entry.callerARN == "arn:aws:iam::111111111111:user/admin")
        #expect(entry.oldEmail == Fixture.oldEmail)
        #expect(entry.newEmail == Fixture.newEmail.rawValue)
        #expect(try fixture.openUpdatesSeenElsewhere().isEmpty)
    }

    @Test("a change and its audit entry are written together or not at all", arguments: Engine.allCases)
    func auditedChangeIsOneTransaction(engine: Engine) async throws {
        let fixture = try Fixture(engine: engine)
        let service = try fixture.service()
        var update = try await fixture.startUpdate(with: service)
        let stores = try fixture.openStores()
        let before = try stores.auditLog.recentEntries(limit: 10)
        // An update that is not in the table: the change fails, so its entry must not stay.
        update = PendingUpdate(organizationID: update.organizationID, accountID: update.accountID,
                               accountName: update.accountName, previousEmail: update.previousEmail,
                               newEmail: update.newEmail, startedAt: update.startedAt, expiresAt: update.expiresAt,
                               startedBy: update.startedBy, phase: .discarded, ownerPID: 0, updatedAt: update.updatedAt)
        let entry = AuditEntry(at: TestClock.start, callerARN: "arn:aws:iam::111111111111:user/admin",
                               organizationID: update.organizationID, accountID: update.accountID,
                               operation: "DiscardPendingUpdate", oldEmail: nil, newEmail: nil, result: "DISCARDED")
        #expect(throws: RootmailError.self) { try stores.pendingUpdates.update([update], auditing: entry) }
        #expect(try stores.auditLog.recentEntries(limit: 10) == before)
        #expect(try fixture.openUpdatesSeenElsewhere().count == 1)
    }

    @Test("no code is stored anywhere in the team's PostgreSQL database")
    func noCodeStoredOnPostgres() async throws {
        let fixture = try Fixture(engine: .postgresql)
        _ = try await runEveryOutcome(on: fixture)

        let database = try #require(fixture.storeURL.flatMap(URLComponents.init(string:))?.path.dropFirst())
        let dump = try TestPostgres.shared().dump(database: String(database))
        #expect(dump.contains(Fixture.newEmail.rawValue), "the dump holds the rows")
        for code in [rightCode, wrongCode] {
            #expect(!dump.contains(code))
        }
    }

    @Test("no code is stored anywhere in the data directory")
    func noCodeStored() async throws {
        let fixture = Fixture()
        _ = try await runEveryOutcome(on: fixture)

        let values = try fixture.everyStoredValue()
        #expect(values.contains(Fixture.newEmail.rawValue), "the scan reads the stored text")
        for code in [rightCode, wrongCode] {
            #expect(!values.contains { $0.contains(code) })
            #expect(try fixture.everyFileContainsNone(of: code))
        }
        #expect(try !fixture.everyFileContainsNone(of: Fixture.newEmail.rawValue), "the scan reads the files")
    }
}
