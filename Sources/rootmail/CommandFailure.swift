import ArgumentParser
import Foundation
import RootmailCore

/// A failure that ends a command: printed on standard error the way the AWS CLI prints it,
/// with the AWS CLI's exit status.
struct CommandFailure: Error, CustomStringConvertible {
    let error: RootmailError

    init(_ error: RootmailError) {
        self.error = error
    }

    var description: String { error.description }
    var status: ExitStatus { ExitStatus(for: error) }
}

enum CommandRunner {
    static func report(_ failure: CommandFailure) -> Never {
        FileHandle.standardError.write(Data(("\n" + failure.description + "\n").utf8))
        exit(failure.status.rawValue)
    }
}
