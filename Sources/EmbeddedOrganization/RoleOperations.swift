import Foundation
import GRDB
import RootmailCore

/// STS AssumeRole and AssumeRoleWithWebIdentity as the embedded organization answers them (see
/// `EmbeddedRole` for the trust rule), and the sessions they hand out. A session acts as a
/// principal of its own, named by its access key id: `backend(roleSession:)` gives its view,
/// with the role's permissions.
///
/// AssumeRole, in this order: ValidationError for malformed parameters (`AssumeRoleInput`);
/// AccessDenied when the ARN names no role of the organization; ValidationError when
/// DurationSeconds is over the role's MaxSessionDuration, or over one hour for a session
/// assuming a role (role chaining). AssumeRoleWithWebIdentity checks the token
/// (InvalidIdentityToken, ExpiredTokenException) after the parameters and before the role.
/// Sessions that expired more than a day ago are forgotten.
extension EmbeddedOrganization {
    /// How long an expired session is kept, so that its key is answered "expired" rather than
    /// "invalid".
    static let expiredSessionRetention: TimeInterval = 24 * 3600
    /// The longest session a role session may ask for when it assumes a role.
    static let roleChainingLimit = 3600

    /// The roles, in the demo file's order, with their accounts' standing as it is now.
    public func roles() throws -> [EmbeddedRole] {
        try read { db in
            let organization = try OrganizationRecord.fetch(db)
            let delegated = try delegatedAdministrator(in: db)
            return try Row.fetchAll(db, sql: """
                SELECT name, role_id, account_id, permissions, max_session_duration FROM role ORDER BY position
                """).map { row in
                let accountID = try AccountID(row["account_id"] as String)
                return EmbeddedRole(
                    name: row["name"], accountID: accountID, roleID: row["role_id"],
                    standing: EmbeddedCaller.role(of: accountID, in: organization, delegatedAdministrator: delegated),
                    permissions: EmbeddedCaller.permissions(row["permissions"]), maxSessionDuration: row["max_session_duration"])
            }
        }
    }

    /// Every session not yet forgotten, the expired ones included, so that the endpoint can
    /// tell an expired key from an unknown one.
    public func roleSessions() throws -> [EmbeddedRoleSession] {
        try read { db in
            try Row.fetchAll(db, sql: "\(Self.sessionQuery) ORDER BY s.issued_at").map(Self.session(from:))
        }
    }

    /// The view of a role session's principal; its operations fail once the session's role is gone.
    public func backend(roleSession session: EmbeddedRoleSession) -> EmbeddedBackend {
        EmbeddedBackend(organization: self, callerName: session.accessKeyID)
    }

    func assumeRole(_ input: AssumeRoleInput, callerName: String) throws -> EmbeddedRoleSession {
        try transaction { db in
            let caller = try caller(named: callerName, in: db)
            let isChained = try roleSessionCaller(accessKeyID: callerName, in: db) != nil
            return try newSession(input, assumedBy: caller.arn, isChained: isChained,
                                  unknownRole: STSMessages.notAuthorizedToAssume(callerARN: caller.arn, roleARN: input.roleARN),
                                  in: db)
        }
    }

    /// AssumeRoleWithWebIdentity, which needs no caller: any role of the organization, for the
    /// token's subject (see `WebIdentityToken` for what is checked). The session is recorded as
    /// assumed by `web-identity:<issuer>/<subject>`.
    public func assumeRoleWithWebIdentity(rawRoleARN: String?, rawRoleSessionName: String?, rawDurationSeconds: String?,
                                          rawWebIdentityToken: String?) throws -> (EmbeddedRoleSession, WebIdentityToken) {
        let input = try AssumeRoleInput(roleARN: rawRoleARN, sessionName: rawRoleSessionName,
                                        durationSeconds: rawDurationSeconds, webIdentityToken: rawWebIdentityToken)
        let token = try WebIdentityToken(rawWebIdentityToken ?? "", now: now())
        let session = try transaction { db in
            try newSession(input, assumedBy: "web-identity:\(token.issuer ?? "")/\(token.subject)", isChained: false,
                           unknownRole: STSMessages.notAuthorizedWithWebIdentity, in: db)
        }
        return (session, token)
    }

