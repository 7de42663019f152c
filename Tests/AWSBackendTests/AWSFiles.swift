import Foundation

/// A temporary home with `.aws/config` and `.aws/credentials`, and the environment that
/// points at it: tests never read the real home or the real environment.
struct AWSFiles {
    let directory: URL

    init(config: String = "", credentials: String = "") throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("rootmail-aws-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(".aws"),
                                                withIntermediateDirectories: true)
        try write(".aws/config", config)
        try write(".aws/credentials", credentials)
    }

    var configPath: String { directory.appendingPathComponent(".aws/config").path }
    var credentialsPath: String { directory.appendingPathComponent(".aws/credentials").path }

    /// HOME at the temporary directory, PATH for scripts, and no instance metadata service
    /// (which would be 169.254.169.254 on a real instance); nothing else unless given.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        ["HOME": directory.path, "PATH": "/usr/local/bin:/usr/bin:/bin", "AWS_EC2_METADATA_DISABLED": "true"]
            .merging(extra) { $1 }
    }

    func write(_ relativePath: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(relativePath), atomically: true, encoding: .utf8)
    }

    /// An executable shell script in the temporary directory; returns its path.
    func script(_ name: String, _ body: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try ("#!/bin/sh\n" + body).write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url.path
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
