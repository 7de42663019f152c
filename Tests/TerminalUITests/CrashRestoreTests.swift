import CNCurses
import Foundation
import Testing
import TerminalNCurses
import TerminalUI

/// A crash while the console runs must leave the terminal as the shell had it. The crash runs
/// in a child process (this test binary again, running `crashWithTheConsoleOnScreen` only) on a
/// pseudo-terminal; the parent then looks at the terminal's modes and at what the child wrote.
@Suite(.tags(.terminal, .subprocess))
struct CrashRestoreTests {
    static let crashKindVariable = "ROOTMAIL_TEST_CRASH_KIND"

    @Test(arguments: ["fatalError", "abort"])
    func aCrashLeavesTheTerminalUsable(kind: String) throws {
        let pty = try PseudoTerminal(rows: 24, columns: 80)
        defer { pty.close() }
        var shellModes = termios()
        #expect(tcgetattr(pty.programDescriptor, &shellModes) == 0)

        var environment = ProcessInfo.processInfo.environment
        environment[Self.crashKindVariable] = kind
        environment["TERM"] = "xterm-256color"
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let terminalHandle = FileHandle(fileDescriptor: pty.programDescriptor, closeOnDealloc: false)
        let child = try Subprocess.start(
            [URL(fileURLWithPath: CommandLine.arguments[0]).path,
             "--testing-library", "swift-testing", "--filter", "crashWithTheConsoleOnScreen"],
            environment: environment, input: terminalHandle, output: terminalHandle)
        child.waitUntilExit()

        #expect(child.terminationReason == .uncaughtSignal)
        let written = String(decoding: pty.takeOutput(), as: UTF8.self)
        let frame = try #require(written.range(of: "on screen before the crash"))
        let afterFrame = written[frame.upperBound...]
        // xterm's rmcup and cnorm: back to the main screen, cursor visible.
        #expect(afterFrame.contains("\u{1B}[?1049l"))
        #expect(afterFrame.contains("\u{1B}[?25h"))
        var modesAfter = termios()
        #expect(tcgetattr(pty.programDescriptor, &modesAfter) == 0)
        #expect(modesAfter.c_lflag == shellModes.c_lflag)
        #expect(modesAfter.c_iflag == shellModes.c_iflag)
        #expect(modesAfter.c_oflag == shellModes.c_oflag)
    }

    /// Runs only in the child started above.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[crashKindVariable] != nil))
    func crashWithTheConsoleOnScreen() throws {
        let terminal = try Terminal.start()
        terminal.surface.beginFrame()
        terminal.surface.draw("on screen before the crash", row: 0, column: 0, style: .plain)
        terminal.surface.endFrame()
        // The test library's threads block signals; a real program's main thread does not.
        var crashSignals = sigset_t()
        sigemptyset(&crashSignals)
        for signal in [SIGILL, SIGTRAP, SIGABRT] {
            sigaddset(&crashSignals, signal)
        }
        pthread_sigmask(SIG_UNBLOCK, &crashSignals, nil)
        if ProcessInfo.processInfo.environment[Self.crashKindVariable] == "abort" {
            abort()
        }
        fatalError("a crash in the middle of a frame")
    }
}
