import Foundation
import RootmailCore
import RootmailStore
import Testing
import EmbeddedOrganization

@Suite("Running a migration on the embedded organization with AWS's quotas on", .tags(.scale))
struct MigrationRunTests {
    let fixture: Fixture
    let service: EmailUpdateService
    let store: SQLiteMigrationStore
    let runner: MigrationRunner

    init() throws {
        fixture = try Fixture(throttling: true)
        let clock = fixture.clock
        store = try RootmailDatabase(dataDirectory: fixture.directory).migrations
        service = try EmailUpdateService.open(backend: try fixture.backend(), dataDirectory: fixture.directory,
                                              now: clock.function)
        // Waits pass on the organization's clock, so that quotas are met without real seconds.
        runner = MigrationRunner(service: service, store: store, sleep: { clock.advance(by: Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18) })
    }

    private func plan(_ rule: String) async throws -> (Migration, MigrationPreview) {
        let session = try await service.session()
        let accounts = try await service.allAccounts()
        let preview = MigrationPreview(rule: try AddressRule.rewriteDomain(rule), selection: accounts, organization: accounts,
                                       managementAccountID: session.organization.managementAccountID,
                                       open: try await service.openUpdates())
        let migration = Migration(name: "rebrand", organizationID: session.organization.id, rule: "--rewrite-domain \(rule)",
                                  createdBy: session.caller.arn, createdAt: fixture.clock.now, host: "bastion-a", user: "alice")
        try store.insert(migration, rows: preview.rows(of: migration.id, at: fixture.clock.now))
        return (migration, preview)
    }

    @Test("a migration and its rows read back from rootmail.sqlite as they were written, newest migration first")
    func storedMigrations() async throws {
        let (first, _) = try await plan("northwind.example=newcorp.example")
        fixture.clock.advance(by: 60)
        let (second, preview) = try await plan("northwind.example=contoso.example")
        let reopened = try RootmailDatabase(dataDirectory: fixture.directory).migrations
        #expect(try reopened.migrations(organizationID: first.organizationID) == [second, first])
        #expect(try reopened.migration(id: first.id) == first)
        let rows = try reopened.rows(of: second.id)
        #expect(rows == preview.rows(of: second.id, at: second.createdAt))
        var changed = rows[1]
        changed.state = .failed
        changed.reason = "ConflictException: refused"
        try reopened.update(changed)
        #expect(try store.rows(of: second.id)[1] == changed)
    }

    @Test("every ACTIVE member account is started at one per second, then completed with its mailed code")
    func wholeOrganization() async throws {
        let (migration, preview) = try await plan("northwind.example=newcorp.example")
        let planned = preview.toStart.count
        #expect(planned > 20)
        let began = fixture.clock.now
        try await runner.startPlannedRows(of: migration)
        let elapsed = fixture.clock.now.timeIntervalSince(began)
        let rows = try store.rows(of: migration.id)
        #expect(rows.filter { $0.state == .awaitingCode }.count == planned)
        #expect(rows.allSatisfy { $0.state == .awaitingCode || $0.state == .skipped })
        // One Start per second per caller is the quota: N Starts need N - 1 seconds, and the
        // pacing may not fall below 90% of it.
        #expect(elapsed >= Double(planned - 1) && elapsed <= Double(planned) / 0.9)

        for row in rows where row.state == .awaitingCode {
            let address = try EmailAddress(row.newEmail!)
            try await runner.accept(try fixture.mailedCode(to: address), for: row.accountID, in: migration)
            #expect(try await service.primaryEmail(of: row.accountID) == address)
        }
        #expect(try store.rows(of: migration.id).filter { $0.state == .done }.count == planned)
        let skipped = try store.rows(of: migration.id).filter { $0.state == .skipped }
        #expect(skipped.allSatisfy { $0.reason?.isEmpty == false })
        #expect(skipped.contains { $0.reason?.contains("CLOSED") == true })
    }

    @Test("a wrong code leaves the row awaiting a code, with AWS's reason")
    func wrongCode() async throws {
        let (migration, preview) = try await plan("northwind.example=newcorp.example")
        try await runner.startPlannedRows(of: migration)
        let first = try #require(preview.toStart.first)
        let code = try fixture.mailedCode(to: try #require(first.newEmail))
        let row = try await runner.accept(try EmbeddedOrganizationTests.wrongCode(for: code), for: first.accountID, in: migration)
        #expect(row.state == .awaitingCode)
        #expect(row.reason?.isEmpty == false)
        #expect(try await runner.accept(code, for: first.accountID, in: migration).state == .done)
    }

    @Test("rows a stopped run left starting are settled from the pending updates, and nothing is started twice")
    func settleAfterStop() async throws {
        let (migration, preview) = try await plan("northwind.example=newcorp.example")
        let rows = try store.rows(of: migration.id).filter { $0.state == .planned }
        // A run stopped right after marking a row `starting`, before Start was recorded: nothing sent.
        var unsent = rows[0]
        unsent.state = .starting
        try store.update(unsent)
        // A run stopped after Start succeeded, before the row was marked.
        var sent = rows[1]
        try await service.startUpdate(account: sent.accountID, accountName: sent.accountName,
                                      to: try EmailAddress(sent.newEmail!), currentEmail: sent.currentEmail)
        sent.state = .starting
        try store.update(sent)

        let settled = try await runner.settle(migration)
        #expect(settled.first { $0.accountID == unsent.accountID }?.state == .planned)
        #expect(settled.first { $0.accountID == sent.accountID }?.state == .awaitingCode)

        try await runner.startPlannedRows(of: migration)
        let mail = try fixture.organization.mailbox.messages().filter {
            $0.recipientAddress?.lowercased() == sent.newEmail?.lowercased()
        }
        #expect(mail.count == 1)
        #expect(try store.rows(of: migration.id).filter { $0.state == .awaitingCode }.count == preview.toStart.count)
    }
}
