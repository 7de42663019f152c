import Foundation
import Synchronization

/// A clock that moves only when a test moves it.
final class TestClock: Sendable {
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    private let current = Mutex(TestClock.start)

    var date: Date { current.withLock { $0 } }

    var now: @Sendable () -> Date { { [self] in date } }

    func advance(by seconds: TimeInterval) { current.withLock { $0.addTimeInterval(seconds) } }
}
