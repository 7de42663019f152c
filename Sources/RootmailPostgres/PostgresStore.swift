import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import RootmailCore

/// A team's store on PostgreSQL: the pending updates, migrations, audit log and cached account
/// lists of every host pointed at one database, with the same schema versions as the SQLite store.
///
/// The store protocols of RootmailCore stay synchronous, and this store bridges to postgres-nio
/// with EventLoopFuture.wait(): making them async would change every caller of the service layer,
/// the console's reducer loop and the migration runner alike, and the SQLite store answers in
/// microseconds on the calling thread. wait() blocks the calling thread only and never needs a
/// cooperative thread to finish (the answer arrives on NIO's own event loop thread), so it cannot
/// starve Swift's concurrency pool as bridging postgres-nio's async API with a semaphore could.
public final class PostgresStore: StoreChangeSignal, Sendable {
    public let url: PostgresStoreURL
    private let connection: PostgresConnection
    /// One connection, one conversation at a time: a transaction's statements must not interleave
    /// with another caller's.
    private let lock = NIOLock()
    private static let logger = Logger(label: "rootmail.postgres")

    /// Connects, brings the schema up to date under the migration lock and refuses a schema newer
    /// than this binary. A failure to connect is a configuration error naming host:port and the cause.
    public init(url: PostgresStoreURL, password: String?) throws(RootmailError) {
        self.url = url
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: password, database: url.database,
            tls: try Self.tls(for: url))
        configuration.options.connectTimeout = .seconds(10)
        do {
            connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1,
                logger: Self.logger).wait()
        } catch {
            throw .configuration("Cannot open the store \(url): \(Self.cause(of: error, url: url)).")
        }
        do {
            try PostgresSchema.migrate(self)
        } catch {
            _ = try? connection.close().wait()
            throw error
        }
    }

    deinit {
        _ = try? connection.close().wait()
    }

    private static func tls(for url: PostgresStoreURL) throws(RootmailError) -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch url.sslMode {
        case .disable: return .disable
        case .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        if let root = url.sslRootCert { tls.trustRoots = .file(root) }
        do {
            return .require(try NIOSSLContext(configuration: tls))
        } catch {
            throw .configuration("Cannot read the CA certificates \(url.sslRootCert ?? "of the system") for the store "
                + "\(url): \(error). Point sslrootcert at a PEM file of the CA that signed the server's certificate.")
        }
    }

    /// What a user can act on: the network, TLS, the password or the database's name.
    static func cause(of error: any Error, url: PostgresStoreURL) -> String {
        let place = "\(url.host):\(url.port)"
        guard let error = error as? PSQLError else { return "\(place): \(error)" }
        if let sqlState = error.serverInfo?[.sqlState] {
            let message = error.serverInfo?[.message] ?? ""
            switch sqlState {
            case "28P01", "28000":
                return "authentication failed for user \(url.user) at \(place) (\(message)); check the password in "
                    + "PGPASSWORD, ~/.pgpass or the password_file"
            case "3D000":
                return "the database \(url.database) does not exist at \(place); create it (createdb \(url.database)) "
                    + "or fix the name in the store URL"
            default: return "the server at \(place) refused: \(message) (SQLSTATE \(sqlState))"
            }
        }
        switch error.code {
        case .sslUnsupported:
            return "the server at \(place) does not offer TLS; enable ssl on it, or use sslmode=disable on a trusted network"
        case .connectionError, .failedToAddSSLHandler, .serverClosedConnection, .uncleanShutdown:
            let underlying = error.underlying.map { String(describing: $0) } ?? "\(error.code)"
            if error.underlying is NIOSSLError || error.underlying is NIOSSLExtraError || underlying.contains("SSL")
                || underlying.contains("certificate") {
                return "TLS with \(place) failed, the server's certificate is not accepted for sslmode="
                    + "\(url.sslMode.rawValue) (\(underlying)); check sslrootcert and that the certificate names \(url.host)"
            }
            if underlying.lowercased().contains("refused") {
                return "connection refused at \(place); check that PostgreSQL runs there and listens on that port"
            }
            return "cannot reach \(place): \(underlying)"
        case .authMechanismRequiresPassword:
            return "the server at \(place) asks user \(url.user) for a password and none was given; set PGPASSWORD, "
                + "add a line to ~/.pgpass (mode 0600) or set password_file"
        default:
            return "\(place): \(String(reflecting: error))"
        }
    }

    /// Runs `body` in one transaction: everything it wrote is committed together, or nothing is.
    func transaction<T>(_ body: (Session) throws -> T) throws(RootmailError) -> T {
        try withSession { session in
            try session.execute("BEGIN")
            do {
                let value = try body(session)
                try session.execute("COMMIT")
                return value
            } catch {
                _ = try? session.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Runs `body` on the connection alone, outside any transaction of its own.
    func withSession<T>(_ body: (Session) throws -> T) throws(RootmailError) -> T {
        do {
            return try lock.withLock { try body(Session(connection: connection)) }
        } catch let error as RootmailError {
            throw error
        } catch {
            throw .storage("Cannot use the store \(url): \(Self.describe(error)). Check that the server is up "
                + "and run the command again.")
        }
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            return "\(message) (SQLSTATE \(error.serverInfo?[.sqlState] ?? "?"))"
        }
        return error.underlying.map { "\($0)" } ?? "\(error.code)"
    }

    /// The store's own counter of committed changes, bumped in every writing transaction: it
    /// moves for changes made by any host.
    public func changeCount() throws -> Int {
        try withSession { session in
            try session.query("SELECT count FROM rootmail_change").first?.decode(Int.self) ?? 0
        }
    }

    public var pendingUpdates: PostgresPendingUpdateStore { PostgresPendingUpdateStore(store: self) }
    public var auditLog: PostgresAuditLog { PostgresAuditLog(store: self) }
    public var migrations: PostgresMigrationStore { PostgresMigrationStore(store: self) }
    public var accountListCache: PostgresAccountListCache { PostgresAccountListCache(store: self) }

    /// The connection during one call of `transaction` or `withSession`.
    struct Session {
        let connection: PostgresConnection

        @discardableResult
        func query(_ query: PostgresQuery) throws -> PostgresQueryResult {
            try connection.query(query, logger: PostgresStore.logger).wait()
        }

        func execute(_ sql: String) throws {
            try query(PostgresQuery(unsafeSQL: sql))
        }

        /// Marks the transaction as a change for `changeCount`.
        func changed() throws {
            try execute("UPDATE rootmail_change SET count = count + 1")
        }
    }
}
