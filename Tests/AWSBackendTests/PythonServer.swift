import AsyncHTTPClient
import Foundation

/// A Python server from `Servers/`, started by a test on a free port of 127.0.0.1. The script
/// prints `PORT <n>` once it listens and exits when its standard input closes, so it ends with
/// the test process even if `stop()` is never reached.
/// `@unchecked` because Process and Pipe are not Sendable; after init only `stop()` touches them.
final class PythonServer: @unchecked Sendable {
    struct StartFailure: Error, CustomStringConvertible {
        let description: String
    }

    let port: Int
    let isTLS: Bool
    private let process: Process
    private let input: Pipe

    /// https://localhost:PORT when started with `--tls`, whose certificate names localhost.
    var endpoint: String { isTLS ? "https://localhost:\(port)" : "http://127.0.0.1:\(port)" }

    static func scriptPath(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Servers/\(name)").path
    }

    /// - Parameter missingLine: a first line that means the script cannot run here, and the
    ///   message to fail with when it appears.
    /// - Parameter arguments: the script's own, such as `--tls CERT KEY` (see test_server.py).
    init(script: String, arguments: [String] = [], missing: (prefix: String, message: String)? = nil) async throws {
        let input = Pipe()
        let output = Pipe()
        let process = try Subprocess.start(["python3", Self.scriptPath(script)] + arguments, input: input, output: output,
                                           error: FileHandle.standardError)
        let firstLine = await Self.firstLine(of: output.fileHandleForReading)
        if let missing, firstLine.hasPrefix(missing.prefix) {
            process.waitUntilExit()
            throw StartFailure(description: "\(missing.message) (\(firstLine))")
        }
        guard firstLine.hasPrefix("PORT "), let port = Int(firstLine.dropFirst(5)) else {
            process.terminate()
            throw StartFailure(description: "\(script) did not start: it printed \"\(firstLine)\"")
        }
        self.port = port
        isTLS = arguments.contains("--tls")
        self.process = process
        self.input = input
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }

    /// Posts JSON to the server's control path and returns the decoded answer.
    @discardableResult
    func control(_ path: String, json: [String: Any]? = nil) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: endpoint + path)
        if let json {
            request.method = .POST
            request.body = .bytes(Array(try JSONSerialization.data(withJSONObject: json)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] ?? [:]
    }

    private static func firstLine(of handle: FileHandle) async -> String {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var bytes: [UInt8] = []
                while true {
                    let chunk = handle.readData(ofLength: 1)
                    guard let byte = chunk.first, byte != UInt8(ascii: "\n") else { break }
                    bytes.append(byte)
                }
                continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
            }
        }
    }
}
