import Foundation
import RootmailCore
import RootmailStore

/// The embedded organization's Maildir (`mail/` in the data directory), where the codes that
/// AWS would mail arrive. Any mail reader opens it (`mutt -f ~/.local/share/rootmail/mail`).
public struct Mailbox: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    public init(in directory: DataDirectory) {
        self.init(url: directory.file("mail"))
    }

    /// Every message in `new/` and `cur/`, oldest first.
    public func messages() throws(RootmailError) -> [MailMessage] {
        var known = Set<String>()
        return try messages(notIn: &known)
    }

    /// The messages whose IDs are not in `known`, oldest first; `known` gains their IDs, so that a
    /// reader watching the mailbox parses each message once however many arrive.
    public func messages(notIn known: inout Set<String>) throws(RootmailError) -> [MailMessage] {
        var messages: [MailMessage] = []
        for folder in ["new", "cur"] {
            let folderURL = url.appendingPathComponent(folder)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folderURL.path) else { continue }
            for name in names where !name.hasPrefix(".") {
                // The ID without the flags that a reader adds when it moves the file to cur/.
                let id = String(name.split(separator: ":", maxSplits: 1).first ?? Substring(name))
                guard !known.contains(id) else { continue }
                let data: Data
                do {
                    data = try Data(contentsOf: folderURL.appendingPathComponent(name))
                } catch {
                    // Another reader moved it from new/ to cur/ meanwhile; it is read there.
                    continue
                }
                messages.append(try MailMessage(id: id, text: String(decoding: data, as: UTF8.self)))
                known.insert(id)
            }
        }
        // Each date read once: reading one parses the Date header.
        let dated: [(date: Date, message: MailMessage)] = messages.map { ($0.date ?? .distantPast, $0) }
        return dated.sorted { left, right in
            left.date == right.date ? left.message.id < right.message.id : left.date < right.date
        }.map(\.message)
    }

    public func message(id: String) throws(RootmailError) -> MailMessage {
        guard let message = try messages().first(where: { $0.id == id }) else {
            throw .notFound("No message \(id) in the mailbox \(url.path); `rootmail mail` lists the messages.")
        }
        return message
    }

    /// The code of the latest verification mail sent to the address, if any.
    public func latestCode(to address: EmailAddress) throws(RootmailError) -> OneTimeCode? {
        try messages().reversed().lazy
            .filter { $0.recipientAddress?.lowercased() == address.normalized }
            .compactMap(\.verificationCode).first
    }

    /// Writes the message into `tmp/`, then renames it into `new/`, as Maildir asks, so that
    /// a reader never sees half a message.
    @discardableResult
    func deliver(_ text: String) throws(RootmailError) -> String {
        try prepare()
        let id = Self.uniqueName()
        let temporary = url.appendingPathComponent("tmp").appendingPathComponent(id)
        let final = url.appendingPathComponent("new").appendingPathComponent(id)
        let descriptor = Foundation.open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw Self.failure("create", temporary) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced, rename(temporary.path, final.path) == 0 else {
            unlink(temporary.path)
            throw Self.failure("write", final)
        }
        return id
    }

    func prepare() throws(RootmailError) {
        do {
            for folder in ["tmp", "new", "cur"] {
                let folderURL = url.appendingPathComponent(folder)
                try FileManager.default.createDirectory(at: folderURL, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
        } catch {
            throw .storage("Cannot create the mailbox \(url.path): \(error.localizedDescription). "
                + "Check that the data directory is writable.")
        }
        removeLeftovers()
    }

    /// Removes from `tmp/` the messages of writers that died before renaming them into `new/`
    /// (killed mid-delivery): their Start never committed, and nobody else would clear them.
    private func removeLeftovers() {
        let folder = url.appendingPathComponent("tmp")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            guard let writer = Self.writerPID(of: name), writer != getpid(),
                  kill(writer, 0) != 0, errno == ESRCH else { continue }
            unlink(folder.appendingPathComponent(name).path)
        }
    }

    /// The `P<pid>` part of a name made by `uniqueName()`.
    private static func writerPID(of name: String) -> Int32? {
        guard let start = name.firstIndex(of: "P"), let end = name[start...].firstIndex(of: "R") else { return nil }
        return Int32(name[name.index(after: start)..<end])
    }

    private static func failure(_ action: String, _ file: URL) -> RootmailError {
        .storage("Cannot \(action) the mail file \(file.path): \(String(cString: strerror(errno))). "
            + "Check that the data directory is writable and not full.")
    }

    /// `seconds.Mmicroseconds P pid R random . host`: unique across processes and sortable by time.
    private static func uniqueName() -> String {
        var time = timeval()
        gettimeofday(&time, nil)
        let random = UInt64.random(in: .min ... .max)
        let host = ProcessInfo.processInfo.hostName
            .replacingOccurrences(of: "/", with: "\\057").replacingOccurrences(of: ":", with: "\\072")
        return String(format: "%ld.M%06ldP%dR%016llx.", time.tv_sec, Int(time.tv_usec), getpid(), random) + host
    }
}
