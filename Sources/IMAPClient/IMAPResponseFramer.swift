import NIOCore

/// Cuts the server's byte stream into whole responses: a line up to CRLF, and when the line
/// ends with a literal's announcement `{n}`, the n bytes that follow and the rest of the response
/// after them (RFC 3501 section 4.3), so that a message body with CRLFs stays inside its response.
struct IMAPResponseFramer: ByteToMessageDecoder {
    typealias InboundOut = [UInt8]

    /// A mail larger than this is not a verification code; the cap keeps a hostile or broken
    /// server from filling the memory.
    static let maximumResponseSize = 32 * 1024 * 1024

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        var position = view.startIndex
        while true {
            guard let newline = view[position...].firstIndex(of: UInt8(ascii: "\n")) else {
                guard view.count <= Self.maximumResponseSize else { throw IMAPError.protocolViolation("a response longer than 32 MB") }
                return .needMoreData
            }
            if let length = Self.literalLength(view[position..<newline]) {
                let next = newline + 1 + length
                guard length <= Self.maximumResponseSize else { throw IMAPError.protocolViolation("a literal of \(length) bytes") }
                guard next <= view.endIndex else { return .needMoreData }
                position = next
                continue
            }
            let response = buffer.readBytes(length: newline + 1 - view.startIndex) ?? []
            context.fireChannelRead(wrapInboundOut(response))
            return .continue
        }
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }

    /// The n of a line (without its LF) that ends with `{n}` or `{n+}`, optionally before a CR.
    static func literalLength(_ line: ByteBufferView.SubSequence) -> Int? {
        var end = line.endIndex
        if end > line.startIndex, line[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        guard end > line.startIndex, line[end - 1] == UInt8(ascii: "}") else { return nil }
        end -= 1
        if end > line.startIndex, line[end - 1] == UInt8(ascii: "+") { end -= 1 }
        var start = end
        while start > line.startIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[start - 1]) { start -= 1 }
        guard start < end, start > line.startIndex, line[start - 1] == UInt8(ascii: "{"), end - start <= 10 else { return nil }
        return Int(String(decoding: line[start..<end], as: UTF8.self))
    }
}
