import CNCurses
import TerminalUI
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How to take over the terminal. The defaults are those of the real program.
public struct TerminalOptions: Sendable {
    /// A terminfo name; nil takes `TERM`.
    public var terminalType: String?
    public var inputDescriptor: Int32
    public var outputDescriptor: Int32
    /// nil: colour unless `NO_COLOR` is set to a non-empty value (no-color.org).
    public var colorAllowed: Bool?

    public init(
        terminalType: String? = nil,
        inputDescriptor: Int32 = STDIN_FILENO,
        outputDescriptor: Int32 = STDOUT_FILENO,
        colorAllowed: Bool? = nil
    ) {
        self.terminalType = terminalType
        self.inputDescriptor = inputDescriptor
        self.outputDescriptor = outputDescriptor
        self.colorAllowed = colorAllowed
    }
}

/// The terminal while the console owns it: one at a time per process.
///
/// The terminal is in cbreak mode with signals on, so Ctrl-C is SIGINT, and SIGINT, SIGTERM,
/// SIGQUIT (Ctrl-\) and SIGHUP (the SSH link dropped) all come out of `nextInput` as
/// `.hangup`: the console then stops what is under way, calls `stop()` and exits. Ctrl-Z suspends
/// and resumes through ncurses. Flow control is off, so Ctrl-S does not freeze the screen.
/// A crash (SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE, SIGTRAP) or `exit()` restores the
/// terminal before the process ends.
public final class Terminal {
    public let surface: NCursesSurface
    /// For other threads: makes a waiting `nextInput` return nil.
    public let waker = TerminalWaker()

    private let screen: OpaquePointer
    private let inputFile: UnsafeMutablePointer<FILE>
    private let outputFile: UnsafeMutablePointer<FILE>
    private var stopped = false
    /// A wake that came with a resize is reported by the next call.
    private var wakePending = false

    private static let started = Mutex(false)

    private init(
        screen: OpaquePointer, inputFile: UnsafeMutablePointer<FILE>, outputFile: UnsafeMutablePointer<FILE>,
        palette: Palette
    ) {
        self.screen = screen
        self.inputFile = inputFile
        self.outputFile = outputFile
        surface = NCursesSurface(window: rootmail_stdscr(), palette: palette)
    }

    deinit {
        stop()
    }

    public static func start(_ options: TerminalOptions = TerminalOptions()) throws(TerminalError) -> Terminal {
        guard isatty(options.inputDescriptor) == 1, isatty(options.outputDescriptor) == 1 else {
            throw .notATerminal
        }
        let claimed = started.withLock { started in
            defer { started = true }
            return !started
        }
        guard claimed else { throw .alreadyStarted }
        do {
            return try takeOver(options)
        } catch {
            started.withLock { $0 = false }
            throw error
        }
    }

    private static func takeOver(_ options: TerminalOptions) throws(TerminalError) -> Terminal {
        useUTF8Locale()
        guard let type = options.terminalType ?? environment("TERM") else {
            throw .unknownTerminalType("")
        }
        var shellModes = termios()
        _ = tcgetattr(options.inputDescriptor, &shellModes)
        // `stop` closes these streams; duplicates leave standard input and output open.
        guard let outputFile = stream(duplicating: options.outputDescriptor, mode: "w") else {
            throw .notATerminal
        }
        guard let inputFile = stream(duplicating: options.inputDescriptor, mode: "r") else {
            fclose(outputFile)
            throw .notATerminal
        }
        _ = selfPipe.drain()
        // Before newterm, so ncurses leaves SIGINT, SIGTERM and SIGWINCH to us.
        SignalRelay.install()
        guard let screen = newterm(type, outputFile, inputFile) else {
            SignalRelay.uninstall()
            fclose(inputFile)
            fclose(outputFile)
            throw .unknownTerminalType(type)
        }
        if environment("ESCDELAY") == nil {
            set_escdelay(25)
        }
        let window = rootmail_stdscr()
        cbreak()
        noecho()
        nonl()
        intrflush(window, false)
        keypad(window, true)
        nodelay(window, true)
        typeahead(fileno(inputFile))
        disableFlowControl(fileno(inputFile))
        let colorAllowed = options.colorAllowed ?? (environment("NO_COLOR") ?? "").isEmpty
        let palette = Palette.start(allowed: colorAllowed)
        crashRestore.arm(descriptor: fileno(outputFile), modes: shellModes, reset: screenModeExit())
        return Terminal(screen: screen, inputFile: inputFile, outputFile: outputFile, palette: palette)
    }

