import CNCurses
import Foundation
import Testing
@testable import TerminalNCurses
import TerminalUI

/// Real ncurses on a pseudo-terminal. ncurses and signal handlers are process-wide, so these
/// run one at a time. Signals are sent to the process, as `kill` and sshd send them (the test
/// library's threads block them, so `raise` would leave them pending).
@Suite(.serialized, .tags(.terminal))
final class NCursesTerminalTests {
    let pty: PseudoTerminal
    let terminal: Terminal

    init() throws {
        pty = try PseudoTerminal(rows: 24, columns: 80)
        terminal = try Terminal.start(
            TerminalOptions(
                terminalType: "xterm-256color",
                inputDescriptor: pty.programDescriptor,
                outputDescriptor: pty.programDescriptor,
                colorAllowed: true
            )
        )
    }

    deinit {
        terminal.stop()
        pty.close()
    }

    /// A row as ncurses holds it, trailing spaces trimmed: in stdscr (what was drawn) or in
    /// curscr (what ncurses sent to the terminal).
    private func screenRow(_ row: Int, of window: UnsafeMutablePointer<WINDOW>) -> String {
        let columns = Int(rootmail_max_x(window))
        var buffer = [wchar_t](repeating: 0, count: columns + 1)
        let count = mvwinnwstr(window, Int32(row), 0, &buffer, Int32(columns))
        var text = String(String.UnicodeScalarView(buffer.prefix(max(0, Int(count))).compactMap {
            Unicode.Scalar(UInt32(bitPattern: $0))
        }))
        while text.last == " " {
            text.removeLast()
        }
        return text
    }

    private func drawSample(on surface: any Surface) {
        surface.beginFrame()
        surface.draw("日本語 café 😀|", row: 0, column: 0, style: CellStyle(accent: .title))
        surface.draw("Café Crème ", row: 1, column: 2, style: .plain)
        surface.draw("e\u{301}tude", row: 2, column: 0, style: CellStyle(accent: .error, reverse: true))
        surface.draw("末尾テキスト", row: 23, column: 75, style: .plain)
        surface.draw("左", row: 3, column: -1, style: .plain)
        surface.endFrame()
    }

    @Test func drawsWideCharactersAsTheMemorySurfaceDoes() {
        #expect(terminal.surface.size == TerminalSize(rows: 24, columns: 80))
        drawSample(on: terminal.surface)
        let memory = MemorySurface(size: terminal.surface.size)
        drawSample(on: memory)

        let drawn = (0..<24).map { screenRow($0, of: rootmail_stdscr()) }
        let sent = (0..<24).map { screenRow($0, of: rootmail_curscr()) }
        #expect(drawn[0] == "日本語 café 😀|")
        #expect(drawn[1] == "  Café Crème")
        #expect(drawn[2] == "e\u{301}tude")
        #expect(drawn[23] == String(repeating: " ", count: 75) + "末尾")
        #expect(drawn == memory.text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        #expect(sent == drawn)
    }

    @Test func aSmallChangeSendsOnlyTheChange() {
        drawSample(on: terminal.surface)
        let firstFrame = pty.takeOutput()
        #expect(firstFrame.count > 100)

        terminal.surface.beginFrame()
        drawSampleRows(changing: "Café Crème brûlée")
        terminal.surface.endFrame()
        let secondFrame = pty.takeOutput()

        #expect(secondFrame.count < 100)
        let clearScreen = Array("\u{1B}[2J".utf8)
        #expect(secondFrame.firstRange(of: clearScreen) == nil)
        #expect(String(decoding: secondFrame, as: UTF8.self).contains("brûlée"))
    }

    private func drawSampleRows(changing rowOne: String) {
        let surface = terminal.surface
        surface.draw("日本語 café 😀|", row: 0, column: 0, style: CellStyle(accent: .title))
        surface.draw(rowOne, row: 1, column: 2, style: .plain)
        surface.draw("e\u{301}tude", row: 2, column: 0, style: CellStyle(accent: .error, reverse: true))
        surface.draw("末尾テキスト", row: 23, column: 75, style: .plain)
        surface.draw("左", row: 3, column: -1, style: .plain)
    }

    @Test func theCursorRestsWhereTheFramePutIt() {
        terminal.surface.beginFrame()
        terminal.surface.draw("Email: new@example.com", row: 5, column: 2, style: .plain)
        terminal.surface.placeCursor(row: 5, column: 24)
        terminal.surface.endFrame()
        #expect(getcury(rootmail_curscr()) == 5)
        #expect(getcurx(rootmail_curscr()) == 24)
    }

    @Test func decodesKeysTypedOnTheTerminal() throws {
        let typed: [(String, TerminalInput)] = [
            (try capability("kcuu1"), .key(.up)),
            (try capability("kcud1"), .key(.down)),
            (try capability("knp"), .key(.pageDown)),
            (try capability("kcbt"), .key(.backTab)),
            (try capability("kdch1"), .key(.delete)),
            (try capability("kf1"), .key(.function(1))),
            ("\r", .key(.enter)),
            ("\t", .key(.tab)),
            ("\u{7F}", .key(.backspace)),
            ("\u{1}", .key(.control("a"))),
            ("j", .key(.character("j"))),
            ("é", .key(.character("é"))),
            ("日", .key(.character("日"))),
            ("😀", .key(.character("😀"))),
            ("\u{1B}", .key(.escape)),
        ]
        for (bytes, expected) in typed {
            pty.type(bytes)
            #expect(terminal.nextInput(timeout: .seconds(10)) == expected, "typing \(bytes.debugDescription)")
        }
    }

