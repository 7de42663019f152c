import NIOCore
import NIOPosix

/// Runs the server's tasks on the event loops that carry their connections. Left to the
/// global executor, every request crosses threads twice (the loop hands the parsed request to
/// a pool thread, which hands the answer back) and pays a wake-up each way, which cost more
/// than answering it. A job enqueued from an event loop runs on that loop; one enqueued from
/// elsewhere goes to the next loop of the group.
///
/// What runs here must not block for long: the endpoint's work is short SQLite reads and
/// writes on a local file.
final class EventLoopTaskExecutor: TaskExecutor {
    private let group: MultiThreadedEventLoopGroup

    init(group: MultiThreadedEventLoopGroup = .singleton) {
        self.group = group
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let loop = MultiThreadedEventLoopGroup.currentEventLoop ?? group.next()
        loop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
