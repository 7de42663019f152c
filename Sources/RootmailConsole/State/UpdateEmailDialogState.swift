import RootmailCore

/// The Update email address dialog: first the new address, then the verification code.
public struct UpdateEmailDialogState: Sendable {
    public enum Step: Sendable {
        case email(NewAddressForm)
        case code(VerificationCodeForm)
    }

    public let accountID: AccountID
    public let accountName: String
    /// The address before the update, as known when the dialog opened.
    public let currentEmail: String
    public var step: Step

    public init(accountID: AccountID, accountName: String, currentEmail: String) {
        self.accountID = accountID
        self.accountName = accountName
        self.currentEmail = currentEmail
        self.step = .email(NewAddressForm())
    }
}

/// The Email field with Cancel and Save. Cancel comes first: Tab from the field lands on the
/// safe button.
public struct NewAddressForm: Sendable {
    public enum Control: CaseIterable, Hashable, Sendable {
        case field, cancel, save
    }

    public var input = TextInput()
    public var focus: Control = .field
    public var message: StatusMessage?
    /// Save was pressed and the backend has not answered yet.
    public var isSaving = false
    /// While saving: AWS throttled the Start, which is sent again after this wait.
    public var throttleWait: ThrottleWait?
}

/// The Verification code field and its buttons, shared by the second step of Update email
/// address and by Complete email update. Which buttons it has depends on the update's condition.
public struct VerificationCodeForm: Sendable {
    public enum Control: Hashable, Sendable {
        case field, close, resend, resolve, confirm
    }

    public enum Work: Hashable, Sendable {
        case confirming, resending, resolving
    }

    public let accountID: AccountID
    public var input = TextInput()
    public var focus: Control = .field
    public var message: StatusMessage?
    public var work: Work?

    public init(accountID: AccountID, message: StatusMessage? = nil) {
        self.accountID = accountID
        self.message = message
    }

    /// The controls in Tab order, the safe button before the ones that send something.
    public static func controls(for condition: PendingUpdateCondition?) -> [Control] {
        switch condition {
        case .awaitingCode?: [.field, .close, .resend, .confirm]
        case .expired?, .voided?: [.close, .resend]
        case .uncertain?: [.close, .resolve]
        case .inFlight?, .finished?, nil: [.close]
        }
    }

    /// The focused control, or the first one when the focused one went away.
    public func focused(among controls: [Control]) -> Control {
        controls.contains(focus) ? focus : controls[0]
    }
}

/// "Discard the pending update?" with Keep (the default) and Discard.
public struct DiscardConfirmation: Hashable, Sendable {
    public enum Control: CaseIterable, Hashable, Sendable {
        case keep, discard
    }

    public let accountID: AccountID
    public var focus: Control = .keep
    public var isDiscarding = false
    public var message: StatusMessage?

    public init(accountID: AccountID) {
        self.accountID = accountID
    }
}

/// "Send a new code?" with Cancel (the default) and Resend: the new code voids the one already
/// mailed, so `r`, one Shift away from `R` (refresh), must not send by itself.
public struct ResendConfirmation: Hashable, Sendable {
    public enum Control: CaseIterable, Hashable, Sendable {
        case cancel, resend
    }

    public let accountID: AccountID
    public var focus: Control = .cancel
    public var isSending = false
    public var message: StatusMessage?

    public init(accountID: AccountID) {
        self.accountID = accountID
    }
}
