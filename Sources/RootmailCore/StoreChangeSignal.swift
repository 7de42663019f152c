/// Tells a long-running front end (the console) that another process changed the data
/// directory's state (the command line completed or discarded an update), so that what it
/// shows can be read again. Cheap enough to ask once a second.
public protocol StoreChangeSignal: Sendable {
    /// A number that differs from the previous answer when another process has committed a
    /// change since; this process's own changes need not move it.
    func changeCount() throws -> Int
}
