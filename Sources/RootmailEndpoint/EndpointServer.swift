import EmbeddedOrganization
import Foundation
import Hummingbird
import Logging
import RootmailCore
import RootmailStore

/// `rootmail serve`: the embedded organization of a data directory over AWS's own wire
/// protocols, Account (rest-json), Organizations (JSON 1.1) and STS (query), on one port, so
/// that the AWS CLI, boto3 and the SDKs work against it with `--endpoint-url`. Every request
/// must be signed (SigV4) with the access key of one of the organization's callers, or with
/// temporary credentials from its STS AssumeRole (and their session token), whose permissions
/// then decide as in the embedded organization. It shares the data directory with
/// the console and the command line: a change made through one shows in the others.
public struct EndpointServer: Sendable {
    public static let defaultHost = "127.0.0.1"
    /// Not 4566, so that it can run beside LocalStack.
    public static let defaultPort = 4599

    public let dataDirectory: DataDirectory
    public let host: String
    /// 0 asks the system for a free port; the one chosen is given to `onListening`.
    public let port: Int
    public let connectionLimits: ConnectionLimits
    private let frontEnd: FrontEnd

    /// Opens the data directory's embedded organization (creating the demo organization on the
    /// first run). Throws `RootmailError` for a bad port or a data directory that cannot be used.
    public init(dataDirectory: DataDirectory, host: String = defaultHost, port: Int = defaultPort,
                connectionLimits: ConnectionLimits? = nil, requestLog: RequestLog = .silent,
                now: @escaping @Sendable () -> Date = Date.init) throws {
        guard (0...65_535).contains(port) else {
            throw RootmailError.invalidInput(field: "port", value: String(port),
                                             rule: "must be 0 to 65535 (0 picks a free port)")
        }
        guard !host.isEmpty else {
            throw RootmailError.invalidInput(field: "host", value: host, rule: "must name an address, such as 127.0.0.1")
        }
        self.dataDirectory = dataDirectory
        self.host = host
        self.port = port
        self.connectionLimits = try connectionLimits ?? ConnectionLimits()
        frontEnd = try FrontEnd(organization: try EmbeddedOrganization.open(in: dataDirectory, now: now), now: now,
                                requestLog: requestLog)
    }

    /// Serves until the task is cancelled or, when `stopsOnSignals`, until SIGINT or SIGTERM,
    /// finishing the requests under way. `onListening` is called once the port is bound; when
    /// nil, `listeningMessage` is printed on standard output.
    public func run(stopsOnSignals: Bool = true,
                    onListening: (@Sendable (EndpointAddress) async -> Void)? = nil) async throws {
        var logger = Logger(label: "rootmail.serve")
        // Hummingbird logs a cancelled server and dropped connections as errors; what matters
        // to the user is thrown or answered to the client.
        logger.logLevel = .critical
        let (host, dataDirectory) = (host, dataDirectory)
        let announce = onListening ?? { address in
            FileHandle.standardOutput.write(Data((Self.listeningMessage(address, dataDirectory: dataDirectory) + "\n").utf8))
        }
        let (registry, readTimeout) = (ConnectionRegistry(maximum: connectionLimits.maximumConnections), connectionLimits.readTimeout)
        let application = Application(
            responder: EndpointResponder(frontEnd: frontEnd),
            server: .http1(configuration: .init(
                additionalChannelHandlers: [ConnectionWatch(registry: registry, readTimeout: readTimeout)])),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "rootmail"),
            onServerRunning: { channel in
                await announce(EndpointAddress(host: host, port: channel.localAddress?.port ?? 0))
            },
            logger: logger
        )
        do {
            // The connections' tasks inherit the preference and stay on their event loops.
            try await withTaskExecutorPreference(EventLoopTaskExecutor()) {
                if stopsOnSignals {
                    try await application.runService()
                } else {
                    try await application.run()
                }
            }
        } catch is CancellationError {
            return
        } catch {
            throw RootmailError.configuration("rootmail serve cannot listen on \(host):\(port): \(error). "
                + "Pick another --port (0 picks a free one) or --host.")
        }
    }

    /// Opens the data directory and serves it: what `rootmail serve [--host H] [--port N]` runs.
    public static func run(host: String = defaultHost, port: Int = defaultPort, dataDirectory: DataDirectory,
                           connectionLimits: ConnectionLimits? = nil, requestLog: RequestLog = .silent,
                           onListening: (@Sendable (EndpointAddress) async -> Void)? = nil) async throws {
        try await EndpointServer(dataDirectory: dataDirectory, host: host, port: port, connectionLimits: connectionLimits,
                                 requestLog: requestLog)
            .run(onListening: onListening)
    }

    /// The line `rootmail serve` prints once it listens.
    public static func listeningMessage(_ address: EndpointAddress, dataDirectory: DataDirectory) -> String {
        "rootmail serve: the embedded organization of \(dataDirectory.path) is listening at \(address.url) "
            + "(aws --endpoint-url \(address.url) …; `rootmail serve credentials` prints the keys to export)"
    }
}
