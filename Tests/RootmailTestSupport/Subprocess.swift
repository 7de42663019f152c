import Foundation

/// The one way the tests run another program: to its end with its output collected
/// (`run`, or `runLeavingDaemon` for a program that forks a daemon), or started and left
/// running (`start`). A command's first word is a path, or a program's name looked up on PATH.
public enum Subprocess {
    public struct Result: Sendable {
        public let status: Int32
        /// What the program printed on its standard output, byte for byte.
        public let output: Data
        public let stderr: String

        public var stdout: String { String(decoding: output, as: UTF8.self) }

        /// The JSON object the program printed, or an empty one.
        public var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: output)) as? [String: Any] ?? [:]
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) { self.description = description }
    }

    /// Runs the command to its end with `input` on its standard input, and kills it after
    /// `timeout` seconds. The machine's environment unless one is given.
    public static func run(_ command: [String], environment: [String: String]? = nil, input: Data = Data(),
                           timeout: TimeInterval = 300) throws -> Result {
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        let process = try start(command, environment: environment, input: stdin, output: stdout, error: stderr)
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        // Both pipes are drained at once, and the input written meanwhile, so that no pipe can
        // fill up and block the child or the test.
        let errors = ReadOnce()
        let errorsRead = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errors.data = stderr.fileHandleForReading.readDataToEndOfFile()
            errorsRead.signal()
        }
        let written = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
            written.signal()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        errorsRead.wait()
        written.wait()
        process.waitUntilExit()
        watchdog.cancel()
        // Closed here, not left to deinit: a test process runs thousands of commands, and the
        // descriptors left open made Foundation's Process.run crash past about 1,300 of them.
        try? stdout.fileHandleForReading.close()
        try? stderr.fileHandleForReading.close()
        return Result(status: process.terminationStatus, output: output, stderr: String(decoding: errors.data, as: UTF8.self))
    }

    /// The same off Swift's cooperative threads: a test blocking those threads while the
    /// program waits for a server in the test's own process would starve that server.
    public static func run(_ command: [String], environment: [String: String]? = nil, input: Data = Data(),
                           timeout: TimeInterval = 300) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Swift.Result(catching: {
                    try run(command, environment: environment, input: input, timeout: timeout)
                }))
            }
        }
    }

    /// Starts the command without waiting for it. Each stream is a `Pipe` or a `FileHandle`;
    /// by default the input is empty and the outputs are discarded.
    public static func start(_ command: [String], environment: [String: String]? = nil,
                             input: Any = FileHandle.nullDevice, output: Any = FileHandle.nullDevice,
                             error: Any = FileHandle.nullDevice) throws -> Process {
        guard let program = command.first else { throw Failure(description: "no command to run") }
        let process = Process()
        if program.contains("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = Array(command.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = command
        }
        if let environment { process.environment = environment }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        do {
            try process.run()
        } catch {
            throw Failure(description: "\(program) could not be started: \(error)")
        }
        return process
    }

    /// Runs the command to its end and returns what it printed on its standard output, for a
    /// program that leaves a daemon behind (the tmux server that the first tmux command forks):
    /// Foundation's Process waits for every descendant to close a descriptor it shares, and the
    /// daemon never does. So it is spawned with posix_spawn, writes to a file in `outputFolder`,
    /// and is reaped with waitpid.
    public static func runLeavingDaemon(_ command: [String], environment: [String: String], outputFolder: URL) throws
        -> String {
        let output = outputFolder.appendingPathComponent("output-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // The test runner's threads block most signals, and a spawned program inherits the mask:
        // the daemon would never take a SIGTERM and would outlive the test.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let status = withCStrings(command) { argvPointers in
            withCStrings(envp) { envPointers in
                posix_spawnp(&pid, command[0], &actions, &attributes, argvPointers, envPointers)
            }
        }
        guard status == 0 else {
            throw Failure(description: "\(command[0]) could not be started: \(String(cString: strerror(status)))")
        }
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) == -1 && errno == EINTR {}
        return String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self)
    }

    private static func withCStrings<T>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> T) -> T {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }

    /// Written by one thread before it signals, read by another after the wait.
    private final class ReadOnce: @unchecked Sendable {
        var data = Data()
    }
}