    /// Gives the terminal back as it was. Safe to call more than once; afterwards the surface
    /// draws nothing and `nextInput` reports `.hangup`.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        surface.detach()
        crashRestore.disarm()
        endwin()
        delscreen(screen)
        SignalRelay.uninstall()
        fclose(inputFile)
        fclose(outputFile)
        Self.started.withLock { $0 = false }
    }

    /// The next key, resize or hangup; nil when `timeout` passed or `waker` woke the loop.
    /// nil `timeout` waits as long as it takes.
    public func nextInput(timeout: Duration?) -> TerminalInput? {
        guard !stopped else { return .hangup }
        let deadline = timeout.map { ContinuousClock.now + $0 }
        let inputDescriptor = fileno(inputFile)
        var terminalGone = false
        while true {
            let events = selfPipe.drain()
            if events.contains(.wake) {
                wakePending = true
            }
            if events.contains(.hangup) {
                return .hangup
            }
            if events.contains(.resize) {
                followWindowSize()
                return .resize
            }
            // Before keys, so a user typing without pause cannot hold back a finished task.
            if wakePending {
                wakePending = false
                return nil
            }
            if let input = readKey() {
                return input
            }
            if terminalGone {
                return .hangup
            }
            var waitMilliseconds: Int32 = -1
            if let deadline {
                let left = deadline - ContinuousClock.now
                guard left > .zero else { return nil }
                waitMilliseconds = Self.milliseconds(roundingUp: left)
            }
            var descriptors = [
                pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: selfPipe.readDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            if poll(&descriptors, 2, waitMilliseconds) > 0 {
                terminalGone = descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
            }
        }
    }

    /// Puts `text` on the clipboard of the user's terminal (OSC 52) and says whether it could:
    /// false, and nothing written, when the terminal's terminfo has no `Ms` (its way of saying
    /// it takes OSC 52) and the console is not inside tmux. Inside tmux the plain sequence is
    /// what tmux's `set-clipboard on` stores in a buffer (and passes on), the wrapped one what
    /// its `allow-passthrough on` hands to the outer terminal. Called between frames, when
    /// ncurses has written everything it had.
    public func copyToClipboard(_ text: String) -> Bool {
        guard !stopped else { return false }
        let insideTmux = !(Self.environment("TMUX") ?? "").isEmpty
        guard insideTmux || Self.takesClipboardSequence() else { return false }
        var bytes = ClipboardSequence.osc52(text)
        if insideTmux { bytes += ClipboardSequence.tmuxPassthrough(bytes) }
        return Self.writeAll(bytes, to: fileno(outputFile))
    }

    private static func takesClipboardSequence() -> Bool {
        guard let value = tigetstr("Ms") else { return false }
        return Int(bitPattern: value) != -1
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    private func readKey() -> TerminalInput? {
        var value: wint_t = 0
        while true {
            let status = wget_wch(rootmail_stdscr(), &value)
            if status == ERR {
                return nil
            }
            if let input = KeyDecoding.decode(status: status, value: UInt32(value)) {
                return input
            }
        }
    }

    /// SIGWINCH is ours, not ncurses': tell ncurses the new size. `resize_term` rather than
    /// `resizeterm`, which would also queue a KEY_RESIZE and report the resize twice.
    private func followWindowSize() {
        var size = winsize()
        guard ioctl(fileno(outputFile), UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 else {
            return
        }
        resize_term(Int32(size.ws_row), Int32(size.ws_col))
        // The terminal has rewrapped or cut what it showed: the next frame repaints it all.
        clearok(rootmail_curscr(), true)
    }

    private static func milliseconds(roundingUp duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }

    private static func stream(duplicating descriptor: Int32, mode: String) -> UnsafeMutablePointer<FILE>? {
        let duplicate = dup(descriptor)
        guard duplicate >= 0 else { return nil }
        guard let stream = fdopen(duplicate, mode) else {
            close(duplicate)
            return nil
        }
        return stream
    }

    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// Wide characters need a UTF-8 `LC_CTYPE`. Sessions over SSH often arrive with `LANG=C`
    /// while the terminal itself speaks UTF-8, so fall back to C.UTF-8 rather than garble names.
    private static func useUTF8Locale() {
        setlocale(LC_ALL, "")
        if isUTF8Codeset() { return }
        for name in UTF8Locale.names where setlocale(LC_CTYPE, name) != nil {
            return
        }
    }

    private static func isUTF8Codeset() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// So Ctrl-S and Ctrl-Q reach the console instead of stopping the output.
    private static func disableFlowControl(_ descriptor: Int32) {
        var modes = termios()
        guard tcgetattr(descriptor, &modes) == 0 else { return }
        modes.c_iflag &= ~tcflag_t(IXON)
        _ = tcsetattr(descriptor, TCSANOW, &modes)
        def_prog_mode()
    }

    /// The bytes that leave ncurses' screen mode, for the crash handler.
    private static func screenModeExit() -> [UInt8] {
        var bytes: [UInt8] = []
        for capability in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            guard let value = tigetstr(capability), Int(bitPattern: value) != -1 else { continue }
            let raw = UnsafeRawPointer(value).assumingMemoryBound(to: UInt8.self)
            bytes += UnsafeBufferPointer(start: raw, count: strlen(value))
        }
        return bytes
    }
}
