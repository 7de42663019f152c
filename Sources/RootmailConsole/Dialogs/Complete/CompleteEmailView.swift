import RootmailCore
import TerminalUI

/// Complete email update: the code for an update started earlier, here or elsewhere.
enum CompleteEmailView {
    static let title = "Complete email update"

    static func draw(_ state: ConsoleState, form: VerificationCodeForm, on surface: any Surface) -> CellPosition? {
        DialogBox.draw(title: title, lines: CodeFormView.lines(form, state: state, closeTitle: "Cancel"),
                       width: UpdateEmailView.width, on: surface)
    }
}
