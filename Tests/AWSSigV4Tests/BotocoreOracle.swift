import Foundation
import Testing

/// Runs `Oracle/botocore_sign.py`, which signs requests with botocore's own SigV4Auth.
enum BotocoreOracle {
    struct Request: Codable {
        var name: String
        var method: String
        var url: String
        var params: [[String]]? = nil
        var headers: [[String]] = []
        var body: String = ""
        var accessKeyID: String
        var secretAccessKey: String
        var sessionToken: String? = nil
        var region: String
        var service: String
        var timestamp: String
        var contentSHA256Header: Bool = false
    }

    struct SignedRequest: Codable {
        var name: String
        var wireURL: String
        var host: String
        var headers: [[String]]
        var canonicalRequest: String
        var botocoreVersion: String

        func header(_ name: String) -> String? {
            headers.first { $0[0].lowercased() == name.lowercased() }?[1]
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let scriptPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Oracle/botocore_sign.py")
        .path

    /// Fails, never skips, when python3 or botocore is missing: the oracle is the point of the test.
    static func sign(_ requests: [Request]) throws -> [SignedRequest] {
        let probe = try Subprocess.run(["python3", "-c", "import botocore"])
        guard probe.status == 0 else {
            throw Failure(description: "botocore cannot be imported by python3 (`pip install botocore` installs it): \(probe.stderr)")
        }
        let result = try Subprocess.run(["python3", scriptPath], input: try JSONEncoder().encode(requests))
        guard result.status == 0 else {
            throw Failure(description: "botocore_sign.py failed with status \(result.status): \(result.stderr)")
        }
        return try JSONDecoder().decode([SignedRequest].self, from: result.output)
    }
}
