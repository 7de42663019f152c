import RootmailCore

/// The Update email address dialog: first the new address, then the verification code.
struct UpdateEmailDialogState: AccountDialog, Sendable {
    enum Step: Sendable {
        case email(NewAddressForm)
        case code(VerificationCodeForm)
    }

    let accountID: AccountID
    let accountName: String
    /// The address before the update, as known when the dialog opened.
    let currentEmail: String
    var step: Step

    init(accountID: AccountID, accountName: String, currentEmail: String) {
        self.accountID = accountID
        self.accountName = accountName
        self.currentEmail = currentEmail
        self.step = .email(NewAddressForm())
    }

    /// The second step's form, once the update started.
    var codeForm: VerificationCodeForm? {
        if case .code(let form) = step { return form }
        return nil
    }
}

/// The Email field with Cancel and Save. Cancel comes first: Tab from the field lands on the
/// safe button.
struct NewAddressForm: Sendable {
    enum Control: CaseIterable, Hashable, Sendable {
        case field, cancel, save
    }

    var input = TextInput()
    var focus: Control = .field
    var message: StatusMessage?
    /// Save was pressed and the backend has not answered yet.
    var isSaving = false
    /// While saving: AWS throttled the Start, which is sent again after this wait.
    var throttleWait: ThrottleWait?
}
