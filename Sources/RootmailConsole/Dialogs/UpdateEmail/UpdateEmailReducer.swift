import RootmailCore

extension UpdateEmailDialogState {
    /// The first step's keys here; at the second step the code form takes them.
    mutating func reduce(_ action: ConsoleAction, _ context: DialogContext) -> DialogOutcome {
        switch step {
        case .code(var form):
            defer { step = .code(form) }
            return form.reduce(action, context)
        case .email(var form):
            defer { step = .email(form) }
            return reduce(action, &form, context)
        }
    }

    private func reduce(_ action: ConsoleAction, _ form: inout NewAddressForm, _ context: DialogContext) -> DialogOutcome {
        switch action {
        case .nextFocus:
            form.focus = cycle(form.focus, in: NewAddressForm.Control.allCases, by: 1)
        case .previousFocus:
            form.focus = cycle(form.focus, in: NewAddressForm.Control.allCases, by: -1)
        case .activate:
            if form.focus == .cancel { return .close }
            return save(&form, context)
        default:
            if let edit = action.fieldEdit, !form.isSaving { edit(&form.input) }
        }
        return .stay
    }

    private func save(_ form: inout NewAddressForm, _ context: DialogContext) -> DialogOutcome {
        guard !form.isSaving else { return .stay }
        let newEmail: EmailAddress
        do {
            newEmail = try EmailAddress(form.input.text, field: "Email")
        } catch {
            form.message = .error(error.description)
            form.focus = .field
            return .stay
        }
        guard !context.changesInFlight.contains(accountID) else {
            form.message = .error(ConsoleMessages.requestOnItsWay)
            return .stay
        }
        form.isSaving = true
        form.throttleWait = nil
        form.message = nil
        return .stay([.startUpdate(accountID, accountName: accountName, newEmail: newEmail, currentEmail: currentEmail)])
    }

    // MARK: Answers, while the first step waits for them; false when the dialog moved on

    /// The update started: the second step asks for the code just sent.
    mutating func codeSent(_ message: StatusMessage) -> Bool {
        guard case .email = step else { return false }
        step = .code(VerificationCodeForm(accountID: accountID, message: message))
        return true
    }

    mutating func startFailed(_ error: RootmailError) -> Bool {
        guard case .email(var form) = step else { return false }
        form.isSaving = false
        form.throttleWait = nil
        form.message = .error(error.description)
        step = .email(form)
        return true
    }

    /// AWS throttled the Start: the wait shows until it is sent again.
    mutating func throttled(_ wait: ThrottleWait) -> Bool {
        guard case .email(var form) = step, form.isSaving else { return false }
        form.throttleWait = wait
        step = .email(form)
        return true
    }
}

extension ConsoleState {
    /// `u`: the dialog for the account where the user is, unless the action is unavailable.
    mutating func openUpdateDialog() {
        guard let id = targetAccountID, let account = knownAccount(id) else { return }
        if let reason = reasonUnavailable(.updateEmail, for: id) {
            status = .error(reason)
            return
        }
        overlay = .updateEmail(UpdateEmailDialogState(
            accountID: id, accountName: account.name, currentEmail: currentEmail(of: account)))
    }
}