    private func capability(_ name: String) throws -> String {
        let value = try #require(tigetstr(name))
        try #require(Int(bitPattern: value) != -1)
        return String(cString: value)
    }

    @Test func returnsNothingWhenNothingHappens() {
        #expect(terminal.nextInput(timeout: .milliseconds(1)) == nil)
    }

    @Test(arguments: [SIGHUP, SIGTERM, SIGINT, SIGQUIT])
    func signalsThatEndTheSessionArriveAsHangup(signal: Int32) {
        kill(getpid(), signal)
        #expect(terminal.nextInput(timeout: .seconds(10)) == .hangup)
    }

    @Test func aResizedWindowIsReportedWithItsNewSize() {
        pty.resize(rows: 10, columns: 40)
        kill(getpid(), SIGWINCH)
        #expect(terminal.nextInput(timeout: .seconds(10)) == .resize)
        #expect(terminal.surface.size == TerminalSize(rows: 10, columns: 40))
        #expect(terminal.nextInput(timeout: .milliseconds(50)) == nil)
        terminal.surface.beginFrame()
        terminal.surface.draw(String(repeating: "日", count: 30), row: 9, column: 0, style: .plain)
        terminal.surface.endFrame()
        #expect(screenRow(9, of: rootmail_curscr()) == String(repeating: "日", count: 20))
    }

    @Test func wakeEndsTheWaitFromAnotherThread() async {
        let waker = terminal.waker
        let started = ContinuousClock.now
        let wakeTask = Task.detached {
            waker.wake()
        }
        #expect(terminal.nextInput(timeout: .seconds(60)) == nil)
        #expect(ContinuousClock.now - started < .seconds(60))
        await wakeTask.value
    }

    @Test func aWakeThatComesWithAResizeIsReportedNextBeforeKeys() {
        pty.type("j")
        pty.resize(rows: 20, columns: 60)
        terminal.waker.wake()
        // What the SIGWINCH handler writes, written here so both are waiting before the call.
        selfPipe.send(.resize)
        #expect(terminal.nextInput(timeout: .seconds(10)) == .resize)
        #expect(terminal.nextInput(timeout: .seconds(10)) == nil)
        #expect(terminal.nextInput(timeout: .seconds(10)) == .key(.character("j")))
    }

    @Test func stopGivesTheTerminalBackAndCanBeRepeated() throws {
        terminal.stop()
        terminal.stop()
        var modes = termios()
        #expect(tcgetattr(pty.programDescriptor, &modes) == 0)
        #expect(modes.c_lflag & tcflag_t(ICANON) != 0)
        #expect(modes.c_lflag & tcflag_t(ECHO) != 0)
        #expect(modes.c_iflag & tcflag_t(IXON) != 0)
        #expect(terminal.nextInput(timeout: nil) == .hangup)
        #expect(terminal.surface.size == TerminalSize(rows: 0, columns: 0))
        drawSample(on: terminal.surface)

        let again = try Terminal.start(
            TerminalOptions(
                terminalType: "xterm-256color",
                inputDescriptor: pty.programDescriptor,
                outputDescriptor: pty.programDescriptor
            )
        )
        again.stop()
    }

    @Test func onlyOneTerminalAtATime() {
        #expect(throws: TerminalError.alreadyStarted) {
            try Terminal.start(
                TerminalOptions(
                    terminalType: "xterm-256color",
                    inputDescriptor: pty.programDescriptor,
                    outputDescriptor: pty.programDescriptor
                )
            )
        }
    }

    @Test func theCrashHandlerRestoresTheShellModes() throws {
        _ = pty.takeOutput()
        crashRestore.restore()
        var modes = termios()
        #expect(tcgetattr(pty.programDescriptor, &modes) == 0)
        #expect(modes.c_lflag & tcflag_t(ICANON) != 0)
        #expect(modes.c_lflag & tcflag_t(ECHO) != 0)
        let written = pty.takeOutput()
        let leaveScreenMode = Array(try capability("rmcup").utf8)
        #expect(written.firstRange(of: leaveScreenMode) != nil)
    }

    @Test func stylesReachTheScreen() {
        drawSample(on: terminal.surface)
        let window = rootmail_stdscr()
        wmove(window, 2, 1)
        let errorCell = winch(window)
        #expect(errorCell & rootmail_a_reverse() != 0)
        #expect(errorCell & rootmail_a_bold() != 0)
        wmove(window, 1, 2)
        #expect(winch(window) & (rootmail_a_reverse() | rootmail_a_bold()) == 0)
    }

    @Test func colourFollowsTheOption() {
        #expect(terminal.surface.usesColor)
    }

    @Test func noColorInTheEnvironmentTurnsColourOff() throws {
        terminal.stop()
        setenv("NO_COLOR", "1", 1)
        defer { unsetenv("NO_COLOR") }
        let monochrome = try Terminal.start(
            TerminalOptions(
                terminalType: "xterm-256color",
                inputDescriptor: pty.programDescriptor,
                outputDescriptor: pty.programDescriptor
            )
        )
        defer { monochrome.stop() }
        #expect(!monochrome.surface.usesColor)
    }
}

@Suite(.tags(.unit))
struct TerminalStartTests {
    @Test func refusesWhatIsNotATerminal() {
        let devNull = open("/dev/null", O_RDWR)
        defer { close(devNull) }
        #expect(throws: TerminalError.notATerminal) {
            try Terminal.start(TerminalOptions(inputDescriptor: devNull, outputDescriptor: devNull))
        }
    }

    @Test func errorsSayWhatToDo() {
        #expect(TerminalError.unknownTerminalType("vt999").description.contains("TERM=xterm-256color"))
        #expect(TerminalError.unknownTerminalType("").description.contains("TERM is not set"))
    }
}
