import Foundation
import Testing

/// The real binary in a real terminal: tmux on a private socket, driven with send-keys and
/// read with capture-pane, polling for text instead of sleeping blind.
public final class TmuxSession {
    public let socket: String
    public let name = "rootmail"
    public let rootmail: RootmailProcess

    public init(rootmail: RootmailProcess, columns: Int = 100, rows: Int = 30, arguments: [String] = []) throws {
        self.rootmail = rootmail
        try FileManager.default.createDirectory(at: rootmail.home, withIntermediateDirectories: true)
        socket = rootmail.home.appendingPathComponent("tmux.sock").path
        try start(columns: columns, rows: rows, arguments: arguments)
    }

    /// Starts (or restarts, after the program ended) the console in the session, in the
    /// environment of `rootmail` (its `extraEnvironment` included). Once it ends, the pane
    /// shows its exit status and the terminal's settings (`stty -a`) as it left them.
    public func start(columns: Int = 100, rows: Int = 30, arguments: [String] = []) throws {
        let command = ([RootmailProcess.binary.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        try tmux(["new-session", "-d", "-s", name, "-x", "\(columns)", "-y", "\(rows)",
                  "env ROOTMAIL_HOME='\(rootmail.home.path)' LANG=C.UTF-8 TERM=xterm-256color \(command); "
                  + "echo \"[exited $?]\"; stty -a; sleep 600"])
    }

    /// Runs a tmux command and returns what it printed.
    @discardableResult
    public func tmux(_ arguments: [String]) throws -> String {
        // The tmux server started by the first command gives its environment to the console:
        // rootmail's own, without the machine's AWS settings (see RootmailProcess.environment).
        var environment = rootmail.environment
        environment["LANG"] = "C.UTF-8"
        environment.removeValue(forKey: "TMUX")
        return try Subprocess.runLeavingDaemon(["tmux", "-S", socket] + arguments, environment: environment,
                                               outputFolder: rootmail.home)
    }

    public func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

    /// Types keys as tmux names them (`Enter`, `Escape`, `C-c`, `j`).
    public func press(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

    /// Types text literally, UTF-8 included.
    public func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }

    public func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// Waits until the screen satisfies the condition; fails the test with the screen if it never does.
    @discardableResult
    public func waitFor(_ description: String, timeout: TimeInterval = 20,
                 sourceLocation: SourceLocation = #_sourceLocation,
                 _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            usleep(50_000)
        }
        Issue.record("timed out waiting for \(description); the screen was:\n\(last)", sourceLocation: sourceLocation)
        throw TimeoutError()
    }

    @discardableResult
    public func waitFor(text: String, timeout: TimeInterval = 20,
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitFor("\"\(text)\"", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// The console's process, found as the pane's child.
    public func consolePID() throws -> pid_t? {
        let shell = try tmux(["display-message", "-p", "-t", name, "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").compactMap { pid_t($0) }.first
    }

    public func end() {
        _ = try? tmux(["kill-server"])
    }

    public struct TimeoutError: Error {}
}

extension TmuxSession {
    /// From the accounts list: filters to the one account named, opens it, and saves an update
    /// to `newEmail`; the dialog is left asking for the verification code.
    public func saveUpdate(ofAccountNamed name: String, to newEmail: String, accountCount: Int = 41) throws {
        try press("/")
        try type(name)
        try waitFor(text: "Accounts 1 of \(accountCount)")
        try press("Enter")
        try press("Enter")
        try waitFor(text: "Account ID")
        try press("u")
        try waitFor(text: "Update email address")
        try type(newEmail)
        try press("Enter")
        try waitFor(text: "Verification code")
        try waitFor(text: "Finish later")
    }

    /// Finish later, then quit: Esc closes the dialog and goes back, q quits from the accounts.
    public func finishLaterAndQuit() throws {
        try press("Escape")
        try waitFor("the dialog closed") { !$0.contains("Verification code") }
        try press("Escape")
        try press("q")
        try press("q")
        try waitFor(text: "[exited 0]")
    }
}
