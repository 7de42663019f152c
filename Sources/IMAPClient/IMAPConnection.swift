import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One authenticated-or-not session with an IMAP4rev1 server (RFC 3501), for reading mail only:
/// the greeting, CAPABILITY, STARTTLS, AUTHENTICATE PLAIN or LOGIN, EXAMINE, UID SEARCH SINCE,
/// UID FETCH with BODY.PEEK[] (which sets no flag), IDLE (RFC 2177) and LOGOUT. Commands run one
/// at a time: the actor is used by one reader, which awaits each answer before the next command.
public actor IMAPConnection {
    public let server: IMAPServer
    /// The server's capabilities as last announced, upper-cased (`IDLE`, `AUTH=PLAIN`, …).
    public private(set) var capabilities: Set<String> = []
    private let channel: any Channel
    private var events: AsyncThrowingStream<IMAPEvent, any Error>.Iterator
    private let alarms: AsyncThrowingStream<IMAPEvent, any Error>.Continuation
    private let timeout: Duration
    private var lastTag = 0
    private var lastAlarm: UInt64 = 0

    private init(server: IMAPServer, channel: any Channel, events: AsyncThrowingStream<IMAPEvent, any Error>,
                 alarms: AsyncThrowingStream<IMAPEvent, any Error>.Continuation, timeout: Duration) {
        self.server = server
        self.channel = channel
        self.events = events.makeAsyncIterator()
        self.alarms = alarms
        self.timeout = timeout
    }

    public var supportsIdle: Bool { capabilities.contains("IDLE") }

    /// Connects, reads the greeting and, for `imap://`, secures the connection with STARTTLS,
    /// refusing to go on in plain text when the server does not offer it.
    public static func connect(to server: IMAPServer, timeout: Duration = .seconds(30)) async throws(IMAPError) -> IMAPConnection {
        let context = try tlsContext(for: server)
        let serverName = serverNameIndication(server.host)
        let (events, continuation) = AsyncThrowingStream<IMAPEvent, any Error>.makeStream()
        let implicitTLS = server.security == .implicitTLS
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(TimeAmount(timeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if implicitTLS {
                        try pipeline.addHandler(try NIOSSLClientHandler(context: context, serverHostname: serverName))
                    }
                    try pipeline.addHandler(ByteToMessageHandler(IMAPResponseFramer()))
                    try pipeline.addHandler(ResponseRelay(continuation))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: server.host, port: server.port).get()
        } catch {
            throw .connectionFailed(server: server.description, reason: "\(error)")
        }
        let connection = IMAPConnection(server: server, channel: channel, events: events, alarms: continuation, timeout: timeout)
        do {
            try await connection.readGreeting()
            if !implicitTLS { try await connection.startTLS(context: context, serverName: serverName) }
            if await connection.capabilities.isEmpty { try await connection.requestCapabilities() }
        } catch {
            await connection.close()
            throw error
        }
        return connection
    }

    /// AUTHENTICATE PLAIN where the server offers it (RFC 4616), else LOGIN.
    public func logIn(user: String, password: String) async throws(IMAPError) {
        if capabilities.contains("AUTH=PLAIN") {
            try await authenticatePlain(user: user, password: password)
        } else if !capabilities.contains("LOGINDISABLED") {
            try await login(user: user, password: password)
        } else {
            throw .noUsableAuthentication(server: server.description)
        }
    }

    public func authenticatePlain(user: String, password: String) async throws(IMAPError) {
        let response = Data([0] + Array(user.utf8) + [0] + Array(password.utf8)).base64EncodedString()
        let answer: Answer
        if capabilities.contains("SASL-IR") {
            answer = try await run([.text("AUTHENTICATE PLAIN " + response)])
        } else {
            answer = try await run([.text("AUTHENTICATE PLAIN"), .afterContinuation(Array(response.utf8))])
        }
        try await loggedIn(answer)
    }

    public func login(user: String, password: String) async throws(IMAPError) {
        let answer = try await run([.text("LOGIN ")] + Self.astring(user) + [.text(" ")] + Self.astring(password))
        try await loggedIn(answer)
    }

    private func loggedIn(_ answer: Answer) async throws(IMAPError) {
        guard answer.status == .ok else { throw .authenticationFailed(server: server.description, answer: answer.text) }
        // A server may offer more once the user is known (IDLE among them).
        if let announced = answer.capabilities { capabilities = Set(announced) } else { try await requestCapabilities() }
    }

    /// Opens the mailbox read-only (EXAMINE), so that nothing in it can change through this session.
    /// Returns its UIDVALIDITY: UIDs name the same messages as long as it stays the same.
    @discardableResult
    public func examine(_ mailbox: String) async throws(IMAPError) -> UInt32? {
        let answer = try await run([.text("EXAMINE ")] + Self.astring(mailbox))
        guard answer.status == .ok else { throw .mailboxUnavailable(mailbox: mailbox, answer: answer.text) }
        return answer.untagged.lazy.compactMap { response -> UInt32? in
            guard case let .status(nil, .ok, text) = response, text.uppercased().hasPrefix("[UIDVALIDITY "),
                  let close = text.firstIndex(of: "]") else { return nil }
            return UInt32(text[text.index(text.startIndex, offsetBy: 13)..<close])
        }.first
    }

    /// The UIDs of the messages received on or after the day of `date` (IMAP searches by day).
    public func uidSearch(since date: Date) async throws(IMAPError) -> [UInt32] {
        let answer = try await run([.text("UID SEARCH SINCE " + IMAPDate.searchDate(date))])
        try answer.require(.ok, "UID SEARCH")
        return answer.untagged.flatMap { response -> [UInt32] in
            guard case let .data(nil, "SEARCH", values) = response else { return [] }
            return values.compactMap(\.number)
        }
    }

    /// The messages with those UIDs, read with BODY.PEEK[] so that none is marked \Seen; with
    /// `bodies` false, only their flags and dates.
    public func fetch(uids: [UInt32], bodies: Bool = true) async throws(IMAPError) -> [FetchedMessage] {
        var messages: [FetchedMessage] = []
        // A bounded command line: servers limit its length (8 KB is common).
        for start in stride(from: 0, to: uids.count, by: 500) {
            let set = uids[start..<min(start + 500, uids.count)].map(String.init).joined(separator: ",")
            let items = bodies ? "(UID FLAGS INTERNALDATE BODY.PEEK[])" : "(UID FLAGS INTERNALDATE)"
            let answer = try await run([.text("UID FETCH \(set) \(items)")])
            try answer.require(.ok, "UID FETCH")
            for response in answer.untagged {
                guard case let .data(_, "FETCH", values) = response, let attributes = values.first?.list else { continue }
                messages.append(try FetchedMessage(attributes))
            }
        }
        return messages
    }

    /// Waits in IDLE until the server reports a new message or `limit` passes; true when one came.
    public func idle(upTo limit: Duration) async throws(IMAPError) -> Bool {
        precondition(supportsIdle, "IDLE is only sent to a server that announced it")
        let tag = nextTag()
        try await send(Array("\(tag) IDLE\r\n".utf8))
        // The server may report mail that came since the last command before its go-ahead.
        if let refusal = try await awaitContinuation(tag: tag, command: "IDLE") {
            throw .commandFailed(command: "IDLE", answer: "\(refusal.status.rawValue) \(refusal.text)")
        }
        var arrived = false
        while !arrived, let response = try await nextResponse(within: limit, waitingFor: "IDLE", alarmEndsWait: true) {
            arrived = Self.announcesMail(response)
        }
        try await send(Array("DONE\r\n".utf8))
        let answer = try await collect(tag: tag, command: "IDLE")
        try answer.require(.ok, "IDLE")
        return arrived || answer.untagged.contains(where: Self.announcesMail)
    }

    /// Says goodbye and closes the connection; errors do not matter any more at that point.
    public func logOut() async {
        _ = try? await run([.text("LOGOUT")], within: .seconds(5))
        await close()
    }

    public func close() async {
        alarms.finish()
        try? await channel.close()
    }

    private static func announcesMail(_ response: IMAPResponse) -> Bool {
        if case let .data(_?, name, _) = response { return name == "EXISTS" || name == "RECENT" }
        return false
    }

    // MARK: Sending and receiving

    /// What a command is made of: text, a string sent as a literal, or a line sent after the
    /// server's `+` (the initial response of AUTHENTICATE without SASL-IR).
    enum Part {
        case text(String)
        case literal([UInt8])
        case afterContinuation([UInt8])
    }

    struct Answer {
        let status: IMAPResponse.Status
        let text: String
        let untagged: [IMAPResponse]
        let capabilities: [String]?

        func require(_ expected: IMAPResponse.Status, _ command: String) throws(IMAPError) {
            guard status == expected else { throw .commandFailed(command: command, answer: "\(status.rawValue) \(text)") }
        }
    }

    /// A string as IMAP's astring: quoted when it is printable ASCII, else a literal, which carries
    /// any byte (a password with quotes, backslashes or non-ASCII letters).
    static func astring(_ text: String) -> [Part] {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count < 1000, bytes.allSatisfy({ (0x20..<0x7f).contains($0) }) else { return [.literal(bytes)] }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return [.text("\"" + escaped + "\"")]
    }

    private func nextTag() -> String {
        lastTag += 1
        return "R\(lastTag)"
    }

    private func run(_ parts: [Part], within limit: Duration? = nil) async throws(IMAPError) -> Answer {
        let tag = nextTag()
        let command = parts.first.map { part -> String in
            if case let .text(text) = part { return String(text.prefix { $0 != " " }) } else { return "" }
        } ?? ""
        var pending = Array("\(tag) ".utf8)
        for part in parts {
            switch part {
            case let .text(text):
                pending += Array(text.utf8)
            case let .literal(bytes):
                if capabilities.contains("LITERAL+") {
                    pending += Array("{\(bytes.count)+}\r\n".utf8) + bytes
                } else {
                    pending += Array("{\(bytes.count)}\r\n".utf8)
                    try await send(pending)
                    if let refusal = try await awaitContinuation(tag: tag, command: command) { return refusal }
                    pending = bytes
                }
            case let .afterContinuation(bytes):
                try await send(pending + Array("\r\n".utf8))
                if let refusal = try await awaitContinuation(tag: tag, command: command) { return refusal }
                pending = bytes
            }
        }
        try await send(pending + Array("\r\n".utf8))
        return try await collect(tag: tag, command: command, within: limit)
    }

    /// Waits for the server's go-ahead; its answer instead when it refuses the command at once.
    private func awaitContinuation(tag: String, command: String) async throws(IMAPError) -> Answer? {
        var untagged: [IMAPResponse] = []
        while true {
            guard let response = try await nextResponse(within: timeout, waitingFor: command) else { continue }
            switch response {
            case .continuation: return nil
            case let .status(responseTag?, status, text) where responseTag == tag:
                return Answer(status: status, text: text, untagged: untagged, capabilities: response.capabilityCode)
            default: untagged.append(response)
            }
        }
    }

    /// The untagged responses up to the command's tagged one, and that one's status.
    private func collect(tag: String, command: String, within limit: Duration? = nil) async throws(IMAPError) -> Answer {
        var untagged: [IMAPResponse] = []
        while true {
            guard let response = try await nextResponse(within: limit ?? timeout, waitingFor: command) else { continue }
            if case let .status(responseTag?, status, text) = response, responseTag == tag {
                return Answer(status: status, text: text, untagged: untagged, capabilities: response.capabilityCode)
            }
            untagged.append(response)
        }
    }

    private func send(_ bytes: [UInt8]) async throws(IMAPError) {
        do {
            try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes))
        } catch {
            // A write fails once the channel has closed; why it closed (a certificate refused in
            // the handshake that STARTTLS began, say) waits in the reader's stream.
            if !channel.isActive, let reason = await closingReason() { throw reason }
            throw translate(error)
        }
    }

    /// The failure that ended the reader's stream, once the channel has closed; nil when it ended quietly.
    private func closingReason() async -> IMAPError? {
        var iterator = events
        do {
            while try await iterator.next(isolation: self) != nil {}
        } catch {
            return translate(error)
        }
        return nil
    }

    /// The next response; nil when `alarmEndsWait` and `limit` passed first, a timeout error when
    /// the server stays silent for `limit` otherwise.
    private func nextResponse(within limit: Duration, waitingFor what: String,
                              alarmEndsWait: Bool = false) async throws(IMAPError) -> IMAPResponse? {
        lastAlarm += 1
        let alarm = lastAlarm
        let continuation = alarms
        let scheduled = channel.eventLoop.scheduleTask(in: TimeAmount(limit)) { continuation.yield(.alarm(alarm)) }
        defer { scheduled.cancel() }
        var iterator = events
        while true {
            let event: IMAPEvent?
            do {
                event = try await iterator.next(isolation: self)
            } catch {
                throw translate(error)
            }
            switch event {
            case nil:
                throw .closed(server: server.description)
            case let .alarm(number):
                // An alarm of an earlier wait that fired as it ended.
                guard number == alarm else { continue }
                if alarmEndsWait { return nil }
                throw .timedOut(server: server.description, waitingFor: what)
            case let .response(bytes):
                let response = try IMAPResponse(parsing: bytes)
                if let announced = response.capabilityCode { capabilities = Set(announced) }
                if case let .data(nil, "CAPABILITY", values) = response {
                    capabilities = Set(values.compactMap { $0.atom?.uppercased() })
                }
                if case let .status(nil, .bye, text) = response, what != "LOGOUT" {
                    throw .commandFailed(command: what, answer: "the server said goodbye: \(text)")
                }
                return response
            }
        }
    }

    private func readGreeting() async throws(IMAPError) {
        guard let greeting = try await nextResponse(within: timeout, waitingFor: "the greeting") else { return }
        guard case .status(nil, let status, _) = greeting, status == .ok || status == .preauth else {
            throw .connectionFailed(server: server.description, reason: "it did not greet as an IMAP server does")
        }
    }

    private func requestCapabilities() async throws(IMAPError) {
        let answer = try await run([.text("CAPABILITY")])
        try answer.require(.ok, "CAPABILITY")
    }

    private func startTLS(context: NIOSSLContext, serverName: String?) async throws(IMAPError) {
        if capabilities.isEmpty { try await requestCapabilities() }
        guard capabilities.contains("STARTTLS") else { throw .startTLSUnavailable(server: server.description) }
        let answer = try await run([.text("STARTTLS")])
        guard answer.status == .ok else { throw .startTLSUnavailable(server: server.description) }
        let channel = channel
        do {
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(
                    try NIOSSLClientHandler(context: context, serverHostname: serverName), position: .first)
            }.get()
        } catch {
            throw translate(error)
        }
        // RFC 3501 6.2.1: what the server said before TLS is forgotten, and asked again.
        capabilities = []
        try await requestCapabilities()
    }

    // MARK: TLS

    private static func tlsContext(for server: IMAPServer) throws(IMAPError) -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .fullVerification
        configuration.minimumTLSVersion = .tlsv12
        if let file = server.extraTrustedCertificates {
            do {
                configuration.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(file))]
            } catch {
                throw .untrustedCertificate(server: server.description,
                                            reason: "the file \(file) holds no PEM certificate")
            }
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw .untrustedCertificate(server: server.description, reason: "the trust store cannot be loaded: \(error)")
        }
    }

    /// The name sent in SNI and checked against the certificate; an IP address is checked
    /// against the certificate's IP entries instead, and SNI forbids it.
    private static func serverNameIndication(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    private func translate(_ error: any Error) -> IMAPError {
        if let error = error as? IMAPError { return error }
        if let error = error as? NIOSSLExtraError, error == .failedToValidateHostname {
            return .hostNameMismatch(server: server.description)
        }
        if let error = error as? NIOSSLError, case let .handshakeFailed(inner) = error {
            if "\(inner)".contains("CERTIFICATE_VERIFY_FAILED") {
                return .untrustedCertificate(server: server.description,
                                             reason: "no authority this machine trusts signed it, or it has expired")
            }
            return .connectionFailed(server: server.description, reason: "the TLS handshake failed: \(inner)")
        }
        if error is NIOSSLError {
            return .connectionFailed(server: server.description, reason: "TLS failed: \(error)")
        }
        return .connectionFailed(server: server.description, reason: "\(error)")
    }
}
