import Foundation
import RootmailCore
import RootmailStore
import Testing

/// One process opens `rootmail.sqlite` once: a second opening would close a descriptor of the
/// file and with it the first opening's SQLite locks (POSIX locks belong to the process).
@Suite("One database per process", .tags(.inProcess))
struct SharedDatabaseTests {
    let fixture = Fixture()

    @Test("the service and the migration store of one process share one opening of the file")
    func serviceAndMigrationsShareIt() throws {
        let first = try RootmailDatabase.shared(dataDirectory: fixture.directory)
        let second = try RootmailDatabase.shared(dataDirectory: fixture.directory)
        #expect(first === second)
        let other = Fixture()
        #expect(try RootmailDatabase.shared(dataDirectory: other.directory) !== first)
    }

    @Test("what the migrations write goes through the service's own connection, not a second one")
    func theServiceOpensTheSharedOne() async throws {
        let service = try EmailUpdateService.open(backend: fixture.backend, dataDirectory: fixture.directory,
                                                  now: fixture.clock.function)
        let store = try RootmailDatabase.shared(dataDirectory: fixture.directory).migrations
        // SQLite's data_version moves for commits of other connections only.
        let before = try #require(try service.storeChangeCount())
        let migration = Migration(name: "rebrand", organizationID: "o-shared", rule: "--rewrite-domain a.example=b.example",
                                  createdBy: "arn:aws:iam::111111111111:user/admin", createdAt: fixture.clock.now,
                                  host: "bastion", user: "admin")
        try store.insert(migration, rows: [])
        #expect(try service.storeChangeCount() == before)
        #expect(try store.migrations(organizationID: "o-shared") == [migration])
    }
}
