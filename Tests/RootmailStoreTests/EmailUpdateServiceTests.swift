import Foundation
import RootmailCore
import RootmailStore
import Synchronization
import Testing

/// The service layer over the real SQLite store, as the console and the command line use it.
@Suite("Email update service on SQLite", .tags(.inProcess))
struct EmailUpdateServiceTests {
    let fixture = Fixture()
    let code = "Q7ZK3P"

    @Test("Start records the update durably before it reports success")
    func startRecordsUpdate() async throws {
        let service = try fixture.service()
        let phaseSeenDuringStart = Mutex<[PendingUpdate.Phase]>([])
        let elsewhere = try fixture.openDatabase().pendingUpdates
        fixture.backend.whileStarting {
            let seen = (try? elsewhere.openUpdates(organizationID: nil).map(\.phase)) ?? []
            phaseSeenDuringStart.withLock { $0 += seen }
        }

        let update = try await fixture.startUpdate(with: service)

        #expect(phaseSeenDuringStart.withLock { $0 } == [.starting])
        #expect(fixture.backend.calls == [.start(Fixture.account, Fixture.newEmail)])
        let stored = try #require(try fixture.openUpdatesSeenElsewhere().only)
        #expect(stored == update)
        #expect(stored.organizationID == "o-exampleorg1")
        #expect(stored.accountID == Fixture.account)
        #expect(stored.accountName == "Sandbox")
        #expect(stored.previousEmail == Fixture.oldEmail)
        #expect(stored.newEmail.rawValue == "sandbox-root@example.net")
        #expect(stored.startedAt == TestClock.start)
        #expect(stored.expiresAt == TestClock.start.addingTimeInterval(24 * 60 * 60))
        #expect(stored.startedBy == "arn:aws:iam::111111111111:user/admin")
        #expect(stored.phase == .pending)
        #expect(stored.failedAttempts == 0)
        #expect(service.condition(of: stored) == .awaitingCode)
    }

    @Test("another process lists the update and can complete it")
    func completedFromAnotherProcess() async throws {
        try await fixture.startUpdate(with: fixture.service(processID: 4100))
        let later = try fixture.service(processID: 4200)
        fixture.clock.advance(by: 3 * 60 * 60)

        let listed = try await later.openUpdates()
        #expect(listed.map(\.accountID) == [Fixture.account])
        #expect(try await later.acceptUpdate(account: Fixture.account, code: OneTimeCode(code)) == .accepted)

        #expect(fixture.backend.calls.last == .accept(Fixture.account, Fixture.newEmail, code: code))
        #expect(try await later.openUpdates().isEmpty)
        #expect(try await later.openUpdate(for: Fixture.account) == nil)
        #expect(try fixture.openUpdatesSeenElsewhere().isEmpty)
    }

    @Test("a wrong code counts an attempt and keeps the update pending")
    func wrongCode() async throws {
        let service = try fixture.service()
        try await fixture.startUpdate(with: service)
        fixture.backend.scriptAccepts(.codeIncorrect)

        await #expect(throws: RootmailError.codeIncorrect) {
            try await service.acceptUpdate(account: Fixture.account, code: OneTimeCode("000000"))
        }

