@testable import AWSBackend
import Foundation
import RootmailCore
import RootmailTestSupport
import Testing

/// A corporate CA: `Servers/fake_aws.py` over HTTPS with a certificate from a CA the test makes,
/// trusted only through AWS_CA_BUNDLE or a profile's ca_bundle, as the AWS CLI trusts it.
@Suite("AWS_CA_BUNDLE and ca_bundle", .tags(.subprocess))
struct CABundleTests {
    /// A CA and a certificate for localhost and 127.0.0.1 that it signed, made with openssl.
    struct TestCA {
        let folder: URL
        var caPath: String { folder.appendingPathComponent("ca.pem").path }
        var certificatePath: String { folder.appendingPathComponent("server.pem").path }
        var keyPath: String { folder.appendingPathComponent("server.key").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("ca-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let directory = folder.path
            let script = """
                set -e
                cd '\(directory)'
                openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj '/CN=rootmail test CA' \
                  -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign'
                openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj '/CN=localhost'
                printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\nextendedKeyUsage=serverAuth\\n' > ext
                openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile ext
                """
            let result = try Subprocess.run(["bash", "-c", script])
            guard FileManager.default.fileExists(atPath: certificatePath) else {
                throw StartFailure(description: "openssl (Debian's openssl) could not make the test CA: \(result.stderr)")
            }
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    struct StartFailure: Error, CustomStringConvertible { let description: String }

    private func list(_ fake: FakeAWS, _ environment: [String: String]) async throws -> Int {
        try await withBackend({
            try await AWSBackend.make(
                profile: nil, region: "us-east-1", endpointURL: fake.endpoint,
                environment: environment.merging(["AWS_ACCESS_KEY_ID": FakeAWS.managementKey,
                                                  "AWS_SECRET_ACCESS_KEY": "fake-secret"]) { $1 },
                retryPolicy: .quick(maxAttempts: 1))
        }) { try await $0.listAccounts(nextToken: nil, maxResults: 20).accounts.count }
    }

    @Test("the test CA's endpoint is refused with the system's roots and accepted with AWS_CA_BUNDLE or ca_bundle")
    func corporateCA() async throws {
        let ca = try TestCA()
        defer { ca.remove() }
        let fake = try await FakeAWS.start(arguments: ["--tls", ca.certificatePath, ca.keyPath])
        defer { fake.stop() }
        #expect(fake.endpoint.hasPrefix("https://localhost:"))
        let files = try AWSFiles(config: "[default]\nca_bundle = \(ca.caPath)\n")
        defer { files.remove() }
        let plain = try AWSFiles()
        defer { plain.remove() }

        await #expect(throws: RootmailError.self, "a certificate from an unknown CA must be refused") {
            try await list(fake, plain.environment())
        }
        #expect(try await list(fake, plain.environment(["AWS_CA_BUNDLE": ca.caPath])) == 20)
        #expect(try await list(fake, files.environment()) == 20)
    }

    @Test("a CA bundle that cannot be read is a configuration error naming where it was set")
    func unreadableBundle() throws {
        let files = try AWSFiles()
        defer { files.remove() }
        #expect(throws: RootmailError.configuration(
            "AWS_CA_BUNDLE names \"/nonexistent/ca.pem\", which cannot be read: give the path of a PEM file of the CA "
                + "certificates to trust, or unset it to trust the system's.")) {
            try ClientSettings(profile: nil, region: nil, endpointURL: nil,
                               environment: files.environment(["AWS_CA_BUNDLE": "/nonexistent/ca.pem"]))
        }
    }
}
