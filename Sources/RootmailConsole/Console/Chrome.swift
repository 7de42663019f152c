import RootmailCore
import TerminalUI

/// What every screen shares: the two header rows, the activity spinner, the status line and
/// the footer of keys.
enum Chrome {
    static let spinnerFrames: [Character] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    static func draw(_ state: ConsoleState, titleEnd: Int, on surface: any Surface) {
        drawHeader(state, on: surface)
        drawActivity(state, titleEnd: titleEnd, on: surface)
        drawStatus(state, on: surface)
        drawFooter(state, on: surface)
    }

    /// Row 0: the organization and the backend; row 1: the caller.
    static func drawHeader(_ state: ConsoleState, on surface: any Surface) {
        let width = surface.size.columns
        let organization: String
        let caller: String
        var readOnly = false
        switch state.session {
        case .loading:
            organization = "organization loading…"
            caller = "Caller loading…"
        case .failed:
            organization = "organization unavailable"
            caller = "Caller unknown"
        case .loaded(let session):
            organization = "\(session.organization.id) · feature set \(session.organization.featureSet.rawValue)"
            caller = "Caller \(session.caller.arn) (\(session.caller.role.rawValue))"
            readOnly = session.isReadOnly
        }
        let title = " rootmail │ \(organization) │ \(state.backend.kind) \(state.backend.location)"
        surface.write(title, row: 0, column: 0, width: width, style: Styles.titleBar, filled: true)
        var column = 0
        if readOnly {
            column = surface.draw(" " + ConsoleMessages.readOnly, row: 1, column: 0, style: Styles.message(.error))
            column = surface.draw(" ·", row: 1, column: column, style: Styles.muted)
        }
        surface.write(" " + caller, row: 1, column: column, width: max(0, width - column), style: Styles.muted)
    }

    /// The spinner and what is in flight, at the right end of the title row. The title up to
    /// `titleEnd` comes first: where both do not fit, the spinner turns alone.
    static func drawActivity(_ state: ConsoleState, titleEnd: Int, on surface: any Surface) {
        guard let activity = activity(of: state) else { return }
        let room = surface.size.columns - titleEnd - 2
        let spinner = spinnerFrame(state)
        guard let text = ["\(spinner) \(activity) ", "\(spinner) "].first(where: { DisplayWidth.of($0) <= room })
        else { return }
        surface.draw(text, row: ConsoleLayout.titleRow, column: max(0, surface.size.columns - DisplayWidth.of(text)),
                     style: Styles.muted)
    }

    static func spinnerFrame(_ state: ConsoleState) -> Character {
        spinnerFrames[state.spinnerFrame % spinnerFrames.count]
    }

    static func activity(of state: ConsoleState) -> String? {
        if let load = state.accountsLoad {
            return state.accountsFromCache == nil ? ConsoleMessages.loadingAccountsActivity(load.loadedCount)
                : ConsoleMessages.refreshing(load.loadedCount)
        }
        guard state.isBusy else { return nil }
        if !state.changesInFlight.isEmpty { return ConsoleMessages.waitingForBackend }
        if case .loading = state.session { return ConsoleMessages.loadingOrganization }
        if state.migration?.isStarting == true { return ConsoleMessages.sendingUpdates }
        return ConsoleMessages.loading
    }

    static func drawStatus(_ state: ConsoleState, on surface: any Surface) {
        guard let status = state.status ?? MigrationView.backgroundStatus(state) else { return }
        surface.write(" " + status.text, row: ConsoleLayout.statusRow(surface.size), column: 0,
                      width: surface.size.columns, style: Styles.message(status.kind))
    }

    /// The main keys where the user is, as many as fit.
    static func drawFooter(_ state: ConsoleState, on surface: any Surface) {
        let row = ConsoleLayout.footerRow(surface.size)
        let width = surface.size.columns
        var column = 1
        for item in KeyTable.footer(for: state.keyContexts, hiding: state.actionsNotForThisSession) {
            let needed = DisplayWidth.of(item.keys) + 1 + DisplayWidth.of(item.word)
            guard column + needed <= width else { break }
            column = surface.draw(item.keys, row: row, column: column, style: Styles.footerKey)
            column = surface.draw(" " + item.word, row: row, column: column, style: Styles.plain) + 2
        }
    }
}
