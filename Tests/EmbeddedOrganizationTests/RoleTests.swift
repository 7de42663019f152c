import Foundation
import RootmailCore
import Testing
import EmbeddedOrganization

/// STS AssumeRole in the embedded organization: the demo's roles, who may assume them, AWS's
/// validation texts, and what a session may do.
@Suite("Roles and AssumeRole", .tags(.inProcess))
struct RoleTests {
    static let adminRole = "arn:aws:iam::686512560918:role/RootEmailAdmin"
    static let readOnlyRole = "arn:aws:iam::686512560918:role/RootEmailReadOnly"
    static let delegatedAdminRole = "arn:aws:iam::955522804796:role/RootEmailAdmin"

    /// AssumeRole as the backend's principal (the management account's administrator by default).
    private func assume(_ fixture: Fixture, _ roleARN: String?, session: String? = "tests", duration: String? = nil,
                        externalID: String? = nil, by backend: EmbeddedBackend? = nil) throws -> EmbeddedRoleSession {
        try (backend ?? fixture.backend()).assumeRole(rawRoleARN: roleARN, rawRoleSessionName: session,
                                                      rawDurationSeconds: duration, rawExternalID: externalID)
    }

    private func assumeFailure(_ fixture: Fixture, _ roleARN: String?, session: String? = "tests", duration: String? = nil,
                               externalID: String? = nil, by backend: EmbeddedBackend? = nil) -> ServiceError? {
        do {
            _ = try assume(fixture, roleARN, session: session, duration: duration, externalID: externalID, by: backend)
            return nil
        } catch {
            return (error as? RootmailError)?.serviceError
        }
    }

    @Test("the demo has an administrator and a read-only role in the management account, and one in the delegated administrator's")
    func demoRoles() throws {
        let fixture = try Fixture()
        let roles = try fixture.organization.roles()
        #expect(roles.map(\.arn) == [Self.adminRole, Self.readOnlyRole, Self.delegatedAdminRole])
        #expect(roles.map(\.standing) == [.managementAccount, .managementAccount, .delegatedAdministrator])
        #expect(roles.map(\.permissions) == [Set(Permission.allCases), [.getPrimaryEmail], Set(Permission.allCases)])
        for role in roles {
            #expect(role.roleID.wholeMatch(of: /AROA[A-Z2-7]{17}/) != nil)
            #expect((3600...43_200).contains(role.maxSessionDuration))
        }
        try fixture.organization.deregisterDelegatedAdministrator()
        #expect(try fixture.organization.roles().last?.standing == .memberAccount)
    }

    @Test("AssumeRole hands out temporary credentials for the role, stored for every process")
    func assumeRoleHandsOutCredentials() throws {
        let fixture = try Fixture()
        let session = try assume(fixture, Self.adminRole, session: "alice@example.com")
        #expect(session.accessKeyID.wholeMatch(of: /ASIA[A-Z2-7]{16}/) != nil)
        #expect(session.secretAccessKey.count == 40)
        #expect(session.sessionToken.count >= 100)
        #expect(session.expiration == fixture.clock.now.addingTimeInterval(3600))
        #expect(session.arn == "arn:aws:sts::686512560918:assumed-role/RootEmailAdmin/alice@example.com")
        let roleID = try #require(try fixture.organization.roles().first?.roleID)
        #expect(session.assumedRoleID == "\(roleID):alice@example.com")
        #expect(!session.description.contains(session.secretAccessKey) && !session.description.contains(session.sessionToken))

        #expect(try fixture.secondProcess().roleSessions() == [session])
        let again = try assume(fixture, Self.adminRole, session: "alice@example.com", duration: "43200")
        #expect(again.accessKeyID != session.accessKeyID && again.sessionToken != session.sessionToken)
        #expect(again.expiration == fixture.clock.now.addingTimeInterval(43_200))
    }

