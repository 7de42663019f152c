import Foundation

/// Runs a program to its end off Swift's cooperative threads: the endpoint under test runs in
/// the same process, and a test blocking those threads while `aws` waits for the endpoint
/// would starve the endpoint.
struct Subprocess {
    struct Result: Sendable {
        let status: Int32
        let stdout: Data
        let stderr: String
        var output: String { String(decoding: stdout, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func run(_ arguments: [String], environment: [String: String], input: Data = Data(),
                    timeout: TimeInterval = 120) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result_(catching: {
                    try runBlocking(arguments, environment: environment, input: input, timeout: timeout)
                }))
            }
        }
    }

    private typealias Result_ = Swift.Result<Result, any Error>

    private static func runBlocking(_ arguments: [String], environment: [String: String], input: Data,
                                    timeout: TimeInterval) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw Failure(description: "\(arguments[0]) could not be started: \(error)")
        }
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        // Both pipes are drained at once so that neither can fill up and block the child.
        let errors = ReadOnce()
        let errorsRead = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errors.data = stderr.fileHandleForReading.readDataToEndOfFile()
            errorsRead.signal()
        }
        stdin.fileHandleForWriting.write(input)
        try? stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        errorsRead.wait()
        process.waitUntilExit()
        watchdog.cancel()
        return Result(status: process.terminationStatus, stdout: output, stderr: String(decoding: errors.data, as: UTF8.self))
    }

    /// Written by one thread before it signals, read by another after the wait.
    private final class ReadOnce: @unchecked Sendable {
        var data = Data()
    }
}
