import TerminalUI

enum QuitConfirmationView {
    static func draw(_ state: ConsoleState, confirmation: QuitConfirmation, on surface: any Surface) -> CellPosition? {
        var lines: [DialogLine] = []
        if let progress = state.migration {
            lines += [
                .text(ConsoleMessages.quitWhileStarting(progress.migration.name, started: progress.started,
                                                        of: progress.toChange)),
                .blank,
                .text(ConsoleMessages.stoppedMigrationResumes(progress.migration.id), Styles.muted),
            ]
        }
        lines += [
            .blank,
            .buttons([
                DialogButton(title: "Keep running", isFocused: confirmation.focus == .keepRunning),
                DialogButton(title: "Stop and quit", isFocused: confirmation.focus == .stopAndQuit),
            ]),
        ]
        return DialogBox.draw(title: "Quit rootmail?", lines: lines, width: 64, on: surface)
    }
}
