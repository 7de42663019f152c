import Foundation
import RootmailCore

/// The backend's answers to the changes the dialogs and screens sent: the shared lists change
/// first, then the dialog that asked shows the answer, else the status line does.
extension ConsoleState {
    mutating func updateStarted(_ id: AccountID, _ result: Result<OpenUpdate, RootmailError>) {
        let name = accountName(id)
        switch result {
        case .success(let open):
            changeOpenUpdates { $0.record(open) }
            let sent = ConsoleMessages.codeSent(to: open.update.newEmail)
            let shownInDialog = changeOverlay(\.updateEmail, of: id) { $0.codeSent(StatusMessage(sent)) } ?? false
            if !shownInDialog { status = .success(ConsoleMessages.updateStarted(name, codeSent: sent)) }
        case .failure(let error):
            let shownInDialog = changeOverlay(\.updateEmail, of: id) { $0.startFailed(error) } ?? false
            if !shownInDialog { status = .error(ConsoleMessages.updateNotStarted(name, error)) }
        }
    }

    mutating func updateAccepted(_ id: AccountID, _ outcome: AcceptOutcome) {
        switch outcome {
        case .accepted(let email):
            changeOpenUpdates { $0.remove(id) }
            showNewAddress(email, of: id)
            if overlay?.accountID == id { overlay = nil }
            status = .success(ConsoleMessages.addressChanged(accountName(id), to: email))
        case .rejected(let error, let remaining):
            changeOpenUpdates { if let remaining { $0.record(remaining) } else { $0.remove(id) } }
            let message = Self.rejection(error, remaining: remaining, at: now)
            let shownInDialog = changeOverlay(\.codeForm, of: id) {
                $0.answered(.error(message), clearingCode: true)
            } != nil
            if !shownInDialog { status = .error(ConsoleMessages.about(accountName(id), message)) }
        }
    }

    /// The refusal in words, with the attempts left after a wrong code.
    static func rejection(_ error: RootmailError, remaining: OpenUpdate?, at now: Date) -> String {
        guard error.serviceError?.knownReason == .codeIncorrect, let remaining else { return error.description }
        let left = remaining.update.attemptsLeft
        if left > 0, remaining.condition(at: now) == .awaitingCode {
            return ConsoleMessages.wrongCode(error, attemptsLeft: left)
        }
        return ConsoleMessages.wrongCodeVoided(error)
    }

    mutating func codeResent(_ id: AccountID, _ result: Result<OpenUpdate, RootmailError>) {
        switch result {
        case .success(let open):
            changeOpenUpdates { $0.record(open) }
            if overlay?.confirmResend?.accountID == id { overlay = nil }
            let text = ConsoleMessages.newCodeSent(to: open.update.newEmail)
            let shownInDialog = changeOverlay(\.codeForm, of: id) {
                $0.answered(StatusMessage(text), clearingCode: true)
            } != nil
            if !shownInDialog { status = .success(ConsoleMessages.about(accountName(id), text)) }
        case .failure(let error):
            if changeOverlay(\.confirmResend, of: id, { $0.failed(error) }) != nil { return }
            let shownInDialog = changeOverlay(\.codeForm, of: id) {
                $0.answered(.error(error.description), clearingCode: false)
            } != nil
            if !shownInDialog { status = .error(ConsoleMessages.about(accountName(id), ConsoleMessages.noNewCode(error))) }
        }
    }

    mutating func updateDiscarded(_ id: AccountID, _ result: Result<Void, RootmailError>) {
        let name = accountName(id)
        switch result {
        case .success:
            changeOpenUpdates { $0.remove(id) }
            if overlay?.accountID == id { overlay = nil }
            status = .success(ConsoleMessages.discarded(name))
        case .failure(let error):
            if changeOverlay(\.confirmDiscard, of: id, { $0.failed(error) }) == nil {
                status = .error(ConsoleMessages.notDiscarded(name, error))
            }
        }
    }

    mutating func uncertainResolved(_ id: AccountID, _ result: Result<OpenUpdate, RootmailError>) {
        let name = accountName(id)
        let message: StatusMessage
        switch result {
        case .success(let resolved):
            changeOpenUpdates { $0.record(resolved) }
            let update = resolved.update
            switch update.phase {
            case .completed:
                showNewAddress(update.newEmail, of: id)
                message = .success(ConsoleMessages.resolvedCompleted(name, to: update.newEmail))
            case .discarded:
                message = .error(ConsoleMessages.resolvedDiscarded(name))
            default:
                message = .success(ConsoleMessages.resolvedStill(name, resolved.condition(at: now)))
            }
        case .failure(let error):
            message = .error(ConsoleMessages.notResolved(name, error))
        }
        let shownInDialog = changeOverlay(\.codeForm, of: id) { $0.answered(message, clearingCode: false) } != nil
        if !shownInDialog { status = message }
    }

    /// The wait shows where the call was started: in the Update dialog while it saves, else on
    /// the status line.
    mutating func showThrottleWait(_ wait: ThrottleWait) {
        if changeOverlay(\.updateEmail, of: wait.accountID, { $0.throttled(wait) }) == true { return }
        guard changesInFlight.contains(wait.accountID) else { return }
        status = StatusMessage(ConsoleMessages.about(accountName(wait.accountID), ConsoleMessages.throttled(wait)))
    }
}
