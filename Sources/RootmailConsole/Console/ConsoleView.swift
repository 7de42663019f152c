import TerminalUI

/// Draws the whole console for a state: one frame, the terminal cursor where the user's
/// attention is (the selected row or the focused field).
enum ConsoleView {
    static func draw(_ state: ConsoleState, on surface: any Surface) {
        surface.beginFrame()
        defer { surface.endFrame() }
        guard ConsoleLayout.isLargeEnough(surface.size) else {
            TooSmallNotice.draw(size: surface.size, on: surface)
            surface.hideCursor()
            return
        }
        var cursor: CellPosition?
        // Where the screen's title ends: the accounts title keeps the activity from covering it.
        var titleEnd = 0
        switch state.screen {
        case .accounts: (cursor, titleEnd) = AccountsView.draw(state, on: surface)
        case .details(let id): cursor = DetailsView.draw(state, id: id, on: surface)
        case .pendingUpdates: cursor = PendingView.draw(state, on: surface)
        case .help: cursor = HelpView.draw(state, on: surface)
        case .migrationPreview: cursor = MigrationPreviewView.draw(state, on: surface)
        case .migration: cursor = MigrationView.draw(state, on: surface)
        case .migrations: cursor = MigrationsView.draw(state, on: surface)
        }
        Chrome.draw(state, titleEnd: titleEnd, on: surface)
        switch state.overlay {
        case .actions(let menu)?: cursor = ActionsMenuView.draw(state, menu: menu, on: surface)
        case .updateEmail(let dialog)?: cursor = UpdateEmailView.draw(state, dialog: dialog, on: surface)
        case .completeEmail(let form)?: cursor = CompleteEmailView.draw(state, form: form, on: surface)
        case .confirmDiscard(let confirmation)?: cursor = DiscardView.draw(state, confirmation: confirmation, on: surface)
        case .confirmResend(let confirmation)?: cursor = ResendView.draw(state, confirmation: confirmation, on: surface)
        case .migrationRule(let dialog)?: cursor = MigrationRuleView.draw(state, dialog: dialog, on: surface)
        case .migrationCode(let form)?: cursor = MigrationCodeView.draw(state, form: form, on: surface)
        case .confirmQuit(let confirmation)?: cursor = QuitConfirmationView.draw(state, confirmation: confirmation, on: surface)
        case nil: break
        }
        if let cursor {
            surface.placeCursor(row: cursor.row, column: cursor.column)
        } else {
            surface.hideCursor()
        }
    }
}
