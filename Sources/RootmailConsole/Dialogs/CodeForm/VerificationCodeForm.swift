import RootmailCore

/// The Verification code field and its buttons, shared by the second step of Update email
/// address and by Complete email update. Which buttons it has depends on the update's condition.
struct VerificationCodeForm: AccountDialog, Sendable {
    enum Control: Hashable, Sendable {
        case field, close, resend, resolve, confirm
    }

    enum Work: Hashable, Sendable {
        case confirming, resending, resolving
    }

    let accountID: AccountID
    var input = TextInput()
    var focus: Control = .field
    var message: StatusMessage?
    var work: Work?

    init(accountID: AccountID, message: StatusMessage? = nil) {
        self.accountID = accountID
        self.message = message
    }

    /// The controls in Tab order, the safe button before the ones that send something.
    static func controls(for condition: PendingUpdateCondition?) -> [Control] {
        switch condition {
        case .awaitingCode?: [.field, .close, .resend, .confirm]
        case .expired?, .voided?: [.close, .resend]
        case .uncertain?: [.close, .resolve]
        case .inFlight?, .finished?, nil: [.close]
        }
    }

    /// The focused control, or the first one when the focused one went away.
    func focused(among controls: [Control]) -> Control {
        controls.contains(focus) ? focus : controls[0]
    }

    /// Tab and the arrows through the controls, the field edited while nothing is sent, Enter
    /// presses the focused button (in the field: Confirm).
    mutating func reduce(_ action: ConsoleAction, _ context: DialogContext) -> DialogOutcome {
        let controls = context.codeFormControls(self)
        switch action {
        case .nextFocus:
            focus = cycle(focused(among: controls), in: controls, by: 1)
        case .previousFocus:
            focus = cycle(focused(among: controls), in: controls, by: -1)
        case .activate:
            return activate(focused(among: controls), context)
        default:
            if let edit = action.fieldEdit, work == nil { edit(&input) }
        }
        return .stay
    }

    private mutating func activate(_ control: Control, _ context: DialogContext) -> DialogOutcome {
        switch control {
        case .close:
            return .perform(.back)
        case .field, .confirm:
            guard work == nil, let open = context.openUpdates[accountID] else { return .stay }
            let code: OneTimeCode
            do {
                code = try OneTimeCode(input.text)
            } catch {
                message = .error(error.description)
                focus = .field
                return .stay
            }
            return start(.confirming, .acceptUpdate(accountID, code: code, email: open.update.newEmail), context)
        case .resend:
            return start(.resending, .resendCode(accountID), context)
        case .resolve:
            return start(.resolving, .resolveUncertain(accountID), context)
        }
    }

    /// One request at a time per account: a second Enter while the first is on its way does nothing.
    private mutating func start(_ work: Work, _ effect: ConsoleEffect, _ context: DialogContext) -> DialogOutcome {
        guard !context.changesInFlight.contains(accountID) else { return .stay }
        self.work = work
        message = nil
        return .stay([effect])
    }

    /// The backend answered what the form sent; after a refused or a new code the field is
    /// emptied for the next one.
    mutating func answered(_ answer: StatusMessage, clearingCode: Bool) {
        work = nil
        if clearingCode {
            input.clear()
            focus = .field
        }
        message = answer
    }
}
