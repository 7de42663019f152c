import Foundation
import RootmailCore
import Synchronization
import Testing
import TerminalUI
@testable import RootmailConsole

/// A terminal that types a script, waiting for text on the screen before each step, as the
/// tmux tests do: no blind sleeps, a deadline instead.
final class ScriptedDevice: ConsoleDevice {
    enum Step {
        case waitFor(String)
        case key(Key)
        case text(String)
        case resize(TerminalSize)
        case hangup
        /// Something outside the console happens (the backend answers at last).
        case action(() -> Void)
    }

    let surface: MemorySurface
    private var steps: [Step]
    private let signal = DispatchSemaphore(value: 0)
    private let deadline: ContinuousClock.Instant
    private(set) var failure: String?
    private(set) var frames = 0
    /// Whether this terminal says it takes clipboard writes, and what it was given.
    var takesClipboard = true
    private(set) var clipboard: [String] = []

    init(size: TerminalSize, steps: [Step], deadline: Duration = .seconds(20)) {
        surface = MemorySurface(size: size)
        self.steps = steps
        self.deadline = .now + deadline
    }

    var wake: @Sendable () -> Void {
        let signal = signal
        return { signal.signal() }
    }

    func copyToClipboard(_ text: String) -> Bool {
        guard takesClipboard else { return false }
        clipboard.append(text)
        return true
    }

    func nextInput(timeout: Duration?) -> TerminalInput? {
        while let step = steps.first {
            guard ContinuousClock.now < deadline else {
                failure = "timed out at \(step); the screen was:\n\(surface.text())"
                steps = []
                return .hangup
            }
            switch step {
            case .waitFor(let text):
                guard surface.text().contains(text) else {
                    if timeout != .zero { _ = signal.wait(timeout: .now() + .milliseconds(50)) }
                    return nil
                }
                steps.removeFirst()
            case .key(let key):
                steps.removeFirst()
                return .key(key)
            case .text(let text):
                steps.removeFirst()
                steps.insert(contentsOf: text.map { .key(.character($0)) }, at: 0)
            case .resize(let size):
                steps.removeFirst()
                surface.resize(to: size)
                return .resize
            case .hangup:
                steps.removeFirst()
                return .hangup
            case .action(let body):
                steps.removeFirst()
                body()
            }
        }
        // The loop asks once more without waiting right after the last key; only a real wait
        // past the end of the script means the console did not quit.
        guard timeout != .zero else { return nil }
        failure = failure ?? "the console did not quit at the end of the script"
        return .hangup
    }
}

