import Foundation

/// Where and as whom a record was made: the host and the operating system user. With the
/// caller's ARN and the process id, what a team's store shows of each pending update and audit line.
public struct Workstation: Hashable, Sendable {
    public let host: String
    public let user: String

    public init(host: String, user: String) {
        self.host = host
        self.user = user
    }

    /// What rows written before rootmail recorded it hold.
    public static let unrecorded = Workstation(host: "", user: "")

    /// HOSTNAME when the environment exports it (a host's name as its admins set it, which may
    /// differ from the kernel's), else the system's host name; the effective user's login name.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> Workstation {
        let host = environment["HOSTNAME"].flatMap { $0.isEmpty ? nil : $0 } ?? ProcessInfo.processInfo.hostName
        return Workstation(host: host, user: ProcessInfo.processInfo.userName)
    }
}
