import Foundation
import RootmailCore

/// Where a team's store is: `postgresql://USER@HOST:PORT/DB?sslmode=verify-full&sslrootcert=PATH`,
/// read as libpq reads it so that a URL that works with psql works here. A password in the URL is
/// refused: it would end up in shell histories and process lists; PGPASSWORD, ~/.pgpass or a
/// `password_file` hold it instead.
public struct PostgresStoreURL: Sendable, Hashable, CustomStringConvertible {
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public let user: String
    public let host: String
    public let port: Int
    public let database: String
    public let sslMode: SSLMode
    /// The CA certificates (PEM) that verify-ca and verify-full trust; the system's when nil.
    public let sslRootCert: String?

    /// Whether `text` names a PostgreSQL store rather than something else (a typo of the scheme
    /// is then reported as such, not as a bad path).
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    public init(_ text: String) throws(RootmailError) {
        func reject(_ why: String) -> RootmailError {
            .configuration("The store \(EchoedInput.excerpt(text)) \(why). Write it as "
                + "postgresql://USER@HOST:PORT/DATABASE?sslmode=verify-full&sslrootcert=/path/to/ca.pem.")
        }
        guard Self.isPostgres(text), let components = URLComponents(string: text) else {
            throw reject("is not a postgresql:// URL")
        }
        guard components.password == nil else {
            throw reject("holds a password; remove it and put it in PGPASSWORD, ~/.pgpass (mode 0600) or a password_file")
        }
        guard let user = components.user, !user.isEmpty else { throw reject("names no user (USER@ before the host)") }
        guard let host = components.host, !host.isEmpty else { throw reject("names no host") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw reject("names no database (/DATABASE after the host)") }
        var sslMode = SSLMode.verifyFull
        var rootCert: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(SSLMode.init(rawValue:)) else {
                    throw reject("has sslmode=\(EchoedInput.excerpt(item.value ?? "")); use one of "
                        + SSLMode.allCases.map(\.rawValue).joined(separator: ", "))
                }
                sslMode = mode
            case "sslrootcert":
                guard let path = item.value, path.hasPrefix("/") else { throw reject("has an sslrootcert that is not an absolute path") }
                rootCert = path
            default:
                throw reject("has the unknown parameter \(EchoedInput.excerpt(item.name)); rootmail reads sslmode and sslrootcert")
            }
        }
        self.user = user.removingPercentEncoding ?? user
        self.host = host
        port = components.port ?? 5432
        self.database = database.removingPercentEncoding ?? database
        self.sslMode = sslMode
        sslRootCert = rootCert
    }

    /// The URL as it names the store in messages: never holds a password.
    public var description: String { "postgresql://\(user)@\(host):\(port)/\(database)" }
}
