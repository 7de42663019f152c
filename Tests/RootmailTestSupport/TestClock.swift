import Foundation
import Synchronization

/// A clock that moves only when a test moves it.
public final class TestClock: Sendable {
    /// Where a clock starts unless a test says otherwise.
    public static let start = Date(timeIntervalSince1970: 1_750_000_000)

    private let current: Mutex<Date>

    public init(_ start: Date = TestClock.start) {
        current = Mutex(start)
    }

    public var now: Date { current.withLock { $0 } }

    /// The clock as the `now` function that the code under test takes.
    public var function: @Sendable () -> Date { { [self] in now } }

    public func advance(by seconds: TimeInterval) { current.withLock { $0.addTimeInterval(seconds) } }
}
