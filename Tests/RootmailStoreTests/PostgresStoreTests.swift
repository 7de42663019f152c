import Foundation
import RootmailCore
import RootmailPostgres
import Testing

/// What only the PostgreSQL store has: a server to reach, TLS, a password, and hosts that start at once.
@Suite("PostgreSQL store", .tags(.inProcess))
struct PostgresStoreTests {
    private func open(_ url: String, password: String? = nil) throws -> PostgresStore {
        try PostgresStore(url: PostgresStoreURL(url), password: password ?? TestPostgres.shared().password)
    }

    /// The message of the configuration error that opening `url` gives.
    private func refusal(_ url: String, password: String? = nil) throws -> String {
        do {
            _ = try open(url, password: password)
        } catch RootmailError.configuration(let message) {
            return message
        }
        Issue.record("\(url) opened")
        return ""
    }

    @Test("verify-full refuses a certificate that does not name the host; verify-ca accepts it")
    func verifyFullChecksTheHostName() throws {
        let server = try TestPostgres.shared()
        let database = try server.makeDatabase()
        // The server's certificate names 127.0.0.1 and localhost, not 127.0.0.2, where it also listens.
        let message = try refusal(server.url(database: database, host: "127.0.0.2"))
        #expect(message.contains("TLS"))
        #expect(message.contains("127.0.0.2:\(server.port)"))
        #expect(message.contains("sslmode=verify-full"))
        _ = try open(server.url(database: database, host: "127.0.0.2", sslMode: "verify-ca"))
        _ = try open(server.url(database: database, host: "localhost"))
    }

    @Test("verify-ca refuses a certificate from a CA that sslrootcert does not hold")
    func verifyFullChecksTheCA() throws {
        let server = try TestPostgres.shared()
        let url = server.url(database: try server.makeDatabase(), sslMode: "verify-ca")
            .replacingOccurrences(of: server.caCertificate, with: "/etc/ssl/certs/ca-certificates.crt")
        #expect(try refusal(url).contains("TLS"))
    }

    @Test("a wrong password says authentication failed, naming the user and host")
    func wrongPassword() throws {
        let server = try TestPostgres.shared()
        let message = try refusal(server.url(database: try server.makeDatabase()), password: "not-the-password")
        #expect(message.contains("authentication failed for user rootmail at 127.0.0.1:\(server.port)"))
    }

    @Test("a database that does not exist is named")
    func missingDatabase() throws {
        let server = try TestPostgres.shared()
        let message = try refusal(server.url(database: "no_such_database"))
        #expect(message.contains("the database no_such_database does not exist at 127.0.0.1:\(server.port)"))
    }

    @Test("nothing listening: connection refused, naming host:port")
    func nothingListening() throws {
        let server = try TestPostgres.shared()
        // Port 1 (tcpmux): nothing on these machines listens there.
        let url = server.url(database: "rootmail").replacingOccurrences(of: ":\(server.port)/", with: ":1/")
        let message = try refusal(url)
        #expect(message.contains("connection refused at 127.0.0.1:1"))
    }

    @Test("hosts opening a new database at once apply the schema once")
    func concurrentOpensMigrateOnce() async throws {
        let server = try TestPostgres.shared()
        let database = try server.makeDatabase()
        let url = server.url(database: database)
        // Each opening is its own connection, so its own server session, as another host's would be.
        let opened = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await withCheckedThrowingContinuation { continuation in
                        Thread.detachNewThread {
                            continuation.resume(with: Result { _ = try open(url); return true })
                        }
                    }
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(opened == 8)
        #expect(try server.psql("SELECT count(*), max(version) FROM rootmail_schema", database: database) == "2|2")
        #expect(try server.psql("SELECT count FROM rootmail_change", database: database) == "0")
    }

    @Test("a database of a newer rootmail is refused with a message to upgrade, and left as it is")
    func newerSchemaRefused() throws {
        let server = try TestPostgres.shared()
        let database = try server.makeDatabase()
        let url = server.url(database: database)
        _ = try open(url)
        try server.psql("INSERT INTO rootmail_schema (version) VALUES (3)", database: database)

        #expect {
            _ = try open(url)
        } throws: { error in
            guard case RootmailError.storage(let message) = error else { return false }
            return message.contains("schema version 3") && message.contains("knows versions up to 2")
                && message.contains("Upgrade rootmail")
        }
        #expect(try server.psql("SELECT string_agg(version::text, ',' ORDER BY version) FROM rootmail_schema",
                                database: database) == "1,2,3")
    }
}
