import Foundation

/// When the next request may go so that no quota it draws on is exceeded, as the service counts
/// them (at most `limit` requests in any `window`, a request leaving the count `window` after it
/// was sent). A migration reserves a time for each call and sleeps until it: the calls then run at
/// the quota instead of being refused and backed off.
public struct RequestSchedule: Sendable {
    /// Reserved send times per bucket, oldest first; those that left their window before the
    /// latest `now` are dropped, as no later request can meet them.
    private var sent: [QuotaBucket: [Date]] = [:]
    /// Added to every reservation so that a clock a few milliseconds apart from the service's does
    /// not turn a request at the edge of the window into a refusal.
    public let margin: TimeInterval

    public init(margin: TimeInterval = 0.02) {
        precondition(margin >= 0, "A margin cannot send requests earlier")
        self.margin = margin
    }

    /// Reserves the earliest time at or after `now` when every bucket has room, and returns it.
    public mutating func reserve(_ buckets: [QuotaBucket], notBefore now: Date) -> Date {
        var time = now
        // Each bucket can only push the time later, so a fixed point is reached in a few rounds.
        while true {
            let later = buckets.map { earliest(in: $0, notBefore: time) }.max() ?? time
            if later <= time { break }
            time = later
        }
        for bucket in buckets {
            let window = bucket.quota.window
            var times = sent[bucket, default: []].filter { $0 > now.addingTimeInterval(-window - margin) }
            times.insert(time, at: times.firstIndex(where: { $0 > time }) ?? times.endIndex)
            sent[bucket] = times
        }
        return time
    }

    /// Counts a request from `answered` instead of its reserved time: a service counts a request
    /// when it handles it, which can be later than it was sent (behind a lock, a slow link), and a
    /// request handled late makes the next one early in the service's count.
    public mutating func move(_ buckets: [QuotaBucket], from reserved: Date, to answered: Date) {
        guard answered > reserved else { return }
        for bucket in buckets {
            guard var times = sent[bucket], let index = times.lastIndex(of: reserved) else { continue }
            times.remove(at: index)
            times.insert(answered, at: times.firstIndex(where: { $0 > answered }) ?? times.endIndex)
            sent[bucket] = times
        }
    }

    /// Gives back a reservation that was not used (the run stopped before the call).
    public mutating func release(_ buckets: [QuotaBucket], at time: Date) {
        for bucket in buckets {
            if let index = sent[bucket]?.lastIndex(of: time) { sent[bucket]?.remove(at: index) }
        }
    }

    private func earliest(in bucket: QuotaBucket, notBefore time: Date) -> Date {
        let quota = bucket.quota
        let inWindow = sent[bucket, default: []].filter { $0 > time.addingTimeInterval(-quota.window - margin) }
        guard inWindow.count >= quota.limit else { return time }
        // The request that must leave the window before another fits.
        let blocking = inWindow[inWindow.count - quota.limit]
        return max(time, blocking.addingTimeInterval(quota.window + margin))
    }
}
