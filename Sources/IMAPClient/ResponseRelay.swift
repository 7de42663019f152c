import NIOCore

/// What the connection's reader receives: a whole response, or the alarm of a wait it set.
enum IMAPEvent: Sendable {
    case response([UInt8])
    case alarm(UInt64)
}

/// Hands each framed response, and the connection's end or failure, to the connection's reader.
final class ResponseRelay: ChannelInboundHandler {
    typealias InboundIn = [UInt8]

    private let continuation: AsyncThrowingStream<IMAPEvent, any Error>.Continuation

    init(_ continuation: AsyncThrowingStream<IMAPEvent, any Error>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        continuation.yield(.response(Self.unwrapInboundIn(data)))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }
}
