import Foundation
import RootmailCore
import Synchronization
import TerminalUI
import Testing
@testable import RootmailConsole

/// Runs the reducer as the console does, but one step at a time: every effect is performed
/// against a real `EmailUpdateService` (over the test organization and in-memory stores) and
/// its answers are reduced before the next key.
final class ConsoleDriver {
    private(set) var state: ConsoleState
    let service: EmailUpdateService
    let organization: TestOrganization
    let store: InMemoryPendingUpdateStore
    let cache: (any AccountListCache)?
    let clock: TestClock
    let migrationStore = InMemoryMigrationStore()
    /// The migration runner's waits for the quotas pass on the test clock, not in real seconds.
    private(set) lazy var migrations = ConsoleMigrations(
        store: migrationStore,
        runner: MigrationRunner(service: service, store: migrationStore, sleep: { [clock] wait in
            clock.advance(by: Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
        }))
    /// Every effect the reducer asked for, in order.
    private(set) var effects: [ConsoleEffect] = []
    /// Whether the terminal says it takes clipboard writes, and what it was given (OSC 52).
    var takesClipboard = true
    private(set) var clipboard: [String] = []
    /// What the console asked to keep for the next start, newest last.
    private(set) var remembered: [ConsoleMemory] = []

    convenience init(caller: CallerIdentity = TestOrganization.admin,
                     size: TerminalSize = TerminalSize(rows: 24, columns: 80),
                     store: InMemoryPendingUpdateStore = InMemoryPendingUpdateStore(),
                     cache: (any AccountListCache)? = nil,
                     clock: TestClock = TestClock(TestOrganization.start), extraAccounts: [Account] = [],
                     start: Bool = true) async {
        await self.init(organization: TestOrganization(caller: caller, clock: clock, extraAccounts: extraAccounts),
                        size: size, store: store, cache: cache, clock: clock, start: start)
    }

    /// A console session over an existing organization and data directory: what the next start
    /// of the program sees. Without a cache, no account list is kept between sessions.
    init(organization: TestOrganization, size: TerminalSize = TerminalSize(rows: 24, columns: 80),
         store: InMemoryPendingUpdateStore, cache: (any AccountListCache)? = nil, clock: TestClock,
         start: Bool = true) async {
        self.organization = organization
        self.store = store
        self.cache = cache
        self.clock = clock
        service = EmailUpdateService(backend: organization, store: store, audit: store.auditLog,
                                     accountListCache: cache, changeSignal: store, now: { clock.now }, processID: 4242,
                                     isProcessAlive: { _ in false })
        state = ConsoleState(backend: organization.backendDescription, size: size, now: clock.now,
                             timeZone: TimeZone(identifier: "UTC")!)
        if start { await begin() }
    }

    /// What the loop does first: the effects that fill a new console.
    func begin() async {
        await perform(state.begin())
    }

    /// The program started again on the same data directory.
    func restarted() async -> ConsoleDriver {
        await ConsoleDriver(organization: organization, size: state.size, store: store, cache: cache, clock: clock)
    }

    /// Comes back to what an earlier session remembered, as the loop does before `begin`.
    func restore(_ memory: ConsoleMemory) {
        state.restore(memory)
    }

    func press(_ keys: Key...) async {
        for key in keys { await send(.key(key)) }
    }

    /// Types text key by key, as a person does.
    func type(_ text: String) async {
        for character in text { await send(.key(.character(character))) }
    }

    func send(_ event: ConsoleEvent) async {
        await perform(state.reduce(event))
    }

    /// Reduces an event but keeps its effects back, to look at the state while they would run.
    func sendHoldingEffects(_ event: ConsoleEvent) -> [ConsoleEffect] {
        let held = state.reduce(event)
        effects += held
        return held
    }

    func perform(_ effects: [ConsoleEffect]) async {
        self.effects += effects
        for effect in effects {
            // The loop's own effects, done as it does them, by the terminal and the data directory.
            switch effect {
            case .copyToClipboard(let copy):
                if takesClipboard { clipboard.append(copy.text) }
                await send(.copiedToClipboard(copy, takesClipboard))
                continue
            case .remember(let memory):
                remembered.append(memory)
                continue
            default:
                break
            }
            let answers = Answers()
            await EffectRunner.perform(effect, service: service, migrations: migrations, send: { answers.append($0) })
            for answer in answers.all { await send(answer) }
        }
    }

    /// Moves the clock, as the loop's ticks do.
    func advanceClock(by interval: TimeInterval) async {
        clock.advance(by: interval)
        await send(.tick(clock.now))
    }

    /// Moves the accounts list's selection to an account with ↓, as a user would.
    func selectAccount(named name: String, sourceLocation: SourceLocation = #_sourceLocation) async {
        guard state.overlay == nil, state.screen == .accounts else {
            Issue.record("selectAccount needs the accounts list in front", sourceLocation: sourceLocation)
            return
        }
        await press(.character("g"))
        for _ in 0..<state.accounts.shownCount where state.selectedAccount?.name != name {
            await press(.down)
        }
        #expect(state.selectedAccount?.name == name, sourceLocation: sourceLocation)
    }
}

private final class Answers: Sendable {
    private let events = Mutex<[ConsoleEvent]>([])
    func append(_ event: ConsoleEvent) { events.withLock { $0.append(event) } }
    var all: [ConsoleEvent] { events.withLock { $0 } }
}
