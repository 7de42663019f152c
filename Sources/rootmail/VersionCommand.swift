import ArgumentParser
import Foundation
import OrderedJSON

/// What `rootmail --version` and `rootmail version` report: the packaged release's stamp, or
/// "dev" with the commit of the source tree it was built from when that tree is still there.
struct BuildIdentity {
    let version: String
    let commit: String
    let swiftVersion: String

    static let current = BuildIdentity(
        version: BuildStamp.version ?? "dev",
        commit: BuildStamp.commit ?? sourceTreeCommit() ?? "unknown",
        swiftVersion: BuildStamp.swiftVersion ?? compilerVersion
    )

    var line: String { "rootmail \(version) (commit \(commit), Swift \(swiftVersion))" }

    private static var compilerVersion: String {
        #if compiler(>=6.4)
        "6.4 or later"
        #elseif compiler(>=6.3)
        "6.3"
        #elseif compiler(>=6.2)
        "6.2"
        #elseif compiler(>=6.1)
        "6.1"
        #else
        "6.0"
        #endif
    }

    /// A development build reads the commit of the tree its sources were compiled from, with file
    /// reads rather than a git process: the version line is built at every start.
    private static func sourceTreeCommit() -> String? {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            let dotGit = folder.appendingPathComponent(".git")
            if let gitDirectory = gitDirectory(at: dotGit) { return headCommit(in: gitDirectory) }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    /// `.git` is the repository's folder, or in a worktree a file naming it.
    private static func gitDirectory(at dotGit: URL) -> URL? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isFolder) else { return nil }
        if isFolder.boolValue { return dotGit }
        guard let text = try? String(contentsOf: dotGit, encoding: .utf8), text.hasPrefix("gitdir:") else { return nil }
        return URL(fileURLWithPath: text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func headCommit(in gitDirectory: URL) -> String? {
        func read(_ url: URL) -> String? {
            (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let head = read(gitDirectory.appendingPathComponent("HEAD")) else { return nil }
        guard head.hasPrefix("ref: ") else { return String(head.prefix(12)) }
        let ref = String(head.dropFirst("ref: ".count))
        // A worktree keeps its HEAD apart but its branches in the common directory.
        let common = read(gitDirectory.appendingPathComponent("commondir"))
            .map { URL(fileURLWithPath: $0, relativeTo: gitDirectory).standardizedFileURL } ?? gitDirectory
        for folder in [gitDirectory, common] {
            if let commit = read(folder.appendingPathComponent(ref)) { return String(commit.prefix(12)) }
            if let packed = read(folder.appendingPathComponent("packed-refs")),
               let line = packed.split(separator: "\n").first(where: { $0.hasSuffix(" " + ref) }) {
                return String(line.prefix(12))
            }
        }
        return nil
    }
}

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print rootmail's version, the commit it was built from and its Swift version.")

    @OptionGroup var global: GlobalOptions

    func run() {
        let identity = BuildIdentity.current
        global.print(.object([
            ("Version", .string(identity.version)),
            ("Commit", .string(identity.commit)),
            ("SwiftVersion", .string(identity.swiftVersion)),
        ]), operation: "Version")
    }
}
