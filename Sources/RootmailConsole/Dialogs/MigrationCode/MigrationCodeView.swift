import RootmailCore
import TerminalUI

/// The migration's code field, in the shape of the Verification code form: the row, the field,
/// what the last Enter did, Close and Confirm.
enum MigrationCodeView {
    static let width = 66

    static func draw(_ state: ConsoleState, form: MigrationCodeForm, on surface: any Surface) -> CellPosition? {
        let row = state.migration?.row(form.accountID)
        var lines: [DialogLine] = [.labeled("Account", "\(row?.accountName ?? "") (\(form.accountID))")]
        if let row {
            lines.append(.labeled("New address", row.newEmail ?? ""))
            lines.append(.labeled("State", row.state.rawValue))
        }
        lines += [
            .labeled("Awaiting", "\(state.migration?.count(.awaitingCode) ?? 0) accounts"),
            .blank,
            .text("Verification code", Styles.bold),
            .field(form.input, isFocused: form.focus == .field),
            .text(ConsoleMessages.codeShapes, Styles.muted),
        ]
        if let message = form.message {
            lines += [.blank, .text(message.text, Styles.message(message.kind))]
        }
        lines += [
            .blank,
            .buttons([
                DialogButton(title: "Close", isFocused: form.focus == .close),
                DialogButton(title: "Confirm", isFocused: form.focus == .confirm),
            ]),
        ]
        return DialogBox.draw(title: "Enter codes", lines: lines, width: width, on: surface)
    }
}
