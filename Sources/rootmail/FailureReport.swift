import Foundation
import RootmailCore

/// How a command that failed ends: its error on standard error the way the AWS CLI prints it,
/// with the AWS CLI's exit status.
enum FailureReport {
    static func exit(with error: RootmailError) -> Never {
        FileHandle.standardError.write(Data(("\n" + error.description + "\n").utf8))
        Foundation.exit(ExitStatus(for: error).rawValue)
    }
}

extension FailureReport {
    /// A failure that is not a RootmailError (a malformed --query), worded by the caller.
    static func exit(message: String, status: ExitStatus) -> Never {
        FileHandle.standardError.write(Data(("\n" + message + "\n").utf8))
        Foundation.exit(status.rawValue)
    }
}
