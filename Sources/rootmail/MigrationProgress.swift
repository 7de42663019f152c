import Foundation
import RootmailCore
import Synchronization

/// What a running migration says on standard error. On a terminal, one progress line redrawn in
/// place (done of total, accounts per second, time left), with the lines that need reading
/// (failures, messages) printed above it; otherwise one line per change of a row, for logs.
final class MigrationProgress: Sendable {
    /// The one standard error of the process, shared by the Starts and the mailbox loop.
    static let standardError = MigrationProgress(redraws: isatty(STDERR_FILENO) == 1)

    private struct Run {
        var states: [AccountID: MigrationRow.State] = [:]
        var settledAtBegin = 0
        var began = Date()
        var lineShown = false
    }

    let redraws: Bool
    private let run = Mutex(Run())

    init(redraws: Bool) {
        self.redraws = redraws
    }

    /// Counts from the rows as they stand when a run (a start or a resume) begins.
    func begin(_ rows: [MigrationRow]) {
        run.withLock { run in
            run = Run()
            for row in rows where row.state != .skipped { run.states[row.accountID] = row.state }
            run.settledAtBegin = run.states.values.filter(\.isSettled).count
            if redraws { write(Self.line(run), over: &run) }
        }
    }

    func changed(_ row: MigrationRow) {
        run.withLock { run in
            run.states[row.accountID] = row.state
            if !redraws { return Self.write(Self.text(of: row) + "\n") }
            if [.failed, .expired].contains(row.state) || (row.state == .awaitingCode && row.reason != nil) {
                clear(&run)
                Self.write(Self.text(of: row) + "\n")
            }
            write(Self.line(run), over: &run)
        }
    }

    func say(_ text: String) {
        run.withLock { run in
            clear(&run)
            Self.write(text + "\n")
            if redraws, !run.states.isEmpty { write(Self.line(run), over: &run) }
        }
    }

    /// Leaves the last progress line on screen, ended.
    func end() {
        run.withLock { run in
            if run.lineShown { Self.write("\n") }
            run.lineShown = false
            run.states = [:]
        }
    }

    private static func line(_ run: Run) -> String {
        let total = run.states.count
        let settled = run.states.values.filter(\.isSettled).count
        let waiting = run.states.values.filter { $0 == .awaitingCode }.count
        let elapsed = Date().timeIntervalSince(run.began)
        let rate = elapsed > 0 ? Double(settled - run.settledAtBegin) / elapsed : 0
        let left = rate > 0 ? "\(Int((Double(total - settled) / rate).rounded(.up))) s left" : "time left unknown"
        return "\(settled)/\(total) done, \(waiting) awaiting a code, "
            + String(format: "%.2f", rate) + " accounts/s, \(left)"
    }

    private func write(_ line: String, over run: inout Run) {
        Self.write("\r\u{1B}[K" + line)
        run.lineShown = true
    }

    private func clear(_ run: inout Run) {
        guard run.lineShown else { return }
        Self.write("\r\u{1B}[K")
        run.lineShown = false
    }

    private static func text(of row: MigrationRow) -> String {
        "\(row.accountID) \(row.state.rawValue)" + (row.reason.map { ": \($0)" } ?? "")
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
