import Testing

/// The tiers a suite (or one of its tests) belongs to. `scripts/test --fast` runs the first
/// four and skips every suite and test tagged with one of the others (a test without a tag
/// runs); `scripts/test` runs every tier, as CI does. scripts/slow-tests.awk reads the tags
/// from `@Suite(…)` lines at the start of a line and `@Test(…)` lines indented by four spaces.
extension Tag {
    /// Values and rules of one type, with nothing around them.
    @Tag public static var unit: Self
    /// The console's state and reducer, driven by events, with in-memory stores.
    @Tag public static var reducer: Self
    /// Screens drawn into memory and compared with the files under Snapshots/.
    @Tag public static var snapshot: Self
    /// Real parts in the test's process: SQLite files, the embedded organization, the endpoint's
    /// front end reached through its router.
    @Tag public static var inProcess: Self

    /// Tens of thousands of accounts: in the test's process, but seconds each.
    @Tag public static var scale: Self
    /// Other programs: the rootmail binary, the Python servers and oracles, the AWS CLI, boto3.
    @Tag public static var subprocess: Self
    /// A real terminal: tmux, or a pseudo-terminal.
    @Tag public static var terminal: Self
    /// The endpoint served on a loopback socket.
    @Tag public static var socket: Self
}
