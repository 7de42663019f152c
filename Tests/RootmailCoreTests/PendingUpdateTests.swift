import Foundation
import Testing
import RootmailCore

@Suite("PendingUpdate", .tags(.unit))
struct PendingUpdateTests {
    private func update(phase: PendingUpdate.Phase, failedAttempts: Int = 0) throws -> PendingUpdate {
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        return PendingUpdate(
            organizationID: "o-exampleorg1", accountID: try AccountID("222222222222"), accountName: "Sandbox",
            previousEmail: "old@example.com", newEmail: try EmailAddress("new@example.com"), startedAt: start,
            expiresAt: start.addingTimeInterval(AWSMessages.codeLifetime), startedBy: "arn:aws:iam::111111111111:user/admin",
            phase: phase, failedAttempts: failedAttempts, ownerPID: 0, updatedAt: start)
    }

    @Test("updates that still need the user are open; finished ones are not")
    func openPhases() throws {
        let open = try PendingUpdate.Phase.allCases.filter { try update(phase: $0).isOpen }
        #expect(open == [.starting, .pending, .accepting, .expired, .voided])
    }

    @Test("five wrong codes leave no attempt")
    func attempts() throws {
        #expect(try update(phase: .pending).attemptsLeft == 5)
        #expect(try update(phase: .pending, failedAttempts: 4).attemptsLeft == 1)
        #expect(try update(phase: .pending, failedAttempts: 7).attemptsLeft == 0)
    }

    @Test("time left counts down to zero and stays there")
    func timeLeft() throws {
        let pending = try update(phase: .pending)
        #expect(pending.timeLeft(at: pending.startedAt) == 24 * 60 * 60)
        #expect(pending.timeLeft(at: pending.startedAt.addingTimeInterval(3600)) == 23 * 60 * 60)
        #expect(pending.timeLeft(at: pending.expiresAt.addingTimeInterval(1)) == 0)
    }
}
