import Foundation
import RootmailCore
import Testing

/// On both engines: a migration and its rows read back as planned, from another connection.
@Suite("Migration store", .tags(.inProcess))
struct MigrationStoreTests {
    private func migration(_ name: String, minutesAfterStart minutes: Double) -> Migration {
        Migration(name: name, organizationID: "o-exampleorg1", rule: "--rewrite-domain example.com=example.net",
                  createdBy: "arn:aws:iam::111111111111:user/admin",
                  createdAt: TestClock.start.addingTimeInterval(minutes * 60 + 0.123_456), host: "bastion-a",
                  user: "ann")
    }

    private func rows(of migration: Migration) throws -> [MigrationRow] {
        [
            MigrationRow(migrationID: migration.id, accountID: try AccountID("333333333333"), accountName: "東京 Sandbox",
                         currentEmail: "a@example.com", newEmail: "a@example.net", state: .planned,
                         updatedAt: migration.createdAt),
            MigrationRow(migrationID: migration.id, accountID: try AccountID("222222222222"), accountName: "Zürich",
                         currentEmail: nil, newEmail: nil, state: .skipped, reason: "no address",
                         updatedAt: migration.createdAt),
        ]
    }

    @Test("migrations read back newest first, rows in planned order, changes kept", arguments: Engine.allCases)
    func roundTrip(engine: Engine) throws {
        let fixture = try Fixture(engine: engine)
        let older = migration("spring", minutesAfterStart: 0)
        let newer = migration("autumn", minutesAfterStart: 5)
        try fixture.openStores().migrations.insert(older, rows: try rows(of: older))
        try fixture.openStores().migrations.insert(newer, rows: [])

        let store = try fixture.openStores().migrations
        #expect(try store.migrations(organizationID: "o-exampleorg1") == [newer, older])
        #expect(try store.migrations(organizationID: "o-otherorg123").isEmpty)
        #expect(try store.migration(id: older.id) == older)
        #expect(try store.rows(of: older.id) == (try rows(of: older)))

        var started = try rows(of: older)[0]
        started.state = .awaitingCode
        started.updatedAt = started.updatedAt.addingTimeInterval(30)
        try store.update(started)
        #expect(try fixture.openStores().migrations.rows(of: older.id).first == started)
    }

    @Test("changing a row the migration does not have is an error", arguments: Engine.allCases)
    func updateUnknown(engine: Engine) throws {
        let fixture = try Fixture(engine: engine)
        let planned = migration("spring", minutesAfterStart: 0)
        try fixture.openStores().migrations.insert(planned, rows: [])
        let missing = try rows(of: planned)[0]

        #expect(throws: RootmailError.notFound("Migration \(planned.id) has no row for account 333333333333.")) {
            try fixture.openStores().migrations.update(missing)
        }
    }
}
