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

    /// Creates the folder (and its parents) if needed and makes it private to the user.
    public func prepare() throws(RootmailError) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
        } catch {
            throw .storage("Cannot create the data directory \(url.path): \(error.localizedDescription). "
                + "Set ROOTMAIL_HOME to a folder you can write to.")
        }
    }

    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }
}
