import Foundation
import RootmailCore

/// The checks AWS makes before any Account Management operation acts, and its quotas.
extension AccountAPIOperation {
    /// The quota per caller account; AWS publishes none for the update status.
    var callerQuota: RequestQuota? {
        switch self {
        case .getPrimaryEmail: .getPerCaller
        case .startPrimaryEmailUpdate: .startPerCaller
        case .acceptPrimaryEmailUpdate: .acceptPerCaller
        case .getPrimaryEmailUpdateStatus: nil
        }
    }

    func failure(_ type: ServiceErrorType, _ message: String) -> RootmailError {
        ServiceError(type, message).during(self)
    }

    /// AWS's checks, in AWS's order: the caller's IAM permission first (IAM decides before the
    /// service looks at anything), then the organization (all features, trusted access), then
    /// where the caller stands, then the target. Returns the target account.
    func authorize(_ facts: AccessFacts) throws -> Account {
        func denied(_ reason: String?) -> RootmailError {
            failure(.accessDenied, AWSMessages.notAuthorized(callerARN: facts.callerARN, operation: rawValue, reason: reason))
        }
        guard facts.callerMayPerform(permission) else { throw denied(nil) }
        guard facts.organization.featureSet == .all else { throw denied(AWSMessages.allFeaturesReason) }
        guard facts.trustedAccess else { throw denied(AWSMessages.trustedAccessReason) }
        guard facts.callerRole != .memberAccount else { throw denied(nil) }
        guard facts.target != facts.organization.managementAccountID else {
            throw denied(AWSMessages.managementAccountReason)
        }
        guard let account = facts.account else {
            throw failure(.resourceNotFound, AWSMessages.accountNotFound(facts.target))
        }
        return account
    }
}