@Suite(.tags(.reducer, .inProcess)) struct ConsoleLoopTests {
    private func service(store: InMemoryPendingUpdateStore = InMemoryPendingUpdateStore(),
                         clock: TestClock = TestClock(TestOrganization.start)) -> (EmailUpdateService, TestOrganization) {
        let organization = TestOrganization(clock: clock)
        return (EmailUpdateService(backend: organization, store: store, audit: InMemoryAuditLog(), now: { clock.now },
                                   processID: 4242, isProcessAlive: { _ in false }), organization)
    }

    /// The loop blocks its thread as it blocks the main thread in the program: give it its own,
    /// so the effect runner's tasks keep the cooperative pool.
    private func run(_ service: EmailUpdateService, on device: ScriptedDevice) async {
        nonisolated(unsafe) let device = device
        await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
            Thread {
                ConsoleApp.run(service: service, device: device, timeZone: TimeZone(identifier: "UTC")!)
                finished.resume()
            }.start()
        }
    }

    @Test func filterOpenUpdateFinishLaterAndQuit() async throws {
        let store = InMemoryPendingUpdateStore()
        let (service, _) = service(store: store)
        let device = ScriptedDevice(size: TerminalSize(rows: 24, columns: 80), steps: [
            .waitFor("東京 Sandbox"),
            .waitFor("(management account)"),
            .key(.character("/")), .text("zür"), .key(.enter),
            .waitFor("Accounts 1 of 9"),
            .key(.enter),
            .waitFor("Root / Analytics"),
            .key(.character("u")),
            .waitFor("Update email address"),
            .text("analytics@example.net"), .key(.enter),
            .waitFor("Verification code"),
            .key(.escape),
            .waitFor("Still pending"),
            .resize(TerminalSize(rows: 10, columns: 40)),
            .waitFor("Terminal too small: 40×10"),
            .resize(TerminalSize(rows: 24, columns: 80)),
            .waitFor("Pending email update"),
            .key(.character("q")),
            .waitFor("Accounts 1 of 9"),
            .key(.character("q")),
        ])
        await run(service, on: device)
        #expect(device.failure == nil, "\(device.failure ?? "")")
        let pending = try store.openUpdates(organizationID: nil)
        #expect(pending.map(\.newEmail.rawValue) == ["analytics@example.net"])
        #expect(pending.map(\.phase) == [.pending])
    }

    /// An administrator reconnecting to finish an update: the list cached three hours ago shows
    /// at once and can be used while the organization is listed again behind it; the fresh list
    /// then takes its place with the user's filter, sort and selection.
    @Test func aLaterStartShowsTheCachedListAtOnceThenTheFreshOne() async throws {
        let data = TemporaryDataDirectory()
        let cache = try data.database().accountListCache
        let clock = TestClock(TestOrganization.start)
        let organization = TestOrganization(clock: clock, extraAccounts: [
            CachedAccountListTests.salesAnalytics, CachedAccountListTests.sandboxLab,
        ])
        let service = EmailUpdateService(backend: organization, store: InMemoryPendingUpdateStore(),
                                         audit: InMemoryAuditLog(), accountListCache: cache, now: { clock.now },
                                         processID: 4242, isProcessAlive: { _ in false })
        try cache.replaceAccountList(CachedAccountListTests.earlierList(), backend: service.accountListCacheKey)
        organization.holdListing()
        let device = ScriptedDevice(size: TerminalSize(rows: 24, columns: 80), steps: [
            .waitFor("Old Sandbox"),
            .waitFor("Accounts 10 of 10 · cached 3h ago"),
            .waitFor("Refreshing… 0 so far"),
            .waitFor("(management account)"),
            .key(.character("/")), .text("sa"), .key(.enter),
            .key(.character("E")), .key(.character("G")),
            .waitFor("Accounts 2 of 10 · cached 3h ago   Sort Email ↑   Filter /sa"),
            // The details come from the backend, whatever the list shows.
            .key(.enter),
            .waitFor("Root / Workloads"),
            .key(.escape),
            .waitFor("Old Sandbox"),
            .action { organization.releaseListing() },
            .waitFor("Refreshed: 11 accounts (2 new, 1 gone)."),
            .key(.character("q")),
        ])
        await run(service, on: device)
        #expect(device.failure == nil, "\(device.failure ?? "")")

        let screen = device.surface.text()
        #expect(screen.contains(" Accounts 3 of 11   Sort Email ↑   Filter /sa"), "\(screen)")
        #expect(!screen.contains("Old Sandbox"))
        #expect(screen.contains("Sales Analytics") && screen.contains("Sandbox Lab"))
        let cursor = try #require(device.surface.cursor)
        #expect(cursor.row == ConsoleLayout.firstTableRow + 2)
        #expect(device.surface.text(row: cursor.row).contains("東京 Sandbox"))
        let kept = try #require(try cache.accountList(backend: service.accountListCacheKey))
        #expect(kept.fetchedAt == clock.now)
        #expect(Set(kept.accounts.map(\.name)) == Set(organization.accountNames))
    }

    @Test func aHangupMidDialogEndsTheLoopAndTheUpdateStaysRecorded() async throws {
        let store = InMemoryPendingUpdateStore()
        let (service, organization) = service(store: store)
        let device = ScriptedDevice(size: TerminalSize(rows: 24, columns: 80), steps: [
            .waitFor("Data Lake"),
            .waitFor("(management account)"),
            .key(.character("j")), .key(.character("j")), .key(.character("u")),
            .waitFor("Update email address"),
            .text("lake@example.net"), .key(.enter),
            .waitFor("Verification code"),
            .text("12"),
            .hangup,
        ])
        await run(service, on: device)
        #expect(device.failure == nil, "\(device.failure ?? "")")
        #expect(try store.openUpdates(organizationID: nil).map(\.accountID) == [try AccountID("666666666666")])
        #expect(organization.lastCode(for: try AccountID("666666666666")) != nil)
    }
}
