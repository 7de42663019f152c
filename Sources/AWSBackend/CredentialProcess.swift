import AWSSigV4
import Foundation
import RootmailCore

/// Runs a profile's `credential_process` as the AWS CLI does (no shell; the words split as
/// shlex splits them) and reads its JSON: `Version` 1, `AccessKeyId`, `SecretAccessKey`,
/// optional `SessionToken` and `Expiration`.
struct CredentialProcess: Sendable {
    let command: String
    let profileName: String
    let environment: [String: String]

    func fetch() async throws -> ExpiringCredentials {
        let words: [String]
        do {
            words = try ShellWords.split(command)
        } catch {
            throw problem("has an unclosed quote or a trailing backslash")
        }
        guard let program = words.first else { throw problem("is empty") }
        guard let executable = resolve(program) else {
            throw problem("names \(program), which is not an executable file"
                + (program.contains("/") ? "" : " in any directory of PATH"))
        }
        let outcome = try await Self.run(executable, arguments: Array(words.dropFirst()), environment: environment)
        guard outcome.status == 0 else {
            let errorText = String(decoding: outcome.standardError, as: UTF8.self).trimmingWhitespace()
            throw problem("exited with status \(outcome.status)" + (errorText.isEmpty ? "" : ": \(errorText)"))
        }
        return try parse(outcome.standardOutput)
    }

    func parse(_ output: Data) throws -> ExpiringCredentials {
        let answer: ProcessAnswer
        do {
            answer = try JSONDecoder().decode(ProcessAnswer.self, from: output)
        } catch DecodingError.keyNotFound(let key, _) {
            throw problem("printed JSON without \(key.stringValue)")
        } catch {
            throw problem("did not print the JSON the AWS CLI expects "
                + "({\"Version\": 1, \"AccessKeyId\": …, \"SecretAccessKey\": …})")
        }
        guard answer.Version == 1 else {
            throw problem("printed Version \(answer.Version); only Version 1 is supported")
        }
        var expiration: Date?
        if let text = answer.Expiration {
            guard let date = ISO8601Timestamp.parse(text) else {
                throw problem("printed an Expiration that is not an ISO 8601 time: \"\(text)\"")
            }
            expiration = date
        }
        do {
            let credentials = try Credentials(accessKeyID: answer.AccessKeyId, secretAccessKey: answer.SecretAccessKey,
                                              sessionToken: answer.SessionToken.nonEmpty)
            return ExpiringCredentials(credentials: credentials, expiration: expiration)
        } catch {
            throw problem("printed unusable keys: \(error.message)")
        }
    }

    private func problem(_ text: String) -> RootmailError {
        .configuration("The credential_process of profile \"\(profileName)\" (\(command)) \(text).")
    }

    private func resolve(_ program: String) -> String? {
        let fileManager = FileManager.default
        if program.contains("/") { return fileManager.isExecutableFile(atPath: program) ? program : nil }
        let directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return directories.map { "\($0)/\(program)" }.first { fileManager.isExecutableFile(atPath: $0) }
    }

    private struct ProcessAnswer: Decodable {
        let Version: Int
        let AccessKeyId: String
        let SecretAccessKey: String
        let SessionToken: String?
        let Expiration: String?
    }

    private struct Outcome: Sendable {
        let status: Int32
        let standardOutput: Data
        let standardError: Data
    }

    /// Runs the program to its end off the cooperative pool, reading both pipes at once so
    /// that neither can fill up and stall it.
    private static func run(_ executable: String, arguments: [String], environment: [String: String]) async throws
        -> Outcome
    {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = arguments
                process.environment = environment
                let output = Pipe()
                let errors = Pipe()
                process.standardOutput = output
                process.standardError = errors
                process.standardInput = FileHandle.nullDevice
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: RootmailError.configuration(
                        "The credential_process \(executable) could not be started: \(error.localizedDescription)."))
                    return
                }
                let errorReading = DispatchGroup()
                nonisolated(unsafe) var errorData = Data()
                DispatchQueue.global().async(group: errorReading) {
                    errorData = errors.fileHandleForReading.readDataToEndOfFile()
                }
                let outputData = output.fileHandleForReading.readDataToEndOfFile()
                errorReading.wait()
                process.waitUntilExit()
                continuation.resume(returning: Outcome(status: process.terminationStatus, standardOutput: outputData,
                                                       standardError: errorData))
            }
        }
    }
}
