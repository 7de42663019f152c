import RootmailCore
import TerminalUI

/// Asks before a new code goes out and voids the one already mailed; Cancel is the default.
enum ResendView {
    static func draw(_ state: ConsoleState, confirmation: ResendConfirmation, on surface: any Surface) -> CellPosition? {
        let id = confirmation.accountID
        var lines: [DialogLine] = []
        if let open = state.openUpdates[id] {
            lines.append(.text(ConsoleMessages.resendQuestion(state.accountName(id), id, to: open.update.newEmail)))
        }
        lines += [
            .blank,
            .text(ConsoleMessages.resendExplanation, Styles.muted),
        ]
        if confirmation.isSending {
            lines += [.blank, .text("\(Chrome.spinnerFrame(state)) \(ConsoleMessages.sending)", Styles.muted)]
        } else if let message = confirmation.message {
            lines += [.blank, .text(message.text, Styles.message(message.kind))]
        }
        lines += [
            .blank,
            .buttons([
                DialogButton(title: "Cancel", isFocused: confirmation.focus == .cancel),
                DialogButton(title: "Resend", isFocused: confirmation.focus == .resend,
                             isEnabled: !confirmation.isSending),
            ]),
        ]
        return DialogBox.draw(title: "Resend verification code", lines: lines, width: 60, on: surface)
    }
}
