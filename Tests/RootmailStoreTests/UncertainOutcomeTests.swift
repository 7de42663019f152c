import Foundation
import RootmailCore
import RootmailStore
import Testing

/// A process that died between the backend's answer and its own write leaves a record whose
/// outcome nobody knows: it must be shown as uncertain and settled from the update status.
@Suite("Uncertain outcomes", .tags(.inProcess))
struct UncertainOutcomeTests {
    let fixture = Fixture()
    let deadProcess: Int32 = 31337

    /// What a process killed during Start or Accept leaves behind.
    @discardableResult
    private func leaveRecordOfDeadProcess(phase: PendingUpdate.Phase, startedHoursAgo hours: Double = 0) throws
        -> PendingUpdate {
        let startedAt = fixture.clock.now.addingTimeInterval(-hours * 60 * 60)
        let update = PendingUpdate(
            organizationID: ScriptedBackend.organization.id, accountID: Fixture.account, accountName: "Sandbox",
            previousEmail: Fixture.oldEmail, newEmail: Fixture.newEmail, startedAt: startedAt,
            expiresAt: startedAt.addingTimeInterval(AWSMessages.codeLifetime), startedBy: ScriptedBackend.caller.arn,
            phase: phase, ownerPID: deadProcess, updatedAt: fixture.clock.now)
        try fixture.openDatabase().pendingUpdates.insert(update)
        return update
    }

    private func serviceOfNextProcess() throws -> EmailUpdateService {
        try fixture.service(processID: 4200, isProcessAlive: { [deadProcess] in $0 != deadProcess })
    }

    @Test("a Start cut short is listed as uncertain, and PENDING settles it as awaiting a code")
    func startCutShortButSent() async throws {
        let crashed = try leaveRecordOfDeadProcess(phase: .starting)
        let service = try serviceOfNextProcess()

        let listed = try #require(try await service.openUpdates().only)
        #expect(listed.id == crashed.id)
        #expect(service.condition(of: listed) == .uncertain)

        let settled = try await service.resolveUncertain(account: Fixture.account)

        #expect(fixture.backend.calls.contains(.updateStatus(Fixture.account)))
        #expect(settled.phase == .pending)
        #expect(service.condition(of: settled) == .awaitingCode)
        // The code went out no earlier than the intent was written.
        #expect(settled.expiresAt == crashed.startedAt.addingTimeInterval(AWSMessages.codeLifetime))
        #expect(try fixture.openUpdatesSeenElsewhere().map(\.phase) == [.pending])
    }

    @Test("a second Start cut short before it reached the backend leaves the first one awaiting its code")
    func secondStartCutShortKeepsTheFirst() async throws {
        let service = try serviceOfNextProcess()
        let first = try await fixture.startUpdate(with: service, to: try EmailAddress("one@example.net"))
        fixture.clock.advance(by: 60)
        try leaveRecordOfDeadProcess(phase: .starting)
        fixture.backend.scriptStatus(.success(UpdateStatusReport(status: .pending, updatedAt: first.startedAt,
                                                                 email: first.newEmail)))

        let settled = try await service.resolveUncertain(account: Fixture.account)

        #expect(settled.phase == .discarded)
        let open = try #require(try fixture.openUpdatesSeenElsewhere().only)
        #expect(open.id == first.id)
        #expect(service.condition(of: open) == .awaitingCode)
        let resolution = try #require(try service.auditEntries(limit: 1).first)
        #expect(resolution.newEmail == Fixture.newEmail.rawValue)
        #expect(resolution.result.hasPrefix("NOT_RECEIVED"))
        #expect(resolution.result.contains("one@example.net"))
    }

    @Test("where the status names no address and cannot tell by time, the admin chooses; nothing is guessed")
    func ambiguousStartIsLeftToTheAdmin() async throws {
        let service = try serviceOfNextProcess()
        let first = try await fixture.startUpdate(with: service, to: try EmailAddress("one@example.net"))
        try leaveRecordOfDeadProcess(phase: .starting)
        fixture.backend.scriptStatus(.success(UpdateStatusReport(status: .pending, updatedAt: nil)))
        let before = try fixture.openUpdatesSeenElsewhere()

        await #expect {
            try await service.resolveUncertain(account: Fixture.account)
        } throws: { error in
            guard case RootmailError.ambiguousStart(Fixture.account, _, _) = error else { return false }
            return "\(error)".contains("one@example.net") && "\(error)".contains(Fixture.newEmail.rawValue)
        }
        #expect(try fixture.openUpdatesSeenElsewhere() == before)

