import Foundation

/// A PostgreSQL server of the tests' own: an unprivileged cluster made with initdb in a temporary
/// folder, on a free loopback port, TLS only, with a certificate from a CA made for it, and one
/// scram-sha-256 user. One server per test process, started on first use; a watchdog stops it
/// and removes its folder once the test process is gone, however the process ends.
///
/// It listens on 127.0.0.1 and 127.0.0.2; the certificate names 127.0.0.1 and localhost only, so
/// a client that verifies the host name must refuse 127.0.0.2.
public final class TestPostgres: Sendable {
    public static let user = "rootmail"
    public let port: Int
    public let password: String
    /// The CA's certificate (PEM), for sslrootcert.
    public let caCertificate: String
    private let folder: URL
    private let binaries: URL

    /// The shared server, or why it could not be started: a test that needs it fails with that.
    public static func shared() throws -> TestPostgres { try started.get() }

    private static let started: Result<TestPostgres, Subprocess.Failure> = Result { () throws(Subprocess.Failure) in
        try TestPostgres()
    }

    /// `postgresql://rootmail@HOST:PORT/DATABASE?sslmode=…&sslrootcert=…`
    public func url(database: String, host: String = "127.0.0.1", sslMode: String = "verify-full") -> String {
        "postgresql://\(Self.user)@\(host):\(port)/\(database)?sslmode=\(sslMode)&sslrootcert=\(caCertificate)"
    }

    /// A new, empty database owned by the test user: each test gets its own, as each gets its own data directory.
    public func makeDatabase() throws -> String {
        let name = "rootmail_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try psql("CREATE DATABASE \(name) OWNER \(Self.user)")
        return name
    }

    /// Runs SQL as the server's superuser, over the Unix socket.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        let result = try Subprocess.run(Self.asPostgres + [binaries.appendingPathComponent("psql").path,
            "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", folder.path, "-p", String(port), "-U", "postgres",
            "-d", database, "-c", sql])
        guard result.status == 0 else {
            throw Subprocess.Failure(description: "psql \(sql) failed: \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every row of every table of the database, as pg_dump writes them.
    public func dump(database: String) throws -> String {
        let result = try Subprocess.run(Self.asPostgres + [binaries.appendingPathComponent("pg_dump").path,
            "--data-only", "-h", folder.path, "-p", String(port), "-U", "postgres", database])
        guard result.status == 0 else { throw Subprocess.Failure(description: "pg_dump \(database): \(result.stderr)") }
        return result.stdout
    }

    private static let asPostgres = ["/usr/bin/setpriv", "--reuid=postgres", "--regid=postgres", "--clear-groups"]

    private init() throws(Subprocess.Failure) {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let major = versions.compactMap(Int.init).max(),
              FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\(major)/bin/initdb") else {
            throw Subprocess.Failure(description: "These tests start their own PostgreSQL server and found no initdb "
                + "under /usr/lib/postgresql/*/bin: install it with apt-get install postgresql openssl")
        }
        binaries = URL(fileURLWithPath: "/usr/lib/postgresql/\(major)/bin")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("rootmail-pg-\(UUID().uuidString)")
        password = UUID().uuidString
        caCertificate = folder.appendingPathComponent("ca.pem").path
        port = Self.freePort()
        do {
            try setUp()
        } catch {
            throw Subprocess.Failure(description: "The tests' PostgreSQL server could not be started: \(error)")
        }
    }

    private func setUp() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.path
        func run(_ command: [String]) throws {
            let result = try Subprocess.run(command)
            guard result.status == 0 else {
                throw Subprocess.Failure(description: "\(command.joined(separator: " ")): \(result.stderr)")
            }
        }
        try run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=rootmail test CA",
                 "-keyout", "\(path)/ca.key", "-out", "\(path)/ca.pem"])
        try run(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                 "-keyout", "\(path)/server.key", "-out", "\(path)/server.csr"])
        try "subjectAltName = IP:127.0.0.1, DNS:localhost\n".write(toFile: "\(path)/san.ext", atomically: true, encoding: .utf8)
        try run(["openssl", "x509", "-req", "-in", "\(path)/server.csr", "-CA", "\(path)/ca.pem", "-CAkey", "\(path)/ca.key",
                 "-CAcreateserial", "-days", "2", "-extfile", "\(path)/san.ext", "-out", "\(path)/server.pem"])
        try run(["chown", "-R", "postgres:postgres", path])
        try run(["chmod", "0700", path])
        try run(["chmod", "0600", "\(path)/server.key"])
        // The CA file is read by the test process (root) and by rootmail processes the tests start.
        try run(["chmod", "0644", "\(path)/ca.pem"])
        try run(Self.asPostgres + [binaries.appendingPathComponent("initdb").path, "-D", "\(path)/data", "-U", "postgres",
                                   "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync"])
        try """
            local all postgres trust
            hostssl all \(Self.user) 127.0.0.1/32 scram-sha-256
            hostssl all \(Self.user) 127.0.0.2/32 scram-sha-256

            """.write(toFile: "\(path)/data/pg_hba.conf", atomically: true, encoding: .utf8)
        try run(["chown", "postgres:postgres", "\(path)/data/pg_hba.conf"])
        // The watchdog first, so that nothing outlives the test process even if the start fails halfway.
        let stop = "\(Self.asPostgres.joined(separator: " ")) \(binaries.path)/pg_ctl -D \(path)/data -m immediate -w stop"
        _ = try Subprocess.runLeavingDaemon(["/bin/sh", "-c", """
            ( while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(stop) >/dev/null 2>&1; rm -rf \(path) ) &
            """], environment: ProcessInfo.processInfo.environment, outputFolder: folder)
        let options = "-p \(port) -k \(path) -c listen_addresses=127.0.0.1,127.0.0.2 -c ssl=on "
            + "-c ssl_cert_file=\(path)/server.pem -c ssl_key_file=\(path)/server.key -c fsync=off -c max_connections=200"
        _ = try Subprocess.runLeavingDaemon(Self.asPostgres + [binaries.appendingPathComponent("pg_ctl").path,
            "-D", "\(path)/data", "-l", "\(path)/server.log", "-w", "-o", options, "start"],
            environment: ProcessInfo.processInfo.environment, outputFolder: folder)
        guard (try? psql("SELECT 1")) == "1" else {
            let log = (try? String(contentsOfFile: "\(path)/server.log", encoding: .utf8)) ?? "(no log)"
            throw Subprocess.Failure(description: "pg_ctl start did not give a server that answers: \(log)")
        }
        try psql("CREATE ROLE \(Self.user) LOGIN CREATEDB PASSWORD '\(password)'")
    }

    /// A port the kernel just handed out and released: free now, and unlikely to be taken again at once.
    private static func freePort() -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
