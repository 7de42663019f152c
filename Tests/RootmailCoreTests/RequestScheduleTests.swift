import Foundation
import Testing
import RootmailCore

@Suite("Pacing requests by AWS's quotas", .tags(.unit))
struct RequestScheduleTests {
    let caller = try! AccountID("111111111111")
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// Counts, as the service does, the requests in any window ending at each request.
    private func mostInAnyWindow(_ times: [Date], window: TimeInterval) -> Int {
        times.map { end in times.filter { $0 <= end && $0 > end.addingTimeInterval(-window) }.count }.max() ?? 0
    }

    @Test("Starts for many accounts go one per second per caller, no faster and hardly slower")
    func onePerSecond() throws {
        var schedule = RequestSchedule()
        let targets = try (0..<100).map { try AccountID(String(format: "2%011d", $0)) }
        let times = targets.map { target in
            schedule.reserve([RequestQuota.startPerCaller.bucket(for: caller), RequestQuota.startPerTarget.bucket(for: target)],
                             notBefore: start)
        }
        #expect(mostInAnyWindow(times, window: 1) == 1)
        let span = times.last!.timeIntervalSince(times.first!)
        // 99 gaps of one second plus the clock margin: at least 95% of the quota.
        #expect(span >= 99 && span <= 99 / 0.95)
    }

    @Test("Starts for one account keep to 3 in any 30 seconds")
    func threePerThirtySeconds() throws {
        var schedule = RequestSchedule()
        let target = try AccountID("222222222222")
        let buckets = [RequestQuota.startPerCaller.bucket(for: caller), RequestQuota.startPerTarget.bucket(for: target)]
        let times = (0..<7).map { _ in schedule.reserve(buckets, notBefore: start) }
        #expect(mostInAnyWindow(times, window: 30) == 3)
        #expect(times[3].timeIntervalSince(times[0]) >= 30)
    }

    @Test("Accepts have their own bucket and interleave with Starts")
    func acceptsInterleave() throws {
        var schedule = RequestSchedule()
        let startAt = schedule.reserve([RequestQuota.startPerCaller.bucket(for: caller)], notBefore: start)
        let acceptAt = schedule.reserve([RequestQuota.acceptPerCaller.bucket(for: caller)], notBefore: start)
        #expect(startAt == start && acceptAt == start)
    }

    @Test("a reservation given back frees its place")
    func release() {
        var schedule = RequestSchedule()
        let bucket = RequestQuota.startPerCaller.bucket(for: caller)
        let first = schedule.reserve([bucket], notBefore: start)
        let second = schedule.reserve([bucket], notBefore: start)
        #expect(second > first)
        schedule.release([bucket], at: second)
        #expect(schedule.reserve([bucket], notBefore: start) == second)
        schedule.release([bucket], at: second)
        schedule.release([bucket], at: first)
        #expect(schedule.reserve([bucket], notBefore: start) == start)
    }

    @Test("a request the service handled late counts from its answer, so the next one is not early")
    func countedFromTheAnswer() {
        var schedule = RequestSchedule()
        let bucket = RequestQuota.acceptPerCaller.bucket(for: caller)
        let sent = schedule.reserve([bucket], notBefore: start)
        schedule.move([bucket], from: sent, to: start.addingTimeInterval(0.4))
        let next = schedule.reserve([bucket], notBefore: start)
        #expect(next.timeIntervalSince(start) >= 1.4)
        #expect(next.timeIntervalSince(start) < 1.5)
    }

    @Test("a request later than the window needs no wait")
    func idleBucket() {
        var schedule = RequestSchedule()
        let bucket = RequestQuota.startPerCaller.bucket(for: caller)
        _ = schedule.reserve([bucket], notBefore: start)
        let later = start.addingTimeInterval(5)
        #expect(schedule.reserve([bucket], notBefore: later) == later)
    }
}
