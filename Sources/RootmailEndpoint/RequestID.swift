import Foundation

/// The id AWS gives every answer (`x-amzn-RequestId`): a random version 4 UUID in lower case.
/// Its bytes come from the system generator (one getrandom call) because Foundation's `UUID()`
/// opens and reads /dev/urandom on every call on Linux, a cost paid on every request.
enum RequestID {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var uuid = withUnsafeBytes(of: (generator.next() as UInt64, generator.next() as UInt64)) {
            $0.load(as: uuid_t.self)
        }
        uuid.6 = uuid.6 & 0x0F | 0x40  // version 4
        uuid.8 = uuid.8 & 0x3F | 0x80  // RFC 4122 variant
        return UUID(uuid: uuid).uuidString.lowercased()
    }
}
