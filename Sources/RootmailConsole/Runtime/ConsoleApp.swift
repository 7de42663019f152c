import Foundation
import RootmailCore
import Synchronization
import TerminalUI

/// The console's loop: draw, wait for a key or a backend answer, reduce, start the effects.
public enum ConsoleApp {
    /// How often the clock and the spinner move while something is in flight, and otherwise.
    static let busyTick: Duration = .milliseconds(100)
    static let idleTick: Duration = .seconds(1)
    /// How often the store is asked whether another process changed it: a timer, never a key.
    static let storeWatchInterval: Duration = .seconds(1)
    /// Keys already typed are handled together before the next frame (fast typing over SSH).
    static let keysPerFrame = 64

    /// Runs the console on a device (a started terminal, or a scripted one in tests) until the
    /// user quits or the terminal goes away (SIGHUP, SIGTERM, SIGQUIT, Ctrl-C). Blocks the
    /// calling thread; backend calls run in tasks. The caller stops the terminal afterwards.
    /// With a `dataDirectory`, the sort, filter and screen are kept there for the next start
    /// on the same backend, and restored from there.
    public static func run<Device: ConsoleDevice>(service: EmailUpdateService, device: Device,
                                                  timeZone: TimeZone = .current, migrations: ConsoleMigrations? = nil,
                                                  dataDirectory: URL? = nil) {
        let inbox = EventInbox()
        let wake = device.wake
        let runner = EffectRunner(service: service, migrations: migrations) { event in
            inbox.post(event)
            wake()
        }
        defer { runner.cancelAll() }
        var state = ConsoleState(backend: service.backend.backendDescription, size: device.surface.size,
                                 now: service.currentDate, timeZone: timeZone)
        let memoryFile = dataDirectory.map { ConsoleMemoryFile(dataDirectory: $0) }
        if let memory = memoryFile?.memory(for: state.backend.identity) { state.restore(memory) }
        let local = LocalEffects(device: device, memoryFile: memoryFile, backend: state.backend.identity, inbox: inbox)
        func perform(_ effects: [ConsoleEffect]) { runner.perform(local.perform(effects)) }
        perform(state.begin())
        var lastTick = ContinuousClock.now
        var lastStoreWatch = ContinuousClock.now
        while !state.isFinished {
            if device.surface.size != state.size {
                perform(state.reduce(.resized(device.surface.size)))
            }
            ConsoleView.draw(state, on: device.surface)

            var events: [ConsoleEvent] = []
            var input = device.nextInput(timeout: state.isBusy ? busyTick : idleTick)
            while let received = input {
                events.append(event(for: received, surface: device.surface))
                guard events.count < keysPerFrame, received != .hangup else { break }
                input = device.nextInput(timeout: .zero)
            }
            events += inbox.drain()
            let now = ContinuousClock.now
            if now - lastTick >= busyTick {
                lastTick = now
                events.append(.tick(service.currentDate))
            }
            if now - lastStoreWatch >= storeWatchInterval {
                lastStoreWatch = now
                events.append(.storeWatchDue)
            }
            for event in events {
                perform(state.reduce(event))
                if state.isFinished { break }
            }
        }
    }

    private static func event(for input: TerminalInput, surface: some Surface) -> ConsoleEvent {
        switch input {
        case .key(let key): .key(key)
        case .resize: .resized(surface.size)
        case .hangup: .hangup
        }
    }
}

/// The effects the loop performs itself, in order, on its own thread: the terminal's
/// clipboard (ncurses is not for other threads) and the memory file (the newest write wins).
/// Their answers wait in the inbox like the backend's.
private struct LocalEffects<Device: ConsoleDevice> {
    let device: Device
    let memoryFile: ConsoleMemoryFile?
    let backend: String
    let inbox: EventInbox

    /// Performs the local effects and returns the others, for the runner.
    func perform(_ effects: [ConsoleEffect]) -> [ConsoleEffect] {
        effects.filter { effect in
            switch effect {
            case .copyToClipboard(let copy):
                post(.copiedToClipboard(copy, device.copyToClipboard(copy.text)))
            case .remember(let memory):
                guard let memoryFile else { return false }
                do {
                    try memoryFile.remember(memory, for: backend)
                } catch {
                    post(.notRemembered("\(error.localizedDescription)"))
                }
            default:
                return true
            }
            return false
        }
    }

    private func post(_ event: ConsoleEvent) {
        inbox.post(event)
        device.wake()
    }
}

/// Backend answers waiting for the loop, posted from the runner's tasks.
final class EventInbox: Sendable {
    private let events = Mutex<[ConsoleEvent]>([])

    func post(_ event: ConsoleEvent) {
        events.withLock { $0.append(event) }
    }

    func drain() -> [ConsoleEvent] {
        events.withLock { events in
            defer { events = [] }
            return events
        }
    }
}
