import RootmailCore
import TerminalUI

/// Update email address, as in the AWS Organizations console: the new address, then the code.
enum UpdateEmailView {
    static let title = "Update email address"
    static let width = 66

    static func draw(_ state: ConsoleState, dialog: UpdateEmailDialogState, on surface: any Surface) -> CellPosition? {
        let lines: [DialogLine]
        switch dialog.step {
        case .email(let form): lines = newAddressLines(state, dialog: dialog, form: form)
        case .code(let form): lines = CodeFormView.lines(form, state: state, closeTitle: "Finish later")
        }
        return DialogBox.draw(title: title, lines: lines, width: width, on: surface)
    }

    private static func newAddressLines(_ state: ConsoleState, dialog: UpdateEmailDialogState,
                                        form: NewAddressForm) -> [DialogLine] {
        var lines: [DialogLine] = [
            .labeled("Account", "\(dialog.accountName) (\(dialog.accountID))"),
            .labeled("Current", dialog.currentEmail),
        ]
        if let open = state.openUpdates[dialog.accountID] {
            lines.append(.text(ConsoleMessages.savingReplaces(open.update.newEmail), Styles.muted))
        }
        lines += [
            .blank,
            .text("Email", Styles.bold),
            .field(form.input, isFocused: form.focus == .field),
            .blank,
            .text(ConsoleMessages.rootEmailControlsMFA, Styles.muted),
            .text(ConsoleMessages.codeGoesToNewAddress, Styles.muted),
        ]
        if form.isSaving {
            let doing = form.throttleWait.map(ConsoleMessages.retrying) ?? ConsoleMessages.startingUpdate
            lines += [.blank, .text("\(Chrome.spinnerFrame(state)) \(doing)", Styles.muted)]
        } else if let message = form.message {
            lines += [.blank, .text(message.text, Styles.message(message.kind))]
        }
        lines += [
            .blank,
            .buttons([
                DialogButton(title: "Cancel", isFocused: form.focus == .cancel),
                DialogButton(title: "Save", isFocused: form.focus == .save, isEnabled: !form.isSaving),
            ]),
        ]
        return lines
    }
}
