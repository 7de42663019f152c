import Foundation
import RootmailCore
import RootmailStore
import Testing

/// Two sessions (two SSH logins) on one data directory write at once and lose nothing.
@Suite("Concurrent writers", .tags(.inProcess))
struct ConcurrencyTests {
    let fixture = Fixture()
    let writesPerConnection = 150

    @Test("two connections writing from many tasks at once lose no row")
    func noLostWrites() async throws {
        let connections = [try fixture.openDatabase(), try fixture.openDatabase()]

        try await withThrowingTaskGroup(of: Void.self) { group in
            for (connectionIndex, database) in connections.enumerated() {
                for index in 0..<writesPerConnection {
                    group.addTask {
                        let account = try AccountID(String(format: "%d%011d", connectionIndex + 1, index))
                        let at = TestClock.start.addingTimeInterval(Double(index))
                        var update = PendingUpdate(
                            organizationID: "o-exampleorg1", accountID: account, accountName: "Account \(index)",
                            previousEmail: nil, newEmail: try EmailAddress("a\(index)@example.com"), startedAt: at,
                            expiresAt: at.addingTimeInterval(AWSMessages.codeLifetime), startedBy: "arn:test",
                            phase: .starting, ownerPID: 1, updatedAt: at)
                        try database.pendingUpdates.insert(update)
                        update.phase = .pending
                        try database.pendingUpdates.update(update)
                        try database.auditLog.append(AuditEntry(
                            at: at, callerARN: "arn:test", organizationID: "o-exampleorg1", accountID: account,
                            operation: "StartPrimaryEmailUpdate", oldEmail: nil, newEmail: update.newEmail.rawValue,
                            result: "PENDING"))
                    }
                }
            }
            try await group.waitForAll()
        }

        let reader = try fixture.openDatabase()
        let updates = try reader.pendingUpdates.openUpdates(organizationID: nil)
        #expect(updates.count == 2 * writesPerConnection)
        #expect(Set(updates.map(\.accountID)).count == 2 * writesPerConnection)
        #expect(updates.allSatisfy { $0.phase == .pending })
        #expect(try reader.auditLog.recentEntries(limit: 10_000).count == 2 * writesPerConnection)
    }
}
