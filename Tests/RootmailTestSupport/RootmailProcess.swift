import Foundation

/// Runs the real `rootmail` binary, as a script or a person would, on a data directory of
/// its own and with nothing of the machine's AWS configuration.
public struct RootmailProcess: Sendable {
    public typealias Result = Subprocess.Result

    /// The binary built beside the test bundle (or named by ROOTMAIL_BINARY).
    public static let binary: URL = {
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

    public let home: URL
    /// Set or replaced in every run's environment.
    public var extraEnvironment: [String: String] = [:]

    public init() throws {
        home = FileManager.default.temporaryDirectory
            .appendingPathComponent("rootmail-cli-\(UUID().uuidString)", isDirectory: true)
    }

    public var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["ROOTMAIL_HOME"] = home.path
        for name in environment.keys where name.hasPrefix("AWS_") { environment.removeValue(forKey: name) }
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        environment["XDG_CONFIG_HOME"] = home.appendingPathComponent("config").path
        return environment.merging(extraEnvironment) { _, extra in extra }
    }

    /// Starts the binary (or another program, in the same environment) without waiting for it.
    public func launch(_ arguments: [String], executable: String? = nil) throws -> (Process, Pipe, Pipe) {
        let out = Pipe(), err = Pipe()
        let process = try Subprocess.start([executable ?? Self.binary.path] + arguments, environment: environment,
                                           output: out, error: err)
        return (process, out, err)
    }

    @discardableResult
    public func run(_ arguments: String...) throws -> Result {
        try run(arguments)
    }

    /// Runs the binary (or another program, in the same environment) to its end.
    public func run(_ arguments: [String], executable: String? = nil) throws -> Result {
        try Subprocess.run([executable ?? Self.binary.path] + arguments, environment: environment)
    }

    public func remove() {
        try? FileManager.default.removeItem(at: home)
    }
}
