import Foundation
import RootmailCore

/// Per account, the lowercased name, ID and address a filter query is searched in, and the
/// name's sort key, for every account back to back in one buffer: a query scans 50,000 accounts
/// as one block of memory, first bytes found by `memchr`, and sorting compares bytes in place,
/// with no array of its own per account.
struct SearchText: Sendable {
    private var bytes: [UInt8] = []
    /// Per account, `stride` offsets into `bytes`: where its name, ID and address start, where
    /// the address ends, and where its name's sort key ends. The key follows the address, outside
    /// what a query searches, and is empty when it is the lowercased name (nearly always).
    /// Int32: 50,000 accounts take a few megabytes.
    private var offsets: [Int32] = []
    private static let stride = 5

    /// The texts of a new account, at the next position.
    mutating func append(_ texts: AccountTexts) {
        offsets += repeatElement(0, count: Self.stride)
        write(texts, at: offsets.count / Self.stride - 1)
    }

    /// A changed text goes to the end of the buffer; the old bytes stay unused (changes are rare).
    mutating func replace(_ position: Int, with texts: AccountTexts) {
        write(texts, at: position)
    }

    private mutating func write(_ texts: AccountTexts, at position: Int) {
        let base = position * Self.stride
        offsets[base] = Int32(bytes.count)
        bytes += texts.name
        bytes.append(1)
        offsets[base + 1] = Int32(bytes.count)
        bytes += texts.id
        bytes.append(1)
        offsets[base + 2] = Int32(bytes.count)
        bytes += texts.email
        offsets[base + 3] = Int32(bytes.count)
        if texts.nameOrder != texts.name { bytes += texts.nameOrder }
        offsets[base + 4] = Int32(bytes.count)
    }

    /// The lowercased form a query must take to be compared with these texts.
    static func needle(_ query: String) -> [UInt8] { lowercasedUTF8(query) }

    /// Lowercased UTF-8; ASCII text (most names and every address) skips the Unicode tables.
    static func lowercasedUTF8(_ text: String) -> [UInt8] {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return Array(text.lowercased().utf8) }
        return utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }
    }

    /// The candidates whose text contains `needle`, in their order.
    func matching(_ needle: [UInt8], among candidates: [Int]) -> [Int] {
        guard !needle.isEmpty else { return candidates }
        return bytes.withUnsafeBufferPointer { text in
            needle.withUnsafeBufferPointer { pin in
                candidates.filter {
                    let base = $0 * Self.stride
                    return Self.contains(text, from: Int(offsets[base]), to: Int(offsets[base + 3]), pin)
                }
            }
        }
    }

    /// Negative, zero or positive as account `a`'s name sorts before, with or after `b`'s.
    func compareNames(_ a: Int, _ b: Int) -> Int {
        compare(nameOrder(of: a), nameOrder(of: b))
    }

    /// Negative, zero or positive as account `a`'s address sorts before, with or after `b`'s.
    func compareEmails(_ a: Int, _ b: Int) -> Int {
        compare(range(from: a * Self.stride + 2), range(from: b * Self.stride + 2))
    }

    private func nameOrder(of position: Int) -> Range<Int> {
        let base = position * Self.stride
        let key = range(from: base + 3)
        return key.isEmpty ? Int(offsets[base])..<(Int(offsets[base + 1]) - 1) : key
    }

    /// The bytes from `offsets[index]` to `offsets[index + 1]`.
    private func range(from index: Int) -> Range<Int> {
        Int(offsets[index])..<Int(offsets[index + 1])
    }

    /// Byte by byte (code point order), far cheaper than comparing Strings when 50,000 of them are sorted.
    private func compare(_ left: Range<Int>, _ right: Range<Int>) -> Int {
        bytes.withUnsafeBufferPointer { text in
            let shared = min(left.count, right.count)
            if shared > 0, let base = text.baseAddress {
                let order = memcmp(base + left.lowerBound, base + right.lowerBound, shared)
                if order != 0 { return Int(order) }
            }
            return left.count - right.count
        }
    }

    private static func contains(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
                                 _ pin: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = pin.count
        guard end - start >= length, let base = text.baseAddress, let pinBase = pin.baseAddress else { return false }
        let lastStart = end - length
        let first = Int32(pin[0])
        var cursor = start
        while cursor <= lastStart {
            guard let found = memchr(base + cursor, first, lastStart - cursor + 1) else { return false }
            let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if length == 1 || memcmp(base + index + 1, pinBase + 1, length - 1) == 0 { return true }
            cursor = index + 1
        }
        return false
    }
}

/// What filtering (name, ID, address) and sorting read of an account, prepared once.
struct AccountTexts {
    let name: [UInt8]
    let id: [UInt8]
    let email: [UInt8]
    /// The name as a person alphabetizes it: case and accents ignored, so São Paulo sorts with
    /// the s's (before Storefront), not after every ASCII letter. ASCII names (nearly all) skip
    /// the folding.
    let nameOrder: [UInt8]

    init(of account: Account) {
        name = SearchText.lowercasedUTF8(account.name)
        id = Array(account.id.rawValue.utf8)
        email = SearchText.lowercasedUTF8(account.email)
        guard !name.allSatisfy({ $0 < 0x80 }) else {
            nameOrder = name
            return
        }
        let folded = account.name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive],
                                          locale: nil)
        nameOrder = SearchText.lowercasedUTF8(folded)
    }
}
