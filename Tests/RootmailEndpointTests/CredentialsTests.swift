import EmbeddedOrganization
import Foundation
import RootmailCore
import RootmailEndpoint
import Testing

/// `rootmail serve credentials [--caller NAME]`: lines a shell evaluates to point the AWS CLI
/// at the endpoint as one of the organization's callers.
@Suite(.serialized, .tags(.socket, .subprocess))
struct CredentialsTests {
    @Test func exportLinesLetTheAWSCLICallAsThatCaller() async throws {
        try await RunningEndpoint.with { endpoint in
            for name in [nil, "auditor"] as [String?] {
                let lines = try EndpointCredentials.exportLines(dataDirectory: endpoint.directory, callerName: name)
                let caller = try endpoint.caller(name ?? "admin")
                #expect(lines == "export AWS_ACCESS_KEY_ID=\(caller.accessKeyID)\nexport AWS_SECRET_ACCESS_KEY=\(caller.secretAccessKey)\n")

                try await AWSClients.requireInstalled()
                var environment = AWSClients.environment(for: caller)
                environment.removeValue(forKey: "AWS_ACCESS_KEY_ID")
                environment.removeValue(forKey: "AWS_SECRET_ACCESS_KEY")
                let script = "eval \"$1\" && aws --endpoint-url \(endpoint.url) --output json sts get-caller-identity"
                let result = try await Subprocess.run(["bash", "-c", script, "credentials", lines], environment: environment)
                #expect(result.status == 0, "\(result.stderr)")
                let identity = try JSONSerialization.jsonObject(with: result.output) as? [String: Any]
                #expect(identity?["Arn"] as? String == caller.arn)
            }
        }
    }

    @Test func anUnknownCallerIsNamedWithTheKnownOnes() async throws {
        try await RunningEndpoint.with { endpoint in
            #expect {
                try EndpointCredentials.exportLines(dataDirectory: endpoint.directory, callerName: "nobody")
            } throws: { error in
                let text = "\(error)"
                return text.contains("nobody") && text.contains("admin") && text.contains("auditor")
            }
        }
    }
}
