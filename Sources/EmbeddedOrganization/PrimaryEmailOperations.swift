import Foundation
import GRDB
import RootmailCore

/// The Account Management API as AWS runs it, for one caller at a time. See the README of the
/// embedded organization (the doc comment of `EmbeddedBackend`) for the rules.
extension EmbeddedOrganization {
    func primaryEmail(of target: AccountID, callerName: String) throws -> EmailAddress {
        let operation = AccountAPIOperation.getPrimaryEmail
        // With throttling off there is no quota to count: one read answers (the endpoint's hot path).
        let unthrottled = try readOneStatement { db -> EmailAddress? in
            let facts = try AccessFacts.fetch(callerName: callerName, target: target, in: db)
            guard !facts.throttlingEnabled else { return nil }
            return try EmailAddress(try operation.authorize(facts).email)
        }
        if let unthrottled { return unthrottled }
        try countAgainstCallerQuota(operation, callerName: callerName)
        return try readOneStatement { db in
            try EmailAddress(try authorize(operation, callerName: callerName, target: target, in: db).email)
        }
    }

    func startPrimaryEmailUpdate(_ target: AccountID, to newEmail: EmailAddress, callerName: String) throws -> UpdateStatus {
        let operation = AccountAPIOperation.startPrimaryEmailUpdate
        try countAgainstCallerQuota(operation, callerName: callerName)
        let now = now()
        try transaction { db in
            let facts = try AccessFacts.fetch(callerName: callerName, target: target, in: db)
            let account = try operation.authorize(facts)
            switch try OrganizationRows.emailInUse(newEmail, in: db) {
            case target?: throw operation.failure(.conflict, AWSMessages.emailUnchanged)
            case .some: throw operation.failure(.conflict, AWSMessages.emailInUse)
            case nil: break
            }
            if facts.throttlingEnabled {
                try RequestQuota.startPerTarget.consume(for: target, at: now, in: db, operation: operation)
            }
            let code = VerificationCode.draw()
            // A new Start replaces any earlier code and restarts the 24 hours and the attempts.
            try db.execute(sql: """
                INSERT INTO email_update (account_id, new_email, code_salt, code_hash, started_at, failed_attempts, status, updated_at)
                VALUES (?, ?, ?, ?, ?, 0, ?, ?)
                ON CONFLICT(account_id) DO UPDATE SET
                    new_email = excluded.new_email, code_salt = excluded.code_salt, code_hash = excluded.code_hash,
                    started_at = excluded.started_at, failed_attempts = 0, status = excluded.status,
                    updated_at = excluded.updated_at
                """, arguments: [target.rawValue, newEmail.rawValue, code.salt, code.hash, now.timeIntervalSince1970,
                                 UpdateStatus.pending.rawValue, now.timeIntervalSince1970])
            // Written before the commit: if the mail cannot be written, the Start did not happen.
            try mailbox.deliver(VerificationMail(recipient: newEmail, accountID: target, accountName: account.name,
                                                 code: code.code, date: now).rendered())
        }
        return .pending
    }

