import Foundation

/// The lowercased text a filter query is searched in, for every account back to back in one
/// buffer: a query scans 50,000 accounts as one block of memory, first bytes found by `memchr`.
struct SearchText: Sendable {
    private var bytes: [UInt8] = []
    private var starts: [Int] = []
    private var ends: [Int] = []

    /// The text of the next position, from parts already lowercased, joined by U+0001.
    mutating func append(_ parts: [[UInt8]]) {
        starts.append(bytes.count)
        join(parts)
        ends.append(bytes.count)
    }

    /// A changed text goes to the end of the buffer; the old bytes stay unused (changes are rare).
    mutating func replace(_ position: Int, with parts: [[UInt8]]) {
        starts[position] = bytes.count
        join(parts)
        ends[position] = bytes.count
    }

    private mutating func join(_ parts: [[UInt8]]) {
        for (index, part) in parts.enumerated() {
            if index > 0 { bytes.append(1) }
            bytes += part
        }
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
                candidates.filter { Self.contains(text, from: starts[$0], to: ends[$0], pin) }
            }
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

/// A sort key: lowercased UTF-8, compared byte by byte (code point order), far cheaper than
/// comparing Strings when 50,000 of them are sorted.
struct SortKey: Sendable {
    let bytes: [UInt8]

    /// `lowercased`: the text as `SearchText.lowercasedUTF8` gives it.
    init(lowercased: [UInt8]) {
        bytes = lowercased
    }

    /// A key for a name as a person alphabetizes it: case and accents ignored, so São Paulo
    /// sorts with the s's (before Storefront), not after every ASCII letter. The folding is done
    /// once, here; ASCII names (nearly all) skip it.
    init(collating text: String, lowercased: [UInt8]) {
        guard !lowercased.allSatisfy({ $0 < 0x80 }) else {
            bytes = lowercased
            return
        }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        bytes = SearchText.lowercasedUTF8(folded)
    }

    /// Negative, zero or positive as `self` sorts before, with or after `other`.
    func compare(_ other: SortKey) -> Int {
        bytes.withUnsafeBufferPointer { left in
            other.bytes.withUnsafeBufferPointer { right in
                let shared = min(left.count, right.count)
                if shared > 0, let a = left.baseAddress, let b = right.baseAddress {
                    let order = memcmp(a, b, shared)
                    if order != 0 { return Int(order) }
                }
                return left.count - right.count
            }
        }
    }
}
