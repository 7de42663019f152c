import Foundation
import RootmailCore
import RootmailStore
import Testing

@Suite("Pending update store", .tags(.inProcess))
/// On both engines: the same rows, order and refusals, whichever store a team or a user picks.
struct PendingUpdateStoreTests {

    private func update(account: String, organization: String = "o-exampleorg1", phase: PendingUpdate.Phase,
                        minutesAfterStart minutes: Double = 0) throws -> PendingUpdate {
        let startedAt = TestClock.start.addingTimeInterval(minutes * 60 + 0.123_456)
        return PendingUpdate(
            organizationID: organization, accountID: try AccountID(account), accountName: "Zürich Analytics 東京",
            previousEmail: nil, newEmail: try EmailAddress("Root+\(account)@Example.com"), startedAt: startedAt,
            expiresAt: startedAt.addingTimeInterval(AWSMessages.codeLifetime), startedBy: "arn:aws:iam::111111111111:user/a",
            startedOn: Workstation(host: "bastion-a", user: "ann"), phase: phase, failedAttempts: 2, ownerPID: 99,
            updatedAt: startedAt)
    }

    @Test("an update reads back exactly as written, from another connection", arguments: Engine.allCases)
    func roundTrip(engine: Engine) throws {
        let fixture = try Fixture(engine: engine)
        let written = try update(account: "222222222222", phase: .accepting)
        try fixture.openStores().pendingUpdates.insert(written)

        let read = try #require(try fixture.openUpdatesSeenElsewhere().only)
        #expect(read == written)
        #expect(read.newEmail.rawValue == "Root+222222222222@Example.com")
        #expect(read.startedAt == written.startedAt)
        #expect(read.accountName == "Zürich Analytics 東京")
    }

    @Test("only open updates are listed, oldest first, per organization or all", arguments: Engine.allCases)
    func openListing(engine: Engine) throws {
        let fixture = try Fixture(engine: engine)
        let store = try fixture.openStores().pendingUpdates
        let phases = PendingUpdate.Phase.allCases
        for (index, phase) in phases.enumerated() {
            try store.insert(update(account: String(format: "3333333333%02d", index), phase: phase,
                                    minutesAfterStart: Double(index)))
        }
        try store.insert(update(account: "444444444444", organization: "o-otherorg123", phase: .pending))

        let open = try store.openUpdates(organizationID: "o-exampleorg1")
        #expect(open.map(\.phase) == [.starting, .pending, .accepting, .expired, .voided])
        #expect(try store.openUpdates(organizationID: "o-otherorg123").map(\.accountID.rawValue) == ["444444444444"])
        #expect(try store.openUpdates(organizationID: nil).count == 6)
    }

    @Test("the newest open update of an account is the one returned", arguments: Engine.allCases)
    func newestOpen(engine: Engine) throws {
        let fixture = try Fixture(engine: engine)
        let store = try fixture.openStores().pendingUpdates
        let older = try update(account: "222222222222", phase: .pending)
        let newer = try update(account: "222222222222", phase: .starting)
        var finished = try update(account: "222222222222", phase: .pending)
        try store.insert(older)
        try store.insert(newer)
        try store.insert(finished)
        finished.phase = .completed
        try store.update(finished)

        #expect(try store.openUpdate(organizationID: "o-exampleorg1", accountID: AccountID("222222222222")) == newer)
        #expect(try store.openUpdate(organizationID: "o-otherorg123", accountID: AccountID("222222222222")) == nil)
        #expect(try store.openUpdate(organizationID: "o-exampleorg1", accountID: AccountID("555555555555")) == nil)
    }

    @Test("changing an update that is not stored is an error, not a silent loss", arguments: Engine.allCases)
    func updateUnknown(engine: Engine) throws {
        let fixture = try Fixture(engine: engine)
        let stores = try fixture.openStores()
        let store = stores.pendingUpdates
        let missing = try update(account: "222222222222", phase: .pending)

        #expect {
            try store.update(missing)
        } throws: { error in
            guard case RootmailError.storage(let message) = error else { return false }
            return message.contains(missing.id) && message.contains(stores.name)
        }
        #expect(try store.openUpdates(organizationID: nil).isEmpty)
    }

    @Test("an update's id is unique", arguments: Engine.allCases)
    func duplicateInsert(engine: Engine) throws {
        let fixture = try Fixture(engine: engine)
        let store = try fixture.openStores().pendingUpdates
        let once = try update(account: "222222222222", phase: .pending)
        try store.insert(once)

        #expect(throws: RootmailError.self) { try store.insert(once) }
        #expect(try store.openUpdates(organizationID: nil) == [once])
    }
}