    /// Within `db`'s transaction: AccessDenied with `unknownRole` when the ARN names no role of
    /// the organization; ValidationError when the duration is over what the role or chaining allows.
    private func newSession(_ input: AssumeRoleInput, assumedBy: String, isChained: Bool, unknownRole: String,
                            in db: Database) throws -> EmbeddedRoleSession {
        let issuedAt = now().timeIntervalSince1970.rounded(.down)
        guard let roleRow = try Row.fetchOne(db, sql: "SELECT max_session_duration FROM role WHERE arn = ?",
                                             arguments: [input.roleARN]) else {
            throw ServiceError(.stsAccessDenied, unknownRole).during(input.operation)
        }
        if isChained, input.durationSeconds > Self.roleChainingLimit {
            throw ServiceError(.stsValidation, STSMessages.exceedsChainingLimit).during(input.operation)
        }
        guard input.durationSeconds <= roleRow["max_session_duration"] as Int else {
            throw ServiceError(.stsValidation, STSMessages.exceedsMaxSessionDuration).during(input.operation)
        }
        try db.execute(sql: "DELETE FROM role_session WHERE expires_at < ?",
                       arguments: [issuedAt - Self.expiredSessionRetention])
        let accessKeyID = TemporaryCredentials.newAccessKeyID()
        try db.execute(sql: """
            INSERT INTO role_session (access_key_id, secret_access_key, session_token, role_arn, session_name,
                                      assumed_by, issued_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [accessKeyID, DemoOrganization.newSecretAccessKey(), TemporaryCredentials.newSessionToken(),
                             input.roleARN, input.sessionName, assumedBy, issuedAt,
                             issuedAt + TimeInterval(input.durationSeconds)])
        guard let row = try Row.fetchOne(db, sql: "\(Self.sessionQuery) WHERE s.access_key_id = ?", arguments: [accessKeyID]) else {
            throw RootmailError.storage("The session \(input.operation) just stored is missing from the embedded organization.")
        }
        return try Self.session(from: row)
    }

    /// The principal of a role session, as the operations see their caller.
    func roleSessionCaller(accessKeyID: String, in db: Database) throws -> EmbeddedCaller? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "\(Self.sessionQuery) WHERE s.access_key_id = ?"),
                                         arguments: [accessKeyID]) else { return nil }
        let session = try Self.session(from: row)
        let accountID = try AccountID(row["account_id"] as String)
        return EmbeddedCaller(
            name: accessKeyID, arn: session.arn, userID: session.assumedRoleID, accountID: accountID,
            role: EmbeddedCaller.role(of: accountID, in: try OrganizationRecord.fetch(db),
                                      delegatedAdministrator: try delegatedAdministrator(in: db)),
            permissions: EmbeddedCaller.permissions(row["permissions"]), mayChangeOrganization: false,
            accessKeyID: accessKeyID, secretAccessKey: session.secretAccessKey)
    }

    // MARK: Rows

    /// A session's ARN, `arn:aws:sts::<account>:assumed-role/<role>/<session>`, as SQL computes
    /// it from `role_session s` and `role r`: the one place its form is written, for every
    /// query that names the principal (the Account checks read it with their other facts).
    static let assumedRoleARNColumn = "'arn:aws:sts::' || r.account_id || ':assumed-role/' || r.name || '/' || s.session_name"

    private static let sessionQuery = """
        SELECT s.access_key_id, s.secret_access_key, s.session_token, s.role_arn, s.session_name, s.expires_at,
               r.role_id, r.account_id, r.permissions, \(assumedRoleARNColumn) AS arn
        FROM role_session s JOIN role r ON r.arn = s.role_arn
        """

    private static func session(from row: Row) throws -> EmbeddedRoleSession {
        let sessionName: String = row["session_name"]
        return EmbeddedRoleSession(
            accessKeyID: row["access_key_id"], secretAccessKey: row["secret_access_key"], sessionToken: row["session_token"],
            expiration: Date(timeIntervalSince1970: row["expires_at"]), roleARN: row["role_arn"], sessionName: sessionName,
            arn: row["arn"], assumedRoleID: "\(row["role_id"] as String):\(sessionName)")
    }
}

/// The keys of temporary credentials, drawn as AWS draws them: `ASIA` and 16 characters of
/// the access-key alphabet, and a long opaque token.
private enum TemporaryCredentials {
    static func newAccessKeyID() -> String {
        "ASIA" + SecureRandom.characters(16, from: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    }

    static func newSessionToken() -> String {
        Data(SecureRandom.bytes(144)).base64EncodedString()
    }
}
