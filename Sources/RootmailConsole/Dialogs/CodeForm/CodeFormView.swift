import RootmailCore
import TerminalUI

/// The Verification code part shared by Update email address (second step) and Complete
/// email update: the update, the field or what its condition needs, the message, the buttons.
enum CodeFormView {
    static func lines(_ form: VerificationCodeForm, state: ConsoleState, closeTitle: String) -> [DialogLine] {
        let id = form.accountID
        let open = state.openUpdates[id]
        let condition = open?.condition(at: state.now)
        var lines: [DialogLine] = [.labeled("Account", "\(state.accountName(id)) (\(id))")]
        if let open {
            lines.append(.labeled("New address", open.update.newEmail.rawValue))
            let left = condition == .awaitingCode
                ? TimeText.duration(open.update.timeLeft(at: state.now)) : condition?.label ?? ""
            lines.append(.labeled("Time left", left))
        }
        lines.append(.blank)
        let controls = state.codeFormControls(form)
        let focus = form.focused(among: controls)
        switch condition {
        case .awaitingCode?:
            lines.append(.text("Verification code", Styles.bold))
            lines.append(.field(form.input, isFocused: focus == .field))
        case let other?:
            lines.append(.text(other.explanation))
        case nil:
            lines.append(.text(ConsoleMessages.noPendingUpdateAnyMore))
        }
        if let work = form.work {
            lines += [.blank, .text("\(Chrome.spinnerFrame(state)) \(describe(work))", Styles.muted)]
        } else if let message = form.message {
            lines += [.blank, .text(message.text, Styles.message(message.kind))]
        }
        lines.append(.blank)
        lines.append(.buttons(controls.compactMap { control in
            let title: String
            switch control {
            case .field: return nil
            case .close: title = closeTitle
            case .resend: title = "Resend code"
            case .resolve: title = "Resolve"
            case .confirm: title = "Confirm"
            }
            return DialogButton(title: title, isFocused: focus == control, isEnabled: form.work == nil || control == .close)
        }))
        return lines
    }

    private static func describe(_ work: VerificationCodeForm.Work) -> String {
        switch work {
        case .confirming: ConsoleMessages.checkingCode
        case .resending: ConsoleMessages.sendingNewCode
        case .resolving: ConsoleMessages.askingBackend
        }
    }
}