        let kept = try await service.resolveUncertain(account: Fixture.account, keeping: first.newEmail)
        #expect(kept.id == first.id)
        #expect(try fixture.openUpdatesSeenElsewhere().map(\.id) == [first.id])
        let resolution = try #require(try service.auditEntries(limit: 1).first)
        #expect(resolution.result.hasPrefix("PENDING"))
        #expect(resolution.result.contains("chosen by \(ScriptedBackend.caller.arn)"))
    }

    @Test("a Start cut short that AWS never saw is dropped")
    func startCutShortNeverSent() async throws {
        try leaveRecordOfDeadProcess(phase: .starting)
        fixture.backend.scriptStatus(.failure(
            ServiceError(.resourceNotFound, "No update in progress").during("GetPrimaryEmailUpdateStatus")))
        let service = try serviceOfNextProcess()

        let settled = try await service.resolveUncertain(account: Fixture.account)

        #expect(settled.phase == .discarded)
        #expect(try fixture.openUpdatesSeenElsewhere().isEmpty)
    }

    @Test("an Accept cut short after the address changed is completed")
    func acceptCutShortButDone() async throws {
        try leaveRecordOfDeadProcess(phase: .accepting, startedHoursAgo: 2)
        fixture.backend.scriptStatus(.success(UpdateStatusReport(status: .completed, updatedAt: fixture.clock.now)))
        fixture.backend.setPrimaryEmail(Fixture.newEmail, of: Fixture.account)
        let service = try serviceOfNextProcess()
        #expect(service.condition(of: try #require(try await service.openUpdate(for: Fixture.account))) == .uncertain)

        let settled = try await service.resolveUncertain(account: Fixture.account)

        #expect(settled.phase == .completed)
        #expect(try fixture.openUpdatesSeenElsewhere().isEmpty)
    }

    @Test("an Accept cut short before AWS took the code waits for the code again")
    func acceptCutShortNotDone() async throws {
        try leaveRecordOfDeadProcess(phase: .accepting, startedHoursAgo: 2)
        let service = try serviceOfNextProcess()

        let settled = try await service.resolveUncertain(account: Fixture.account)

        #expect(settled.phase == .pending)
        #expect(service.condition(of: settled) == .awaitingCode)
    }

    @Test("a Start that got no answer stays uncertain, not lost")
    func startWithoutAnswer() async throws {
        let service = try fixture.service()
        fixture.backend.scriptStarts(.transport("The backend could not be reached: connection reset"))

        await #expect(throws: RootmailError.self) { try await fixture.startUpdate(with: service) }

        let stored = try #require(try fixture.openUpdatesSeenElsewhere().only)
        #expect(stored.phase == .starting)
        #expect(service.condition(of: stored) == .uncertain)
        #expect(try await service.resolveUncertain(account: Fixture.account).phase == .pending)
    }

    @Test("settling an uncertain resend retires the update it replaced")
    func uncertainResend() async throws {
        let service = try fixture.service()
        let first = try await fixture.startUpdate(with: service)
        fixture.backend.scriptStarts(.transport("The backend could not be reached: timed out"))
        await #expect(throws: RootmailError.self) { try await service.resendCode(account: Fixture.account) }
        #expect(try fixture.openUpdatesSeenElsewhere().count == 2)

        let settled = try await service.resolveUncertain(account: Fixture.account)

        #expect(settled.id != first.id)
        #expect(try fixture.openUpdatesSeenElsewhere().map(\.id) == [settled.id])
    }

    @Test("a call still running in a live process is in flight, until it has run too long")
    func inFlight() async throws {
        try leaveRecordOfDeadProcess(phase: .starting)
        let service = try fixture.service(processID: 4200, isProcessAlive: { _ in true })
        let update = try #require(try await service.openUpdate(for: Fixture.account))
        #expect(service.condition(of: update) == .inFlight)

        fixture.clock.advance(by: EmailUpdateService.inFlightTimeout)
        #expect(service.condition(of: update) == .uncertain)
    }

    @Test("while another live session starts or completes the update, this one waits its turn and sends nothing")
    func anotherSessionIsBusy() async throws {
        for phase in [PendingUpdate.Phase.starting, .accepting] {
            let fixture = Fixture()
            let startedAt = fixture.clock.now
            try fixture.openDatabase().pendingUpdates.insert(PendingUpdate(
                organizationID: ScriptedBackend.organization.id, accountID: Fixture.account, accountName: "Sandbox",
                previousEmail: Fixture.oldEmail, newEmail: Fixture.newEmail, startedAt: startedAt,
                expiresAt: startedAt.addingTimeInterval(AWSMessages.codeLifetime), startedBy: ScriptedBackend.caller.arn,
                phase: phase, ownerPID: 4100, updatedAt: startedAt))
            let service = try fixture.service(processID: 4200, isProcessAlive: { _ in true })
            let before = try fixture.openUpdatesSeenElsewhere()

            await #expect {
                try await service.startUpdate(account: Fixture.account, accountName: "Sandbox", to: Fixture.newEmail,
                                              currentEmail: Fixture.oldEmail)
            } throws: { error in
                guard case RootmailError.busy(let message) = error else { return false }
                return message.contains("Another rootmail session is updating account 222222222222")
            }
            await #expect {
                try await service.acceptUpdate(account: Fixture.account, code: try OneTimeCode("123456"))
            } throws: { error in
                guard case RootmailError.busy(let message) = error else { return false }
                return message.contains("Another rootmail session is completing account 222222222222")
            }
            #expect(fixture.backend.calls.isEmpty)
            #expect(try fixture.openUpdatesSeenElsewhere() == before)
        }
    }

    @Test("a process that has exited is seen as dead", .tags(.subprocess))
    func processLiveness() throws {
        let child = try Subprocess.start(["/bin/true"])
        child.waitUntilExit()

        #expect(EmailUpdateService.processExists(getpid()))
        #expect(!EmailUpdateService.processExists(child.processIdentifier))
        #expect(!EmailUpdateService.processExists(0))
    }
}