    @Test("a session acts with its role's permissions and its account's standing, as the assumed-role ARN")
    func sessionsActAsTheirRole() async throws {
        let fixture = try Fixture()
        let zurich = try await fixture.account(named: "Zürich Analytics")
        let readOnly = try assume(fixture, Self.readOnlyRole, session: "reader")
        let reader = fixture.organization.backend(roleSession: readOnly)
        let identity = try await reader.callerIdentity()
        #expect(identity.arn == readOnly.arn)
        #expect(identity.userID == readOnly.assumedRoleID)
        #expect(identity.role == .managementAccount)
        #expect(identity.permissions == [.getPrimaryEmail])
        #expect(try await reader.getPrimaryEmail(zurich.id).rawValue == zurich.email)
        let denied = await failure { try await reader.startPrimaryEmailUpdate(zurich.id, to: try email("z@northwind.example")) }
        #expect(denied == .service(ServiceError(.accessDenied, AWSMessages.notAuthorized(
            callerARN: readOnly.arn, operation: "StartPrimaryEmailUpdate")), operation: "StartPrimaryEmailUpdate"))

        // The member-account user assumes the delegated administrator's role and may update.
        let delegated = fixture.organization.backend(roleSession: try assume(fixture, Self.delegatedAdminRole, by: fixture.backend("member-user")))
        #expect(try await delegated.callerIdentity().role == .delegatedAdministrator)
        #expect(try await delegated.startPrimaryEmailUpdate(zurich.id, to: try email("z@northwind.example")) == .pending)
        try fixture.organization.deregisterDelegatedAdministrator()
        let refused = await failure { try await delegated.getPrimaryEmail(zurich.id) }
        #expect(refused?.serviceError?.type == .accessDenied)
    }

    @Test("a role ARN that names no role is refused as AWS refuses it")
    func unknownRole() throws {
        let fixture = try Fixture()
        for arn in ["arn:aws:iam::686512560918:role/Nope", "arn:aws:iam::111111111111:role/RootEmailAdmin",
                    "arn:aws:iam::686512560918:user/admin", "not an ARN but long enough"] {
            #expect(assumeFailure(fixture, arn, by: try fixture.backend("auditor")) == ServiceError(.stsAccessDenied,
                "User: arn:aws:iam::686512560918:user/auditor is not authorized to perform: sts:AssumeRole on resource: \(arn)"))
        }
        #expect(try fixture.organization.roleSessions().isEmpty)
    }

    @Test("malformed parameters get STS's ValidationError texts, every broken constraint in one")
    func validation() throws {
        let fixture = try Fixture()
        let prefix = "1 validation error detected: Value"
        #expect(assumeFailure(fixture, Self.adminRole, session: "a") == ServiceError(.stsValidation,
            "\(prefix) 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2"))
        #expect(assumeFailure(fixture, Self.adminRole, session: "my session") == ServiceError(.stsValidation,
            #"\#(prefix) 'my session' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*"#))
        #expect(assumeFailure(fixture, Self.adminRole, session: String(repeating: "s", count: 65))?.message
            .hasSuffix("Member must have length less than or equal to 64") == true)
        #expect(assumeFailure(fixture, Self.adminRole, session: "Zürich")?.message.contains("regular expression pattern") == true)
        #expect(assumeFailure(fixture, Self.adminRole, session: nil) == ServiceError(.stsValidation,
            "\(prefix) null at 'roleSessionName' failed to satisfy constraint: Member must not be null"))
        #expect(assumeFailure(fixture, Self.adminRole, duration: "899") == ServiceError(.stsValidation,
            "\(prefix) '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"))
        #expect(assumeFailure(fixture, Self.adminRole, duration: "43201") == ServiceError(.stsValidation,
            "\(prefix) '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200"))
        #expect(assumeFailure(fixture, Self.adminRole, externalID: "x")?.message.contains("at 'externalId'") == true)
        #expect(assumeFailure(fixture, "arn:aws:iam::1:r/x", session: "!") == ServiceError(.stsValidation,
            "3 validation errors detected: "
                + "Value 'arn:aws:iam::1:r/x' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20; "
                + "Value '!' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; "
                + #"Value '!' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*"#))
        #expect(try assume(fixture, Self.adminRole, session: "ok_+=,.@-1", duration: "900", externalID: "ext:id/1").sessionName == "ok_+=,.@-1")
    }

    @Test("DurationSeconds stays within the role's MaxSessionDuration, and one hour when a session assumes a role")
    func sessionDurationLimits() throws {
        let fixture = try Fixture()
        #expect(assumeFailure(fixture, Self.readOnlyRole, duration: "3601")
            == ServiceError(.stsValidation, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."))
        #expect(try assume(fixture, Self.readOnlyRole, duration: "3600").expiration == fixture.clock.now.addingTimeInterval(3600))

        let first = fixture.organization.backend(roleSession: try assume(fixture, Self.adminRole, session: "first"))
        #expect(assumeFailure(fixture, Self.readOnlyRole, duration: "7200", by: first) == ServiceError(.stsValidation,
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."))
        let chained = try assume(fixture, Self.readOnlyRole, session: "second", by: first)
        #expect(chained.arn == "arn:aws:sts::686512560918:assumed-role/RootEmailReadOnly/second")
    }

    @Test("sessions survive a reset until they expire; a day after expiring they are forgotten")
    func sessionLifetime() throws {
        let fixture = try Fixture()
        let session = try assume(fixture, Self.adminRole, duration: "900")
        try fixture.organization.reset()
        #expect(try fixture.organization.roleSessions() == [session])
        #expect(try fixture.organization.backend(roleSession: session).caller().arn == session.arn)

        fixture.clock.advance(by: 900 + 24 * 3600 + 1)
        let later = try assume(fixture, Self.adminRole, session: "later")
        #expect(try fixture.organization.roleSessions() == [later])
    }

    @Test("an organization created before roles existed gets the demo's roles when opened", .tags(.subprocess))
    func migration() throws {
        let fixture = try Fixture()
        let file = fixture.directory.file(EmbeddedOrganization.databaseFileName).path
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.executescript("DROP TABLE role_session; DROP TABLE role; DELETE FROM grdb_migrations WHERE identifier = 'v2-roles';")
            db.commit()
            """
        let python = try Subprocess.run(["python3", "-c", script, file])
        try #require(python.status == 0, "\(python.stderr)")

        let reopened = try fixture.secondProcess()
        #expect(try reopened.roles().map(\.arn) == [Self.adminRole, Self.readOnlyRole, Self.delegatedAdminRole])
        #expect(try reopened.backend(caller: "auditor").assumeRole(
            rawRoleARN: Self.adminRole, rawRoleSessionName: "after", rawDurationSeconds: nil, rawExternalID: nil).arn
            == "arn:aws:sts::686512560918:assumed-role/RootEmailAdmin/after")
    }
}
