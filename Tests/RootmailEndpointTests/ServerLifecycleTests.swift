import Foundation
import RootmailCore
import RootmailEndpoint
import RootmailStore
import Testing

/// Starting the server: what a person gets for a port that cannot be used.
@Suite(.tags(.socket))
struct ServerLifecycleTests {
    @Test func aPortInUseIsNamedWithWhatToDo() async throws {
        try await RunningEndpoint.with { endpoint in
            let second = try EndpointServer(dataDirectory: endpoint.directory, host: "127.0.0.1", port: endpoint.address.port)
            await #expect {
                try await second.run(stopsOnSignals: false) { _ in }
            } throws: { error in
                let text = "\(error)"
                return text.contains("127.0.0.1:\(endpoint.address.port)") && text.contains("--port")
            }
        }
    }

    @Test func aPortOutOfRangeIsRefusedBeforeAnything() throws {
        let directory = DataDirectory(url: FileManager.default.temporaryDirectory.appendingPathComponent("rootmail-\(UUID())"))
        #expect(throws: RootmailError.invalidInput(field: "port", value: "70000", rule: "must be 0 to 65535 (0 picks a free port)")) {
            try EndpointServer(dataDirectory: directory, port: 70_000)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }
}
