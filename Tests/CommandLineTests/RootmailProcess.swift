import Foundation

/// Runs the real `rootmail` binary, as a script or a person would, on a data directory of
/// its own.
struct RootmailProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String

        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:]
        }
    }

    /// The binary built beside the test bundle (or named by ROOTMAIL_BINARY).
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["ROOTMAIL_BINARY"] {
            return URL(fileURLWithPath: path)
        }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<4 {
            folder.deleteLastPathComponent()
            let candidate = folder.appendingPathComponent("rootmail")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        fatalError("rootmail binary not found beside \(CommandLine.arguments[0]); build with `swift build --build-tests` or set ROOTMAIL_BINARY")
    }()

    let home: URL
    /// Set or replaced in every run's environment.
    var extraEnvironment: [String: String] = [:]

    init() throws {
        home = FileManager.default.temporaryDirectory
            .appendingPathComponent("rootmail-cli-\(UUID().uuidString)", isDirectory: true)
    }

    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["ROOTMAIL_HOME"] = home.path
        for name in environment.keys where name.hasPrefix("AWS_") { environment.removeValue(forKey: name) }
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        environment["XDG_CONFIG_HOME"] = home.appendingPathComponent("config").path
        return environment.merging(extraEnvironment) { _, extra in extra }
    }

    /// Starts the binary (or another program, in the same environment) without waiting for it.
    func launch(_ arguments: [String], executable: String? = nil) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = executable.map(URL.init(fileURLWithPath:)) ?? Self.binary
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, out, err)
    }

    @discardableResult
    func run(_ arguments: String...) throws -> Result {
        try run(arguments)
    }

    func run(_ arguments: [String], executable: String? = nil) throws -> Result {
        let (process, out, err) = try launch(arguments, executable: executable)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    func remove() {
        try? FileManager.default.removeItem(at: home)
    }
}