        let stored = try #require(try fixture.openUpdatesSeenElsewhere().only)
        #expect(stored.phase == .pending)
        #expect(stored.failedAttempts == 1)
        #expect(stored.attemptsLeft == 4)
        #expect(service.condition(of: stored) == .awaitingCode)
        #expect(try await service.acceptUpdate(account: Fixture.account, code: OneTimeCode(code)) == .accepted)
        #expect(try fixture.openUpdatesSeenElsewhere().isEmpty)
    }

    @Test("five wrong codes void the update until a new code is sent")
    func fiveWrongCodes() async throws {
        let service = try fixture.service()
        try await fixture.startUpdate(with: service)
        fixture.backend.scriptAccepts(.codeIncorrect, .codeIncorrect, .codeIncorrect, .codeIncorrect, .codeIncorrect)

        for attempt in 1...5 {
            await #expect(throws: RootmailError.codeIncorrect) {
                try await service.acceptUpdate(account: Fixture.account, code: OneTimeCode("00000\(attempt)"))
            }
            let stored = try #require(try fixture.openUpdatesSeenElsewhere().only)
            #expect(stored.failedAttempts == attempt)
            #expect(stored.phase == (attempt < 5 ? .pending : .voided))
        }

        let voided = try #require(try await service.openUpdate(for: Fixture.account))
        #expect(service.condition(of: voided) == .voided)
        let renewed = try await service.resendCode(account: Fixture.account)
        #expect(renewed.phase == .pending)
        #expect(renewed.attemptsLeft == 5)
        #expect(try fixture.openUpdatesSeenElsewhere().map(\.id) == [renewed.id])
    }

    @Test("an update not completed within 24 hours is marked expired")
    func expiry() async throws {
        let service = try fixture.service()
        try await fixture.startUpdate(with: service)

        fixture.clock.advance(by: 24 * 60 * 60 - 1)
        let almost = try #require(try await service.openUpdates().only)
        #expect(service.condition(of: almost) == .awaitingCode)
        #expect(almost.timeLeft(at: fixture.clock.now) == 1)

        fixture.clock.advance(by: 1)
        let expired = try #require(try await service.openUpdates().only)
        #expect(expired.phase == .expired)
        #expect(service.condition(of: expired) == .expired)
        #expect(try fixture.openUpdatesSeenElsewhere().map(\.phase) == [.expired])
    }

    @Test("resend code starts again with the same address and restarts the 24 hours")
    func resendCode() async throws {
        let service = try fixture.service()
        let first = try await fixture.startUpdate(with: service)
        fixture.clock.advance(by: 30 * 60 * 60)

        let second = try await service.resendCode(account: Fixture.account)

        #expect(fixture.backend.calls == [.start(Fixture.account, Fixture.newEmail), .start(Fixture.account, Fixture.newEmail)])
        let stored = try #require(try fixture.openUpdatesSeenElsewhere().only)
        #expect(stored.id == second.id)
        #expect(stored.id != first.id)
        #expect(stored.phase == .pending)
        #expect(stored.previousEmail == Fixture.oldEmail)
        #expect(stored.startedAt == TestClock.start.addingTimeInterval(30 * 60 * 60))
        #expect(stored.expiresAt == TestClock.start.addingTimeInterval(54 * 60 * 60))
    }

    @Test("a second Start to another address replaces the first")
    func startReplaces() async throws {
        let service = try fixture.service()
        try await fixture.startUpdate(with: service)
        let other = try EmailAddress("other-root@example.net")

        try await fixture.startUpdate(with: service, to: other)

        #expect(try fixture.openUpdatesSeenElsewhere().map(\.newEmail) == [other])
    }

    @Test("discard forgets the update locally without calling the backend")
    func discard() async throws {
        let service = try fixture.service()
        try await fixture.startUpdate(with: service)

        try await service.discard(account: Fixture.account)

        #expect(try fixture.openUpdatesSeenElsewhere().isEmpty)
        #expect(fixture.backend.calls == [.start(Fixture.account, Fixture.newEmail)])
        await #expect {
            try await service.discard(account: Fixture.account)
        } throws: { error in
            guard case RootmailError.nothingPending(let account) = error else { return false }
            return account == Fixture.account && "\(error)".contains("No pending email update for account 222222222222")
        }
    }

    @Test("a refused Start leaves no open update")
    func refusedStart() async throws {
        let service = try fixture.service()
        fixture.backend.scriptStarts(.emailInUse)

        await #expect(throws: RootmailError.emailInUse) { try await fixture.startUpdate(with: service) }

        #expect(try fixture.openUpdatesSeenElsewhere().isEmpty)
        #expect(try await service.openUpdate(for: Fixture.account) == nil)
    }

    @Test("a Start to the address the account already has is refused here, without spending a Start")
    func startToTheCurrentAddress() async throws {
        let service = try fixture.service()
        let sameAddress = try EmailAddress(Fixture.oldEmail.uppercased())

        await #expect(throws: ServiceError(.conflict, AWSMessages.emailUnchanged).during("StartPrimaryEmailUpdate")) {
            try await fixture.startUpdate(with: service, to: sameAddress)
        }

        #expect(fixture.backend.calls.isEmpty)
        #expect(try fixture.openUpdatesSeenElsewhere().isEmpty)
    }

    @Test("a refused Start keeps the update it would have replaced")
    func refusedResendKeepsPrevious() async throws {
        let service = try fixture.service()
        let first = try await fixture.startUpdate(with: service)
        fixture.backend.scriptStarts(ServiceError(.tooManyRequests, AWSMessages.throttled).during("StartPrimaryEmailUpdate"))

        await #expect(throws: RootmailError.self) { try await service.resendCode(account: Fixture.account) }

        #expect(try fixture.openUpdatesSeenElsewhere().map(\.id) == [first.id])
    }

    @Test("Accept for an update started elsewhere is sent with the address given")
    func acceptStartedElsewhere() async throws {
        let service = try fixture.service()

        let status = try await service.acceptUpdate(account: Fixture.account, code: OneTimeCode(code), email: Fixture.newEmail)

        #expect(status == .accepted)
        #expect(fixture.backend.calls == [.accept(Fixture.account, Fixture.newEmail, code: code)])
        await #expect(throws: RootmailError.self) {
            try await service.acceptUpdate(account: Fixture.account, code: OneTimeCode(code))
        }
    }

    @Test("Start waits for another session that is starting the same account")
    func startWhileAnotherStarts() async throws {
        let database = try fixture.openDatabase()
        try database.pendingUpdates.insert(PendingUpdate(
            organizationID: "o-exampleorg1", accountID: Fixture.account, accountName: "Sandbox",
            previousEmail: Fixture.oldEmail, newEmail: Fixture.newEmail, startedAt: fixture.clock.now,
            expiresAt: fixture.clock.now.addingTimeInterval(AWSMessages.codeLifetime),
            startedBy: ScriptedBackend.caller.arn, phase: .starting, ownerPID: 7777, updatedAt: fixture.clock.now))
        let service = try fixture.service(processID: 4100, isProcessAlive: { $0 == 7777 })

        await #expect {
            try await fixture.startUpdate(with: service)
        } throws: { error in
            "\(error)".contains("Another rootmail session is updating account 222222222222")
        }
        #expect(fixture.backend.calls.isEmpty)
    }

    @Test("EmailUpdateService.open keeps its state in the data directory")
    func openInDataDirectory() async throws {
        let service = try EmailUpdateService.open(backend: fixture.backend, dataDirectory: fixture.directory,
                                                  now: fixture.clock.function)
        try await fixture.startUpdate(with: service)

        #expect(FileManager.default.fileExists(atPath: fixture.directory.file("rootmail.sqlite").path))
        #expect(try fixture.openUpdatesSeenElsewhere().map(\.accountID) == [Fixture.account])
        #expect(try service.auditEntries().map(\.operation) == ["StartPrimaryEmailUpdate"])
    }
}

extension Collection {
    /// The single element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
