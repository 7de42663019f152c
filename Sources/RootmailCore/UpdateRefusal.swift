/// A step of a root email update a caller may or may not take.
public enum UpdateStep: Hashable, Sendable {
    case start
    case accept

    var permission: Permission {
        switch self {
        case .start: .startPrimaryEmailUpdate
        case .accept: .acceptPrimaryEmailUpdate
        }
    }
}

/// Why a caller cannot take a step for an account, decided here once for every front end, so
/// that none restates the rules (and the console can say so before the admin types).
public enum UpdateRefusal: Hashable, Sendable {
    case consolidatedBillingOnly
    case callerInMemberAccount
    case lacksPermission(Permission)
    /// The management account's root address changes only from the management account itself.
    case managementAccount
    /// AWS's answer for a CLOSED or SUSPENDED account is not published; the most plausible is a
    /// refusal naming the state, which rootmail gives before any call.
    case accountNotOpen(AccountState)

    /// States in which no root email update is started.
    public static let statesRefused: Set<AccountState> = [.closed, .suspended]
}

extension EmailUpdateService.Session {
    /// Why the caller cannot take `step` on any account (nil when it can, as far as the backend
    /// tells): what makes a session read-only.
    public func refusal(_ step: UpdateStep) -> UpdateRefusal? {
        if let refusal = organizationRefusal { return refusal }
        if !caller.mayPerform(step.permission) { return .lacksPermission(step.permission) }
        return nil
    }

    /// Why the caller cannot take `step` for the account, whose state is given where known.
    public func refusal(_ step: UpdateStep, for account: AccountID, state: AccountState?) -> UpdateRefusal? {
        if let refusal = organizationRefusal { return refusal }
        if account == organization.managementAccountID { return .managementAccount }
        if !caller.mayPerform(step.permission) { return .lacksPermission(step.permission) }
        if step == .start, let state, UpdateRefusal.statesRefused.contains(state) { return .accountNotOpen(state) }
        return nil
    }

    /// What refuses every step whatever the account: the organization, or where the caller stands in it.
    private var organizationRefusal: UpdateRefusal? {
        if organization.featureSet == .consolidatedBilling { return .consolidatedBillingOnly }
        if caller.role == .memberAccount { return .callerInMemberAccount }
        return nil
    }

    /// The caller can change no root address: it may only read.
    public var isReadOnly: Bool { refusal(.start) != nil }
}
