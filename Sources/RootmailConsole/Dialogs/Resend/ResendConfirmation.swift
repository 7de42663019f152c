import RootmailCore

/// "Send a new code?" with Cancel (the default) and Resend: the new code voids the one already
/// mailed, so `r`, one Shift away from `R` (refresh), must not send by itself.
struct ResendConfirmation: AccountDialog, Hashable, Sendable {
    enum Control: CaseIterable, Hashable, Sendable {
        case cancel, resend
    }

    let accountID: AccountID
    var focus: Control = .cancel
    var isSending = false
    var message: StatusMessage?

    init(accountID: AccountID) {
        self.accountID = accountID
    }

    mutating func reduce(_ action: ConsoleAction, _ context: DialogContext) -> DialogOutcome {
        switch action {
        case .nextFocus: focus = cycle(focus, in: Control.allCases, by: 1)
        case .previousFocus: focus = cycle(focus, in: Control.allCases, by: -1)
        case .activate:
            guard focus == .resend else { return .close }
            guard !isSending, !context.changesInFlight.contains(accountID) else { return .stay }
            isSending = true
            message = nil
            return .stay([.resendCode(accountID)])
        default: break
        }
        return .stay
    }

    /// The backend refused: the dialog stays, with the reason.
    mutating func failed(_ error: RootmailError) {
        isSending = false
        message = .error(error.description)
    }
}

extension ConsoleState {
    /// `r` on Pending updates: a new code voids the one already mailed, so it asks first, as
    /// Discard does.
    mutating func openResendConfirmation(for id: AccountID) {
        if let reason = reasonUnavailable(.updateEmail, for: id) {
            status = .error(reason)
            return
        }
        overlay = .confirmResend(ResendConfirmation(accountID: id))
    }
}
