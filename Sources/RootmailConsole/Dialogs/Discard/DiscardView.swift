import RootmailCore
import TerminalUI

/// Asks before rootmail forgets a pending update; Keep is the default.
enum DiscardView {
    static func draw(_ state: ConsoleState, confirmation: DiscardConfirmation, on surface: any Surface) -> CellPosition? {
        let id = confirmation.accountID
        var lines: [DialogLine] = []
        if let open = state.openUpdates[id] {
            lines.append(.text("Stop tracking the update of \(state.accountName(id)) (\(id)) to \(open.update.newEmail)?"))
        }
        lines += [
            .blank,
            .text("AWS cannot cancel an update: a code already sent stays valid until its 24 hours end. "
                + "rootmail will no longer list it.", Styles.muted),
        ]
        if confirmation.isDiscarding {
            lines += [.blank, .text("\(Chrome.spinnerFrame(state)) Discarding…", Styles.muted)]
        } else if let message = confirmation.message {
            lines += [.blank, .text(message.text, Styles.message(message.kind))]
        }
        lines += [
            .blank,
            .buttons([
                DialogButton(title: "Keep", isFocused: confirmation.focus == .keep),
                DialogButton(title: "Discard", isFocused: confirmation.focus == .discard,
                             isEnabled: !confirmation.isDiscarding),
            ]),
        ]
        return DialogBox.draw(title: "Discard pending update", lines: lines, width: 60, on: surface)
    }
}
