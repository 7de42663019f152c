/// Percent-encoding as SigV4 defines it: RFC 3986 unreserved characters (`A-Z a-z 0-9 - _ . ~`)
/// stay, every other UTF-8 byte becomes `%XX` with upper-case hex.
public enum URIEncoding {
    /// Encodes every byte but the unreserved ones, `/` included: for query keys, query values
    /// and form bodies.
    public static func encode(_ string: String) -> String {
        encode(bytes: string.utf8, keepingSlash: false)
    }

    /// Encodes a path, keeping `/`: turns `/my folder/ሴ` into the wire form `/my%20folder/%E1%88%B4`.
    public static func encodePath(_ path: String) -> String {
        encode(bytes: path.utf8, keepingSlash: true)
    }

    static func encode<Bytes: Sequence<UInt8>>(bytes: Bytes, keepingSlash: Bool) -> String {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(bytes.underestimatedCount)
        for byte in bytes {
            if isUnreserved(byte) || (keepingSlash && byte == UInt8(ascii: "/")) {
                encoded.append(byte)
            } else {
                encoded.append(UInt8(ascii: "%"))
                encoded.append(hexDigits[Int(byte >> 4)])
                encoded.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// Decodes `%XX` escapes and, as AWS reads query strings, `+` as a space. A `%` not followed
    /// by two hex digits stays as it is, so any input decodes.
    public static func decodeQueryComponent(_ component: ArraySlice<UInt8>) -> [UInt8] {
        let bytes = Array(component)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return decoded
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
