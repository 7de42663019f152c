import Foundation
import Testing

/// `rootmail serve` while clients hold connections open without finishing a request: under the
/// default limit of 1,024 open files, it must go on answering signed requests, close what sends
/// no request within its read timeout, and not spin.
@Suite(.tags(.subprocess)) struct ServeUnderHeldConnectionsTests {
    /// `prlimit --nofile=1024 rootmail serve --port 0 …`, and the port it printed.
    final class LimitedServer {
        let process: Process
        let port: Int

        init(_ rootmail: RootmailProcess, _ arguments: [String]) throws {
            let out = Pipe()
            process = try Subprocess.start(["/usr/bin/prlimit", "--nofile=1024", RootmailProcess.binary.path, "serve",
                                            "--port", "0"] + arguments, environment: rootmail.environment, output: out)
            var printed = ""
            while !printed.contains("listening at") {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                printed += String(decoding: chunk, as: UTF8.self)
            }
            let match = printed.range(of: #"127\.0\.0\.1:[0-9]+"#, options: .regularExpression)
            port = try #require(match.flatMap { Int(printed[$0].split(separator: ":")[1]) }, "serve printed: \(printed)")
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// Holds 1,100 connections (half idle, half with headers never finished), then measures the
    /// server's CPU over two seconds after a settling one and times a DescribeOrganization signed by botocore.
    static let flood = #"""
        import http.client, json, os, resource, socket, sys, time
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
        port, key, secret, pid = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
        held = []
        for i in range(1100):
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            if i % 2:
                s.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            held.append(s)
        def cpu():
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        time.sleep(1)  # the accepts of the last connections settle
        before = cpu(); time.sleep(2); spent = cpu() - before
        request = AWSRequest(method="POST", url=f"http://127.0.0.1:{port}/", data=b"{}", headers={
            "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSOrganizationsV20161128.DescribeOrganization"})
        SigV4Auth(Credentials(key, secret), "organizations", "us-east-1").add_auth(request)
        start = time.monotonic()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("POST", "/", body=b"{}", headers=dict(request.headers))
            answer = connection.getresponse()
            status, body = answer.status, answer.read().decode()
        except Exception as error:
            status, body = 0, repr(error)
        print(json.dumps({"status": status, "seconds": time.monotonic() - start, "cpu": spent, "body": body}))
        """#

    @Test func aSignedRequestIsAnsweredWhile1100ConnectionsAreHeldOpen() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let keys = try LiveBackendTests.keys(rootmail)
        let server = try LimitedServer(rootmail, [])
        defer { server.stop() }
        let result = try Subprocess.run(["python3", "-c", Self.flood, String(server.port), keys.id, keys.secret,
                                         String(server.process.processIdentifier)], environment: rootmail.environment).stdout
        let report = try #require((try? JSONSerialization.jsonObject(with: Data(result.utf8))) as? [String: Any], "\(result)")
        #expect(report["status"] as? Int == 200, "\(report)")
        #expect((report["body"] as? String)?.contains("\"Organization\"") == true, "\(report)")
        #expect((report["seconds"] as? Double ?? 99) < 1, "\(report)")
        // Two seconds of wall time; a server spinning on accept uses all of it.
        #expect((report["cpu"] as? Double ?? 99) < 0.5, "\(report)")
    }

    /// Opens an idle connection and one whose headers never end; prints how long each stayed open.
    static let held = #"""
        import json, socket, sys, time
        port = int(sys.argv[1])
        idle = socket.create_connection(("127.0.0.1", port))
        half = socket.create_connection(("127.0.0.1", port))
        half.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\n")
        start, open_for = time.monotonic(), {}
        for name, s in (("idle", idle), ("half", half)):
            s.settimeout(max(0.1, 10 - (time.monotonic() - start)))
            try:
                closed = s.recv(1) == b""
            except (socket.timeout, ConnectionResetError) as error:
                closed = isinstance(error, ConnectionResetError)
            open_for[name] = time.monotonic() - start if closed else None
        print(json.dumps(open_for))
        """#

    @Test func connectionsThatSendNoCompleteRequestAreClosedAfterTheReadTimeout() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let server = try LimitedServer(rootmail, ["--read-timeout", "1"])
        defer { server.stop() }
        let result = try Subprocess.run(["python3", "-c", Self.held, String(server.port)],
                                        environment: rootmail.environment).stdout
        let openFor = try #require((try? JSONSerialization.jsonObject(with: Data(result.utf8))) as? [String: Any], "\(result)")
        for name in ["idle", "half"] {
            let seconds = openFor[name] as? Double
            #expect(seconds.map { $0 >= 0.9 && $0 < 5 } == true, "\(name) connection open for \(String(describing: seconds)) s")
        }
    }

    @Test func aReadTimeoutThatIsNotPositiveIsRefused() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let refused = try rootmail.run("serve", "--port", "0", "--read-timeout", "0")
        #expect(refused.status == 252, "\(refused.stderr)")
        #expect(refused.stderr.contains("read-timeout"), "\(refused.stderr)")
    }
}
