import Foundation
import NIOCore
import NIOHTTPTypes
import RootmailCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What keeps `rootmail serve` answering while clients hold connections open: a connection that
/// has sent no complete request within `readTimeout` (of opening, or of its last answer) is
/// closed, and no more than `maximumConnections` are open at once, a number kept below the
/// process's open-file limit so that accepting never fails for want of a descriptor.
public struct ConnectionLimits: Sendable {
    /// AWS's front ends wait tens of seconds for a request.
    public static let defaultReadTimeout: Duration = .seconds(20)
    /// Descriptors left for the databases, the mailbox and the event loops.
    static let descriptorHeadroom = 128

    public let readTimeout: Duration
    public let maximumConnections: Int

    /// Throws `RootmailError.invalidInput` for a timeout that is not positive.
    public init(readTimeout: Duration = defaultReadTimeout, maximumConnections: Int = Self.connectionsTheFileLimitAllows()) throws {
        guard readTimeout > .zero else {
            throw RootmailError.invalidInput(field: "read-timeout", value: "\(readTimeout)",
                                             rule: "must be a positive number of seconds, such as 20")
        }
        self.readTimeout = readTimeout
        self.maximumConnections = max(1, maximumConnections)
    }

    /// The soft RLIMIT_NOFILE less the headroom (at least 1; at most 60,000 when unlimited).
    public static func connectionsTheFileLimitAllows() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1 }
        let files = limit.rlim_cur == rlim_t.max ? 60_000 + descriptorHeadroom : Int(min(limit.rlim_cur, 1 << 20))
        return max(1, files - descriptorHeadroom)
    }
}

/// The open connections of one server. When a new one would pass the cap, the one idle the
/// longest is closed to make room (the newest client is the one likely to send a request);
/// when every connection is busy answering, the new one is closed instead.
final class ConnectionRegistry: Sendable {
    private struct Entry {
        let channel: any Channel
        var idleSince: ContinuousClock.Instant?
    }

    private let maximum: Int
    private let entries = Mutex<[ObjectIdentifier: Entry]>([:])

    init(maximum: Int) {
        self.maximum = maximum
    }

    func opened(_ channel: any Channel) {
        let toClose: (any Channel)? = entries.withLock { entries in
            var evicted: (any Channel)?
            if entries.count >= maximum {
                let oldest = entries.filter { $0.value.idleSince != nil }.min { $0.value.idleSince! < $1.value.idleSince! }
                guard let oldest else { return channel }
                entries.removeValue(forKey: oldest.key)
                evicted = oldest.value.channel
            }
            entries[ObjectIdentifier(channel)] = Entry(channel: channel, idleSince: .now)
            return evicted
        }
        toClose?.close(promise: nil)
    }

    func busy(_ channel: any Channel, _ isBusy: Bool) {
        entries.withLock { $0[ObjectIdentifier(channel)]?.idleSince = isBusy ? nil : .now }
    }

    func closed(_ channel: any Channel) {
        _ = entries.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) }
    }
}

/// Per connection: registers it, and closes it when no complete request arrives within the
/// read timeout. Sits after the HTTP decoder, so a request counts once its end is read.
final class ConnectionWatch: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let registry: ConnectionRegistry
    private let readTimeout: TimeAmount
    private var deadline: Scheduled<Void>?
    private var requestsUnanswered = 0

    init(registry: ConnectionRegistry, readTimeout: Duration) {
        self.registry = registry
        self.readTimeout = TimeAmount(readTimeout)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        registry.opened(context.channel)
        startWaiting(context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        registry.closed(context.channel)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        registry.closed(context.channel)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .end = unwrapInboundIn(data) {
            requestsUnanswered += 1
            deadline?.cancel()
            deadline = nil
            registry.busy(context.channel, true)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), requestsUnanswered > 0 {
            requestsUnanswered -= 1
            if requestsUnanswered == 0 {
                registry.busy(context.channel, false)
                startWaiting(context)
            }
        }
        context.write(data, promise: promise)
    }

    private func startWaiting(_ context: ChannelHandlerContext) {
        deadline?.cancel()
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: readTimeout) { channel.close(promise: nil) }
    }
}
