import Foundation
import RootmailCore

extension ConsoleState {
    /// Enter: choose a menu entry, press the focused button, or submit from a field.
    mutating func activate() -> [ConsoleEffect] {
        switch overlay {
        case .actions(let menu)?:
            switch menu.selected {
            case .updateEmail: return perform(.updateEmail)
            case .completeEmail: return perform(.completeEmail)
            }
        case .updateEmail(let dialog)?:
            switch dialog.step {
            case .email(let form):
                if form.focus == .cancel {
                    overlay = nil
                    return []
                }
                return saveNewAddress(dialog, form)
            case .code(let form):
                return activate(form)
            }
        case .completeEmail(let form)?:
            return activate(form)
        case .confirmDiscard(var confirmation)?:
            guard confirmation.focus == .discard else {
                overlay = nil
                return []
            }
            guard !confirmation.isDiscarding, changesInFlight.insert(confirmation.accountID).inserted else { return [] }
            confirmation.isDiscarding = true
            confirmation.message = nil
            overlay = .confirmDiscard(confirmation)
            return [.discardUpdate(confirmation.accountID)]
        case .confirmResend(var confirmation)?:
            guard confirmation.focus == .resend else {
                overlay = nil
                return []
            }
            guard !confirmation.isSending, changesInFlight.insert(confirmation.accountID).inserted else { return [] }
            confirmation.isSending = true
            confirmation.message = nil
            overlay = .confirmResend(confirmation)
            return [.resendCode(confirmation.accountID)]
        case nil:
            return []
        }
    }

    private mutating func saveNewAddress(_ dialog: UpdateEmailDialogState, _ form: NewAddressForm) -> [ConsoleEffect] {
        guard !form.isSaving else { return [] }
        var dialog = dialog
        var form = form
        let newEmail: EmailAddress
        do {
            newEmail = try EmailAddress(form.input.text, field: "Email")
        } catch {
            form.message = .error(error.description)
            form.focus = .field
            dialog.step = .email(form)
            overlay = .updateEmail(dialog)
            return []
        }
        guard changesInFlight.insert(dialog.accountID).inserted else {
            form.message = .error("A request for this account is still on its way; try again in a moment.")
            dialog.step = .email(form)
            overlay = .updateEmail(dialog)
            return []
        }
        form.isSaving = true
        form.throttleWait = nil
        form.message = nil
        dialog.step = .email(form)
        overlay = .updateEmail(dialog)
        return [.startUpdate(dialog.accountID, accountName: dialog.accountName, newEmail: newEmail,
                             currentEmail: dialog.currentEmail)]
    }

    private mutating func activate(_ form: VerificationCodeForm) -> [ConsoleEffect] {
        let id = form.accountID
        switch form.focused(among: codeFormControls(form)) {
        case .close:
            return perform(.back)
        case .field, .confirm:
            guard form.work == nil, let open = openUpdates[id] else { return [] }
            let code: OneTimeCode
            do {
                code = try OneTimeCode(form.input.text)
            } catch {
                _ = changeCodeForm(of: id) { form in
                    form.message = .error(error.description)
                    form.focus = .field
                }
                return []
            }
            return startWork(.confirming, on: id, .acceptUpdate(id, code: code, email: open.update.newEmail))
        case .resend:
            return startWork(.resending, on: id, .resendCode(id))
        case .resolve:
            return startWork(.resolving, on: id, .resolveUncertain(id))
        }
    }

    /// One request at a time per account: a second Enter while the first is on its way does nothing.
    private mutating func startWork(_ work: VerificationCodeForm.Work, on id: AccountID,
                                    _ effect: ConsoleEffect) -> [ConsoleEffect] {
        guard !changesInFlight.contains(id) else { return [] }
        changesInFlight.insert(id)
        _ = changeCodeForm(of: id) { form in
            form.work = work
            form.message = nil
        }
        return [effect]
    }

    /// Tab and Shift-Tab, → and ←: through a dialog's field and buttons.
    mutating func moveFocus(by step: Int) {
        if let form = openCodeForm {
            let controls = codeFormControls(form)
            _ = changeCodeForm(of: form.accountID) { $0.focus = cycle($0.focused(among: controls), in: controls, by: step) }
            return
        }
        switch overlay {
        case .updateEmail(var dialog)?:
            guard case .email(var form) = dialog.step else { return }
            form.focus = cycle(form.focus, in: NewAddressForm.Control.allCases, by: step)
            dialog.step = .email(form)
            overlay = .updateEmail(dialog)
        case .confirmDiscard(var confirmation)?:
            confirmation.focus = cycle(confirmation.focus, in: DiscardConfirmation.Control.allCases, by: step)
            overlay = .confirmDiscard(confirmation)
        case .confirmResend(var confirmation)?:
            confirmation.focus = cycle(confirmation.focus, in: ResendConfirmation.Control.allCases, by: step)
            overlay = .confirmResend(confirmation)
        case .completeEmail?, .actions?, nil:
            break
        }
    }

    /// Edits the field that has the focus: the filter, or a dialog's field while nothing is sent.
    mutating func editField(_ edit: (inout TextInput) -> Void) {
        if let form = openCodeForm {
            guard form.work == nil else { return }
            _ = changeCodeForm(of: form.accountID) { edit(&$0.input) }
            return
        }
        switch overlay {
        case nil:
            guard screen == .accounts, var input = filterInput else { return }
            edit(&input)
            filterInput = input
            applyFilter(input.text)
        case .updateEmail(var dialog)?:
            guard case .email(var form) = dialog.step, !form.isSaving else { return }
            edit(&form.input)
            dialog.step = .email(form)
            overlay = .updateEmail(dialog)
        case .completeEmail?, .actions?, .confirmDiscard?, .confirmResend?:
            break
        }
    }
}
