import Foundation
import RootmailCore

/// The folder that holds rootmail's state: `$ROOTMAIL_HOME`, else `$XDG_DATA_HOME/rootmail`,
/// else `~/.local/share/rootmail`. Created private to the user (0700), files 0600.
public struct DataDirectory: Sendable, Hashable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) -> DataDirectory {
        if let home = environment["ROOTMAIL_HOME"], !home.isEmpty {
            return DataDirectory(url: URL(fileURLWithPath: home, isDirectory: true))
        }
        // The XDG specification says a relative XDG_DATA_HOME is invalid and must be ignored.
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return DataDirectory(url: URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("rootmail"))
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return DataDirectory(url: URL(fileURLWithPath: home, isDirectory: true)
            .appendingPathComponent(".local/share/rootmail"))
    }

    public var path: String { url.path }

    /// Creates the folder (its parents as the umask says, the folder itself 0700) if needed. An
    /// existing folder is used as it is, never chmod'ed: rootmail did not make it, and a shared
    /// one (the system's temporary folder, mode 1777) must keep its mode. It is refused when
    /// others can write to it or it belongs to another user, as they could then replace the
    /// databases or read the codes' mailbox.
    public func prepare() throws(RootmailError) {
        let path = url.path
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
        } catch {
            throw .storage("Cannot create the data directory \(path): \(error.localizedDescription). "
                + "Set ROOTMAIL_HOME to a folder you can write to.")
        }
        // mkdir applies the umask, which only ever takes permissions away from 0700.
        if mkdir(path, 0o700) == 0 { return }
        guard errno == EEXIST else {
            throw .storage("Cannot create the data directory \(path): \(String(cString: strerror(errno))). "
                + "Set ROOTMAIL_HOME to a folder you can write to.")
        }
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
            throw .storage("The data directory \(path) is not a folder. "
                + "Set ROOTMAIL_HOME to a folder you can write to.")
        }
        let mode = status.st_mode & 0o7777
        if status.st_uid != geteuid() || mode & 0o022 != 0 {
            let whose = status.st_uid != geteuid() ? "belongs to another user" : "can be written by other users"
            throw .storage("The data directory \(path) \(whose) (mode \(String(mode, radix: 8))), so they could "
                + "change rootmail's pending updates and read the mailed codes. Set ROOTMAIL_HOME to a new folder "
                + "of your own, such as \(url.appendingPathComponent("rootmail-\(geteuid())").path), "
                + "which rootmail creates private (0700).")
        }
    }

    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }
}
