import Dispatch

/// Runs the endpoint tests' tasks, and the in-process server's, on threads of their own rather
/// than on Swift's cooperative pool (one thread a core). Other tests in the same process that
/// block that pool while they wait for a terminal or a process would otherwise stall the server
/// the AWS CLI is talking to until they are done.
final class TestExecutor: TaskExecutor {
    static let shared = TestExecutor()

    // A queue of its own targets libdispatch's overcommitting pool, which adds threads when
    // those it has are blocked.
    private let queue = DispatchQueue(label: "rootmail.endpoint-tests", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
