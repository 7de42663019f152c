import RootmailCore

/// "Discard the pending update?" with Keep (the default) and Discard.
struct DiscardConfirmation: AccountDialog, Hashable, Sendable {
    enum Control: CaseIterable, Hashable, Sendable {
        case keep, discard
    }

    let accountID: AccountID
    var focus: Control = .keep
    var isDiscarding = false
    var message: StatusMessage?

    init(accountID: AccountID) {
        self.accountID = accountID
    }

    mutating func reduce(_ action: ConsoleAction, _ context: DialogContext) -> DialogOutcome {
        switch action {
        case .nextFocus: focus = cycle(focus, in: Control.allCases, by: 1)
        case .previousFocus: focus = cycle(focus, in: Control.allCases, by: -1)
        case .activate:
            guard focus == .discard else { return .close }
            guard !isDiscarding, !context.changesInFlight.contains(accountID) else { return .stay }
            isDiscarding = true
            message = nil
            return .stay([.discardUpdate(accountID)])
        default: break
        }
        return .stay
    }

    /// The backend refused: the dialog stays, with the reason.
    mutating func failed(_ error: RootmailError) {
        isDiscarding = false
        message = .error(error.description)
    }
}

extension ConsoleState {
    /// `x` on Pending updates: asks first. A caller who may not discard is told why instead.
    mutating func openDiscardConfirmation(for id: AccountID) {
        if let session = session.value, let refusal = EmailUpdateService.discardRefusal(for: session.caller) {
            status = .error(refusal.description)
            return
        }
        overlay = .confirmDiscard(DiscardConfirmation(accountID: id))
    }
}
