import Foundation
import RootmailCore
import Synchronization

/// A backend that answers as each test scripts it and records every call it gets. Unscripted
/// calls answer as AWS does on the happy path: Start PENDING, Accept ACCEPTED (and the address
/// changes), status PENDING.
public final class ScriptedBackend: Backend {
    public enum Call: Equatable, Sendable {
        case start(AccountID, EmailAddress)
        case accept(AccountID, EmailAddress, code: String)
        case updateStatus(AccountID)
        case primaryEmail(AccountID)
    }

    public static let organization = Organization(
        id: "o-exampleorg1", arn: "arn:aws:organizations::111111111111:organization/o-exampleorg1",
        featureSet: .all, managementAccountID: try! AccountID("111111111111"),
        managementAccountARN: "arn:aws:organizations::111111111111:account/o-exampleorg1/111111111111",
        managementAccountEmail: "management@example.com")
    public static let caller = CallerIdentity(
        accountID: try! AccountID("111111111111"), arn: "arn:aws:iam::111111111111:user/admin",
        userID: "AIDAEXAMPLEADMIN", role: .managementAccount, permissions: nil)

    private struct Script {
        var startAnswers: [RootmailError?] = []
        var acceptAnswers: [RootmailError?] = []
        var statusAnswer: Result<UpdateStatusReport, RootmailError> = .success(UpdateStatusReport(status: .pending, updatedAt: nil))
        var primaryEmails: [AccountID: EmailAddress] = [:]
        var whileStarting: (@Sendable () -> Void)?
        public var calls: [Call] = []
    }

    private let script = Mutex(Script())

    public init() {}

    public let backendDescription = BackendDescription(kind: "scripted", location: "in-test")

    public var calls: [Call] { script.withLock { $0.calls } }

    /// The next Start calls fail with these errors (nil: succeed), in order.
    public func scriptStarts(_ answers: RootmailError?...) { script.withLock { $0.startAnswers += answers } }
    /// The next Accept calls fail with these errors (nil: succeed), in order.
    public func scriptAccepts(_ answers: RootmailError?...) { script.withLock { $0.acceptAnswers += answers } }
    public func scriptStatus(_ answer: Result<UpdateStatusReport, RootmailError>) { script.withLock { $0.statusAnswer = answer } }
    public func setPrimaryEmail(_ email: EmailAddress, of account: AccountID) {
        script.withLock { $0.primaryEmails[account] = email }
    }
    /// Runs inside every Start, before it answers: to look at the data directory mid-call.
    public func whileStarting(_ body: @escaping @Sendable () -> Void) { script.withLock { $0.whileStarting = body } }

    public func describeOrganization() async throws -> Organization { Self.organization }
    public func callerIdentity() async throws -> CallerIdentity { Self.caller }

    public func listAccounts(nextToken: String?, maxResults: Int) async throws -> AccountPage {
        AccountPage(accounts: [], nextToken: nil)
    }

    public func describeAccount(_ id: AccountID) async throws -> AccountDetails {
        throw RootmailError.notFound("The scripted backend describes no account.")
    }

    public func getPrimaryEmail(_ account: AccountID) async throws -> EmailAddress {
        let email = script.withLock { script in
            script.calls.append(.primaryEmail(account))
            return script.primaryEmails[account]
        }
        guard let email else {
            throw ServiceError(.resourceNotFound, AWSMessages.accountNotFound(account)).during("GetPrimaryEmail")
        }
        return email
    }

    public func startPrimaryEmailUpdate(_ account: AccountID, to newEmail: EmailAddress) async throws -> UpdateStatus {
        let (answer, whileStarting) = script.withLock { script in
            script.calls.append(.start(account, newEmail))
            return (script.startAnswers.isEmpty ? nil : script.startAnswers.removeFirst(), script.whileStarting)
        }
        whileStarting?()
        if let answer { throw answer }
        return .pending
    }

    public func acceptPrimaryEmailUpdate(_ account: AccountID, email: EmailAddress, code: OneTimeCode) async throws -> UpdateStatus {
        try script.withLock { script in
            script.calls.append(.accept(account, email, code: code.secret))
            if !script.acceptAnswers.isEmpty, let error = script.acceptAnswers.removeFirst() { throw error }
            script.primaryEmails[account] = email
            return .accepted
        }
    }

    public func getPrimaryEmailUpdateStatus(_ account: AccountID) async throws -> UpdateStatusReport {
        try script.withLock { script in
            script.calls.append(.updateStatus(account))
            return try script.statusAnswer.get()
        }
    }
}

extension RootmailError {
    public static let codeIncorrect = ServiceError(.validation, AWSMessages.codeIncorrect).during("AcceptPrimaryEmailUpdate")
    public static let emailInUse = ServiceError(.conflict, AWSMessages.emailInUse).during("StartPrimaryEmailUpdate")
}
