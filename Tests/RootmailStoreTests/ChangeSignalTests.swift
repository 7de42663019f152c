import Foundation
import RootmailCore
import RootmailStore
import Testing

/// The number a console watches to learn that another process changed the data directory.
@Suite("Change signal", .tags(.inProcess))
struct ChangeSignalTests {
    let fixture = Fixture()

    @Test("another process's write moves the count; no write leaves it where it was", arguments: Engine.allCases)
    func anotherProcessMovesTheCount(engine: Engine) async throws {
        let fixture = try Fixture(engine: engine)
        let console = try fixture.openStores().changeSignal
        let commandLine = try fixture.service(processID: 4200)
        let first = try console.changeCount()
        #expect(try console.changeCount() == first)

        try await fixture.startUpdate(with: commandLine)
        let afterStart = try console.changeCount()
        #expect(afterStart != first)
        #expect(try console.changeCount() == afterStart)

        try await commandLine.discard(account: Fixture.account)
        #expect(try console.changeCount() != afterStart)
    }

    @Test("the service built on the data directory reports it")
    func theServiceReportsTheCount() async throws {
        let service = try EmailUpdateService.open(backend: fixture.backend, dataDirectory: fixture.directory,
                                                  now: fixture.clock.function)
        let before = try #require(try service.storeChangeCount())
        try await fixture.startUpdate(with: try fixture.service(processID: 4200))
        #expect(try service.storeChangeCount() != before)
    }
}
