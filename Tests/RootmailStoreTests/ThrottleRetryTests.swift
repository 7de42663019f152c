import Foundation
import RootmailCore
import Synchronization
import Testing

/// Throttled calls are sent again after growing, jittered waits, which the caller hears of;
/// calls without an answer are never sent again.
@Suite("Throttle retries", .tags(.inProcess))
struct ThrottleRetryTests {
    let fixture = Fixture()
    let waits = RecordedWaits()

    private var throttled: RootmailError {
        ServiceError(.tooManyRequests, AWSMessages.throttled).during("StartPrimaryEmailUpdate")
    }

    /// Records each wait and returns at once; jitter fixed at its top.
    private func backoff(maxAttempts: Int = 4) -> ThrottleBackoff {
        ThrottleBackoff(maxAttempts: maxAttempts, baseDelay: .seconds(1), maxDelay: .seconds(8),
                        sleep: { [waits] delay in waits.append(delay) }, random: { 1 })
    }

    @Test("a throttled Start is sent again after 1 s, then 2 s, and the waits are reported")
    func throttledStartIsRetried() async throws {
        fixture.backend.scriptStarts(throttled, throttled, nil)
        let service = try fixture.service(throttleBackoff: backoff())
        let update = try await fixture.startUpdate(with: service)
        #expect(update.phase == .pending)
        #expect(fixture.backend.calls.count(where: { if case .start = $0 { true } else { false } }) == 3)
        #expect(waits.all == [.seconds(1), .seconds(2)])
        var reported = service.throttleWaits.makeAsyncIterator()
        let first = await reported.next()
        let second = await reported.next()
        #expect(first == ThrottleWait(operation: "StartPrimaryEmailUpdate", accountID: Fixture.account, retry: 1,
                                      delay: .seconds(1)))
        #expect(second?.seconds == 2)
    }

    @Test("retries are bounded: after the last attempt the throttling error is the answer")
    func retriesAreBounded() async throws {
        fixture.backend.scriptStarts(throttled, throttled, throttled, throttled, nil)
        let service = try fixture.service(throttleBackoff: backoff(maxAttempts: 3))
        await #expect(throws: throttled) { try await fixture.startUpdate(with: service) }
        #expect(fixture.backend.calls.count == 3)
        #expect(try fixture.openUpdatesSeenElsewhere().isEmpty)
    }

    @Test("a Start without an answer is never sent again")
    func uncertainStartIsNotRetried() async throws {
        fixture.backend.scriptStarts(.transport("The connection was reset after the request was sent."))
        let service = try fixture.service(throttleBackoff: backoff())
        await #expect(throws: RootmailError.self) { try await fixture.startUpdate(with: service) }
        #expect(fixture.backend.calls.count == 1)
        #expect(waits.all.isEmpty)
    }

    @Test("the jitter keeps each wait between half its cap and its cap")
    func jitterStaysInItsRange() {
        let low = ThrottleBackoff(random: { 0 })
        let high = ThrottleBackoff(random: { 1 })
        #expect(low.delay(beforeRetry: 2) == .seconds(1))
        #expect(high.delay(beforeRetry: 2) == .seconds(2))
        #expect(high.delay(beforeRetry: 10) == .seconds(8))
    }
}

/// The waits a backoff was asked to sleep, in order.
final class RecordedWaits: Sendable {
    private let waits = Mutex<[Duration]>([])
    func append(_ wait: Duration) { waits.withLock { $0.append(wait) } }
    var all: [Duration] { waits.withLock { $0 } }
}
