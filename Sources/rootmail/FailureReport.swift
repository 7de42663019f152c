import Foundation
import RootmailCore

/// How a command that failed ends: its error on standard error the way the AWS CLI prints it,
/// with the AWS CLI's exit status.
enum FailureReport {
    static func exit(with error: RootmailError) -> Never {
        FileHandle.standardError.write(Data(("\n" + error.commandLineDescription + "\n").utf8))
        Foundation.exit(ExitStatus(for: error).rawValue)
    }
}

extension RootmailError {
    /// The error in the command line's words: where the remedy is a command, it names the
    /// command and its options.
    var commandLineDescription: String {
        switch self {
        case .nothingPending(let account):
            "No pending email update for account \(account) in this data directory. "
                + "Start one with Update email address (or start-primary-email-update), "
                + "or give the new address with --primary-email."
        case .ambiguousStart(let account, let status, let candidates):
            "The backend cannot tell which Start it holds for account \(account): its update status (\(status)) "
                + "names no address. Candidates: \(candidates). Check which address received the code and keep it "
                + "with rootmail pending resolve --account-id \(account) --keep-email ADDRESS."
        case .notAnOpenUpdate(let address, let account, let candidates):
            RootmailError.invalidInput(field: "--keep-email", value: address.rawValue,
                                       rule: "must be one of the open updates of account \(account): \(candidates)")
                .description
        default:
            description
        }
    }
}

extension FailureReport {
    /// A failure that is not a RootmailError (a malformed --query), worded by the caller.
    static func exit(message: String, status: ExitStatus) -> Never {
        FileHandle.standardError.write(Data(("\n" + message + "\n").utf8))
        Foundation.exit(status.rawValue)
    }
}
