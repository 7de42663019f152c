import Foundation
import Synchronization

/// A real IMAP server for the tests: Debian's Dovecot, started on loopback ports with a private
/// configuration, TLS required, a certificate from a CA made here with openssl, one user in a
/// passwd-file, and its mail in `maildir`. Dovecot refuses to read mail as root, so the mail
/// belongs to `nobody`; a test that has rootmail write it runs rootmail as `nobody` too.
public final class DovecotServer: @unchecked Sendable {
    public static let mailOwner: (uid: UInt32, gid: UInt32) = (65534, 65534)
    public static let binary = "/usr/sbin/dovecot"

    public let folder: URL
    /// The Maildir Dovecot serves as the user's INBOX.
    public let maildir: URL
    /// The imaps port (TLS from the first byte) and the imap port (STARTTLS).
    public let tlsPort: Int
    public let plainPort: Int
    /// The certificate of the CA that signed the server's, for `--ca-file`.
    public let caFile: String
    public let user = "codes"
    public let password: String
    private let master: pid_t
    private let exited = Mutex(false)

    /// `certificateNames` are the server certificate's subjectAltNames; `ssl` false serves no TLS
    /// at all (a server without STARTTLS).
    public init(maildir: URL? = nil, password: String = "s3cret \"pass\" \\ é",
                certificateNames: String = "DNS:localhost", ssl: Bool = true) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw Subprocess.Failure(description: "Dovecot is not installed (\(Self.binary)): apt-get install dovecot-imapd; "
                + "scripts/test installs it.")
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dovecot-\(UUID().uuidString)")
        self.maildir = maildir ?? folder.appendingPathComponent("Maildir")
        self.password = password
        let index = folder.appendingPathComponent("index")
        for directory in [folder, folder.appendingPathComponent("run"), index] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        try Self.handOver(index)
        if maildir == nil {
            for sub in ["cur", "new", "tmp"] {
                try FileManager.default.createDirectory(at: self.maildir.appendingPathComponent(sub), withIntermediateDirectories: true)
            }
            try Self.handOver(self.maildir)
        }
        caFile = folder.appendingPathComponent("ca.pem").path
        try Self.makeCertificates(in: folder, names: certificateNames)
        try "\(user):{PLAIN}\(password)\n".write(to: folder.appendingPathComponent("passwd"), atomically: true, encoding: .utf8)
        tlsPort = try Self.freePort()
        plainPort = try Self.freePort()
        let path = folder.path
        let tls = ssl ? """
            ssl = required
            ssl_cert = <\(path)/server.pem
            ssl_key = <\(path)/server.key
            ssl_dh = </usr/share/dovecot/dh.pem
            """ : "ssl = no"
        let configuration = """
            base_dir = \(path)/run
            state_dir = \(path)/run
            log_path = \(path)/dovecot.log
            protocols = imap
            listen = 127.0.0.1
            \(tls)
            auth_mechanisms = plain
            mail_location = maildir:\(self.maildir.path):INDEX=\(index.path):CONTROL=\(index.path)
            mailbox_idle_check_interval = 1 secs
            passdb {
              driver = passwd-file
              args = \(path)/passwd
            }
            userdb {
              driver = static
              args = uid=\(Self.mailOwner.uid) gid=\(Self.mailOwner.gid) home=\(index.path)
            }
            service imap-login {
              inet_listener imap {
                port = \(plainPort)
              }
              inet_listener imaps {
                port = \(ssl ? tlsPort : 0)
                ssl = yes
              }
            }
            """
        let configurationFile = folder.appendingPathComponent("dovecot.conf")
        try configuration.write(to: configurationFile, atomically: true, encoding: .utf8)
        master = try Self.spawn([Self.binary, "-F", "-c", configurationFile.path], output: folder.appendingPathComponent("dovecot.out"))
        try waitUntilListening(on: ssl ? tlsPort : plainPort)
    }

    /// Writes a message into new/ as a delivery agent does, owned by the mail's owner.
    @discardableResult
    public func deliver(_ text: String) throws -> String {
        let name = "\(Int(Date().timeIntervalSince1970)).M\(UUID().uuidString.prefix(8))P\(getpid()).test"
        let temporary = maildir.appendingPathComponent("tmp").appendingPathComponent(name)
        try text.replacingOccurrences(of: "\r\n", with: "\n").write(to: temporary, atomically: false, encoding: .utf8)
        chown(temporary.path, Self.mailOwner.uid, Self.mailOwner.gid)
        try FileManager.default.moveItem(at: temporary, to: maildir.appendingPathComponent("new").appendingPathComponent(name))
        return name
    }

    /// Stops the master and checks that none of the helpers it forked is left.
    public func stop() throws {
        let children = Self.children(of: master)
        if isRunning { kill(master, SIGTERM) }
        var deadline = Date().addingTimeInterval(10)
        while isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if isRunning {
            kill(master, SIGKILL)
            while isRunning { Thread.sleep(forTimeInterval: 0.05) }
            throw Subprocess.Failure(description: "Dovecot's master did not stop on SIGTERM within 10 s")
        }
        deadline = Date().addingTimeInterval(10)
        var left = children.filter { kill($0, 0) == 0 }
        while !left.isEmpty, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            left = left.filter { kill($0, 0) == 0 }
        }
        try? FileManager.default.removeItem(at: folder)
        guard left.isEmpty else {
            left.forEach { kill($0, SIGKILL) }
            throw Subprocess.Failure(description: "Dovecot's helpers \(left) outlived the master")
        }
    }

    public var log: String { (try? String(contentsOf: folder.appendingPathComponent("dovecot.log"), encoding: .utf8)) ?? "" }

    /// Whether the master runs; reaps it once it has exited.
    private var isRunning: Bool {
        exited.withLock { exited in
            guard !exited else { return false }
            var status: Int32 = 0
            exited = waitpid(master, &status, WNOHANG) == master
            return !exited
        }
    }

    /// Starts the master with every signal unblocked and at its default: a process started from
    /// one of the test runner's threads would inherit their blocked SIGTERM, and never stop.
    private static func spawn(_ command: [String], output: URL) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let arguments = command.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, command[0], &actions, &attributes, arguments, environ)
        guard status == 0 else {
            throw Subprocess.Failure(description: "\(command[0]) could not be started: \(String(cString: strerror(status)))")
        }
        return pid
    }

    /// Gives a folder and what is in it to the mail's owner.
    public static func handOver(_ url: URL) throws {
        let result = try Subprocess.run(["chown", "-R", "\(mailOwner.uid):\(mailOwner.gid)", url.path])
        guard result.status == 0 else { throw Subprocess.Failure(description: "chown \(url.path): \(result.stderr)") }
    }

    private static func children(of parent: Int32) -> [Int32] {
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return processes.compactMap(Int32.init).filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == parent
        }
    }

    private static func makeCertificates(in folder: URL, names: String) throws {
        let path = folder.path
        try "subjectAltName=\(names)\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
            .write(to: folder.appendingPathComponent("server.ext"), atomically: true, encoding: .utf8)
        for command in [
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(path)/ca.key", "-out", "\(path)/ca.pem",
             "-days", "2", "-subj", "/CN=rootmail test CA", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
            ["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(path)/server.key", "-out", "\(path)/server.csr",
             "-subj", "/CN=rootmail test IMAP server"],
            ["openssl", "x509", "-req", "-in", "\(path)/server.csr", "-CA", "\(path)/ca.pem", "-CAkey", "\(path)/ca.key",
             "-CAcreateserial", "-out", "\(path)/server.pem", "-days", "2", "-extfile", "\(path)/server.ext"],
        ] {
            let result = try Subprocess.run(command)
            guard result.status == 0 else {
                throw Subprocess.Failure(description: "\(command.joined(separator: " ")) failed: \(result.stderr)")
            }
        }
    }

    /// A port nothing listens on now: the kernel's pick for a socket bound to port 0.
    public static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socket in
                bind(descriptor, socket, length) == 0 && getsockname(descriptor, socket, &length) == 0
            }
        }
        guard bound else { throw Subprocess.Failure(description: "no free loopback port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private func waitUntilListening(on port: Int) throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            guard isRunning else { throw Subprocess.Failure(description: "Dovecot exited: \(log)") }
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = UInt16(port).bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            close(descriptor)
            if connected { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        try? stop()
        throw Subprocess.Failure(description: "Dovecot did not listen on 127.0.0.1:\(port) within 20 s: \(log)")
    }
}
