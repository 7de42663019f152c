import ArgumentParser
import Foundation
import RootmailConsole
import RootmailCore
import RootmailStore
import TerminalNCurses

struct Console: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the console (the default): accounts, details, and the update and complete dialogs.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        if global.debug, isatty(STDERR_FILENO) != 0 {
            // The log would be drawn over the console's screen and erased by its next frame.
            FailureReport.exit(message: "--debug writes to standard error, which is the console's terminal: "
                + "send it to a file, as in rootmail --debug 2>rootmail-debug.log", status: .usage)
        }
        try await Workspace.with(global) { workspace in
            let service = workspace.service
            let store = workspace.migrations
            let migrations = ConsoleMigrations(store: store, runner: MigrationRunner(service: service, store: store))
            let dataDirectory = workspace.dataDirectory.url
            // The console loop blocks while it waits for keys: give it a thread of its own so
            // the backend calls keep every thread of the task pool.
            let outcome: Result<Void, TerminalError> = await withCheckedContinuation { continuation in
                let thread = Thread {
                    do throws(TerminalError) {
                        let terminal = try Terminal.start()
                        ConsoleApp.run(service: service, device: terminal, migrations: migrations,
                                       dataDirectory: dataDirectory)
                        terminal.stop()
                        continuation.resume(returning: .success(()))
                    } catch {
                        continuation.resume(returning: .failure(error))
                    }
                }
                thread.name = "console"
                thread.start()
            }
            if case .failure(let error) = outcome {
                throw RootmailError.configuration("The console cannot start: \(error)")
            }
        }
    }
}

/// The console runs on the ncurses terminal; RootmailConsole itself links no ncurses.
extension Terminal: ConsoleDevice {
    public var wake: @Sendable () -> Void {
        let waker = waker
        return { waker.wake() }
    }
}
