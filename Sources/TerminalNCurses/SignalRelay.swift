import CNCurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a byte on the self-pipe says. Signal handlers only write such a byte: everything else
/// happens on the input loop, where it is safe.
enum RelayedEvent: UInt8 {
    case wake = 0
    case hangup = 1
    case resize = 2
}

/// The self-pipe, made once per process and never closed: signal handlers and other threads
/// write to it at any time, the input loop polls it beside the terminal.
final class SelfPipe: Sendable {
    let readDescriptor: Int32
    let writeDescriptor: Int32

    init() {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else {
            fatalError("rootmail could not create a pipe (errno \(errno)); the process is out of file descriptors")
        }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
    }

    /// Async-signal-safe: one `write`, errno kept.
    func send(_ event: RelayedEvent) {
        let savedErrno = errno
        var byte = event.rawValue
        _ = write(writeDescriptor, &byte, 1)
        errno = savedErrno
    }

    /// Everything written since the last call.
    func drain() -> Set<RelayedEvent> {
        var events: Set<RelayedEvent> = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(readDescriptor, &buffer, buffer.count)
            guard count > 0 else { break }
            for byte in buffer[0..<count] {
                if let event = RelayedEvent(rawValue: byte) {
                    events.insert(event)
                }
            }
        }
        return events
    }
}

let selfPipe = SelfPipe()

/// Lets another thread (a task that finished a backend call) interrupt `Terminal.nextInput`,
/// which then returns nil so the loop can take the task's result.
public struct TerminalWaker: Sendable {
    public init() {}

    public func wake() {
        selfPipe.send(.wake)
    }
}

/// What puts the terminal back as the shell had it when the process dies, from inside a
/// signal handler: bytes and `tcsetattr` only, prepared before the handler can run.
final class CrashRestore: @unchecked Sendable {
    private(set) var armed = false
    private var descriptor: Int32 = -1
    private let shellModes = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    private var resetBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    private var resetCount = 0

    /// `modes` are the terminal's settings before ncurses changed them; `reset` the bytes
    /// that leave ncurses' screen mode (terminfo sgr0, cnorm, rmkx, rmcup).
    func arm(descriptor: Int32, modes: termios, reset: [UInt8]) {
        self.descriptor = descriptor
        shellModes.pointee = modes
        resetBuffer.deallocate()
        resetBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(reset.count, 1))
        resetBuffer.initialize(from: reset, count: reset.count)
        resetCount = reset.count
        armed = true
    }

    func disarm() {
        armed = false
    }

    /// Async-signal-safe.
    func restore() {
        guard armed else { return }
        armed = false
        _ = write(descriptor, resetBuffer, resetCount)
        _ = tcsetattr(descriptor, TCSANOW, shellModes)
    }
}

let crashRestore = CrashRestore()

/// Installs and removes the process' signal handlers for the console.
enum SignalRelay {
    static let hangupSignals: [Int32] = [SIGHUP, SIGTERM, SIGINT, SIGQUIT]
    static let crashSignals: [Int32] = [SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE, SIGTRAP]

    /// Handlers that were there before, put back by `uninstall` and called after a crash.
    private static let previousActions = PreviousActions()

    static func install() {
        for signal in hangupSignals + [SIGWINCH] {
            install(relayHandler, for: signal)
        }
        for signal in crashSignals {
            installCrashHandler(for: signal)
        }
        registerExitRestore
    }

    static func uninstall() {
        for signal in hangupSignals + [SIGWINCH] + crashSignals {
            previousActions.restore(signal)
        }
    }

    private static func install(_ handler: @convention(c) (Int32) -> Void, for signal: Int32) {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        previousActions.replace(signal, with: action)
    }

    private static func installCrashHandler(for signal: Int32) {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_sigaction = crashHandler
        #else
        action.__sigaction_u.__sa_sigaction = crashHandler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_SIGINFO
        previousActions.replace(signal, with: action)
    }

    fileprivate static func handOver(_ signal: Int32) {
        previousActions.restore(signal)
    }

    /// `exit()` from anywhere while the console runs still leaves a usable terminal.
    private static let registerExitRestore: Void = {
        atexit {
            if crashRestore.armed {
                crashRestore.disarm()
                endwin()
            }
        }
    }()
}

private let relayHandler: @convention(c) (Int32) -> Void = { signal in
    selfPipe.send(signal == SIGWINCH ? .resize : .hangup)
}

/// Restores the terminal, then lets the handler that was there before (the Swift runtime's
/// backtracer, or the default action) deal with the signal: a fault re-runs the faulting
/// instruction, a signal sent by `kill` or `abort` is raised again.
private let crashHandler: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = {
    signal, info, _ in
    crashRestore.restore()
    SignalRelay.handOver(signal)
    if let info, info.pointee.si_code > 0 {
        return
    }
    raise(signal)
}

/// One slot per signal number, allocated once, so the crash handler reads it without locks.
private final class PreviousActions: @unchecked Sendable {
    private static let slots = 65
    private let actions = UnsafeMutablePointer<sigaction>.allocate(capacity: slots)
    private let saved = UnsafeMutablePointer<Bool>.allocate(capacity: slots)

    init() {
        actions.initialize(repeating: sigaction(), count: Self.slots)
        saved.initialize(repeating: false, count: Self.slots)
    }

    func replace(_ signal: Int32, with action: sigaction) {
        var action = action
        if saved[Int(signal)] {
            _ = sigaction(signal, &action, nil)
        } else {
            _ = sigaction(signal, &action, actions + Int(signal))
            saved[Int(signal)] = true
        }
    }

    func restore(_ signal: Int32) {
        guard saved[Int(signal)] else { return }
        _ = sigaction(signal, actions + Int(signal), nil)
        saved[Int(signal)] = false
    }
}
