import GRDB

/// The tables of `embedded-organization.sqlite`: what AWS would hold for the organization.
/// `SQLiteDatabase.open` migrates under a file lock, so two processes never run a migration
/// at once; the statements' `IF NOT EXISTS` is a second line of defence only.
enum EmbeddedSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS organization (
                    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                    id TEXT NOT NULL,
                    feature_set TEXT NOT NULL,
                    management_account_id TEXT NOT NULL,
                    created_at REAL NOT NULL
                );
                -- The root and the organizational units; only the root has no parent.
                CREATE TABLE IF NOT EXISTS parent_unit (
                    id TEXT PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('ROOT', 'ORGANIZATIONAL_UNIT')),
                    name TEXT NOT NULL,
                    parent_id TEXT REFERENCES parent_unit(id),
                    position INTEGER NOT NULL
                );
                CREATE INDEX IF NOT EXISTS parent_unit_parent ON parent_unit(parent_id, position);
                CREATE TABLE IF NOT EXISTS account (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    email TEXT NOT NULL,
                    -- The address as compared: addresses that differ only in case are one address.
                    email_key TEXT NOT NULL UNIQUE,
                    state TEXT NOT NULL,
                    joined_method TEXT NOT NULL,
                    joined_at REAL NOT NULL,
                    parent_id TEXT NOT NULL REFERENCES parent_unit(id)
                );
                CREATE INDEX IF NOT EXISTS account_parent ON account(parent_id);
                CREATE TABLE IF NOT EXISTS service_access (
                    service_principal TEXT PRIMARY KEY,
                    enabled_at REAL NOT NULL
                );
                CREATE TABLE IF NOT EXISTS delegated_administrator (
                    account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    service_principal TEXT NOT NULL,
                    delegated_at REAL NOT NULL,
                    PRIMARY KEY (account_id, service_principal)
                );
                CREATE TABLE IF NOT EXISTS caller (
                    name TEXT PRIMARY KEY,
                    arn TEXT NOT NULL,
                    user_id TEXT NOT NULL,
                    account_id TEXT NOT NULL REFERENCES account(id),
                    -- Comma-separated IAM actions such as account:GetPrimaryEmail.
                    permissions TEXT NOT NULL,
                    may_change_organization INTEGER NOT NULL,
                    access_key_id TEXT NOT NULL UNIQUE,
                    secret_access_key TEXT NOT NULL,
                    position INTEGER NOT NULL
                );
                -- One row per account whose primary email update was ever started. The code is
                -- kept only as SHA-256(salt || code); both are cleared once the code is used up.
                CREATE TABLE IF NOT EXISTS email_update (
                    account_id TEXT PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
                    new_email TEXT NOT NULL,
                    code_salt BLOB,
                    code_hash BLOB,
                    started_at REAL NOT NULL,
                    failed_attempts INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    updated_at REAL NOT NULL
                );
                -- Requests counted against AWS's quotas, shared by every process on this file.
                CREATE TABLE IF NOT EXISTS rate_event (
                    bucket TEXT NOT NULL,
                    at REAL NOT NULL
                );
                CREATE INDEX IF NOT EXISTS rate_event_bucket ON rate_event(bucket, at);
                CREATE TABLE IF NOT EXISTS setting (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                CREATE TABLE IF NOT EXISTS resource_tag (
                    resource_id TEXT NOT NULL,
                    key TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (resource_id, key)
                );
                """)
        }
        migrator.registerMigration("v2-roles") { db in
            try db.execute(sql: """
                -- IAM roles the organization's principals may assume through STS AssumeRole.
                CREATE TABLE IF NOT EXISTS role (
                    arn TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    role_id TEXT NOT NULL UNIQUE,
                    account_id TEXT NOT NULL REFERENCES account(id),
                    -- Comma-separated IAM actions such as account:GetPrimaryEmail.
                    permissions TEXT NOT NULL,
                    max_session_duration INTEGER NOT NULL,
                    position INTEGER NOT NULL
                );
                -- The temporary credentials AssumeRole handed out, kept so that every process on
                -- the data directory (and serve after a restart) accepts them until they expire.
                -- The secret and the token are the emulator's own credentials, not a user's.
                CREATE TABLE IF NOT EXISTS role_session (
                    access_key_id TEXT PRIMARY KEY,
                    secret_access_key TEXT NOT NULL,
                    session_token TEXT NOT NULL,
                    role_arn TEXT NOT NULL,
                    session_name TEXT NOT NULL,
                    -- The ARN of the principal that assumed the role, as CloudTrail would record it.
                    assumed_by TEXT NOT NULL,
                    issued_at REAL NOT NULL,
                    expires_at REAL NOT NULL
                );
                CREATE INDEX IF NOT EXISTS role_session_expiry ON role_session(expires_at);
                """)
            // An organization created before roles existed gets the demo's roles, in the accounts it still has.
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM organization") ?? 0 > 0 else { return }
            try DemoOrganization.load().insertRoles(into: db, onlyIntoExistingAccounts: true)
        }
        return migrator
    }
}