    func acceptPrimaryEmailUpdate(_ target: AccountID, email: EmailAddress, code: OneTimeCode,
                                  callerName: String) throws -> UpdateStatus {
        let operation = AccountAPIOperation.acceptPrimaryEmailUpdate
        try countAgainstCallerQuota(operation, callerName: callerName)
        let now = now()
        // A wrong code is answered with an error, but its attempt must be recorded: the body
        // returns the error so that the transaction commits before it is thrown.
        return try transaction { db -> Result<UpdateStatus, RootmailError> in
            _ = try authorize(operation, callerName: callerName, target: target, in: db)
            guard let pending = try Row.fetchOne(db, sql: """
                    SELECT new_email, code_salt, code_hash, started_at, failed_attempts FROM email_update
                    WHERE account_id = ? AND status = ? AND code_hash IS NOT NULL
                    """, arguments: [target.rawValue, UpdateStatus.pending.rawValue]),
                  let pendingEmail = try? EmailAddress(pending["new_email"] as String), pendingEmail == email
            else {
                throw operation.failure(.resourceNotFound, AWSMessages.noPendingUpdate(target))
            }
            guard now.timeIntervalSince1970 - (pending["started_at"] as Double) <= AWSMessages.codeLifetime else {
                throw operation.failure(.validation, AWSMessages.codeExpired)
            }
            guard VerificationCode.matches(code, salt: pending["code_salt"], hash: pending["code_hash"]) else {
                let attempts = (pending["failed_attempts"] as Int) + 1
                if attempts >= AWSMessages.maximumCodeAttempts {
                    try db.execute(sql: """
                        UPDATE email_update SET code_salt = NULL, code_hash = NULL, failed_attempts = ?, status = ?,
                            updated_at = ? WHERE account_id = ?
                        """, arguments: [attempts, UpdateStatus.failed.rawValue, now.timeIntervalSince1970, target.rawValue])
                } else {
                    try db.execute(sql: "UPDATE email_update SET failed_attempts = ? WHERE account_id = ?",
                                   arguments: [attempts, target.rawValue])
                }
                return .failure(operation.failure(.validation, AWSMessages.codeIncorrect))
            }
            if let owner = try OrganizationRows.emailInUse(email, in: db), owner != target {
                throw operation.failure(.conflict, AWSMessages.emailInUse)
            }
            try db.execute(sql: "UPDATE account SET email = ?, email_key = ? WHERE id = ?",
                           arguments: [email.rawValue, email.normalized, target.rawValue])
            try db.execute(sql: """
                UPDATE email_update SET code_salt = NULL, code_hash = NULL, status = ?, updated_at = ? WHERE account_id = ?
                """, arguments: [UpdateStatus.accepted.rawValue, now.timeIntervalSince1970, target.rawValue])
            return .success(.accepted)
        }.get()
    }

    /// PENDING while the code can be used; FAILED once it expired or was voided by wrong codes;
    /// ACCEPTED right after the acceptance and COMPLETED `completionDelay` seconds later.
    func primaryEmailUpdateStatus(of target: AccountID, callerName: String) throws -> UpdateStatusReport {
        let operation = AccountAPIOperation.getPrimaryEmailUpdateStatus
        try countAgainstCallerQuota(operation, callerName: callerName)
        let now = now()
        return try read { db in
            _ = try authorize(operation, callerName: callerName, target: target, in: db)
            guard let row = try Row.fetchOne(db, sql: """
                    SELECT status, new_email, started_at, updated_at FROM email_update WHERE account_id = ?
                    """, arguments: [target.rawValue]) else {
                throw operation.failure(.resourceNotFound, AWSMessages.noUpdateStarted(target))
            }
            let updatedAt = Date(timeIntervalSince1970: row["updated_at"])
            // Unlike AWS, the embedded organization also says which address its update is for,
            // so that a Start cut short is settled without asking the admin.
            let email = try? EmailAddress(row["new_email"] as String)
            switch UpdateStatus(rawValue: row["status"]) ?? .failed {
            case .pending:
                let expiry = Date(timeIntervalSince1970: row["started_at"]).addingTimeInterval(AWSMessages.codeLifetime)
                return now > expiry ? UpdateStatusReport(status: .failed, updatedAt: expiry, email: email)
                    : UpdateStatusReport(status: .pending, updatedAt: updatedAt, email: email)
            case .accepted, .completed:
                let completion = updatedAt.addingTimeInterval(Self.completionDelay)
                return now >= completion ? UpdateStatusReport(status: .completed, updatedAt: completion, email: email)
                    : UpdateStatusReport(status: .accepted, updatedAt: updatedAt, email: email)
            case .failed:
                return UpdateStatusReport(status: .failed, updatedAt: updatedAt, email: email)
            }
        }
    }

    // MARK: Checks

    private func authorize(_ operation: AccountAPIOperation, callerName: String, target: AccountID,
                           in db: Database) throws -> Account {
        try operation.authorize(try AccessFacts.fetch(callerName: callerName, target: target, in: db))
    }

    /// Counts the request against the caller account's quota in its own transaction, so that
    /// refused requests count too, as they do at AWS.
    private func countAgainstCallerQuota(_ operation: AccountAPIOperation, callerName: String) throws {
        guard let quota = operation.callerQuota else { return }
        // Most requests meet throttling off: a shared read says so without the write lock.
        guard try read({ db in try throttlingEnabled(in: db) }) else { return }
        let now = now()
        try transaction { db in
            guard try throttlingEnabled(in: db) else { return }
            let caller = try caller(named: callerName, in: db)
            try quota.consume(for: caller.accountID, at: now, in: db, operation: operation)
        }
    }
}
