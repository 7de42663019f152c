import RootmailCore
import TerminalUI

/// Asks before rootmail forgets a pending update; Keep is the default.
enum DiscardView {
    static func draw(_ state: ConsoleState, confirmation: DiscardConfirmation, on surface: any Surface) -> CellPosition? {
        let id = confirmation.accountID
        var lines: [DialogLine] = []
        if let open = state.openUpdates[id] {
            lines.append(.text(ConsoleMessages.discardQuestion(state.accountName(id), id, to: open.update.newEmail)))
        }
        lines += [
            .blank,
            .text(ConsoleMessages.discardExplanation, Styles.muted),
        ]
        if confirmation.isDiscarding {
            lines += [.blank, .text("\(Chrome.spinnerFrame(state)) \(ConsoleMessages.discarding)", Styles.muted)]
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
