import ArgumentParser
import Foundation
import RootmailCore

@main
struct Rootmail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rootmail",
        abstract: "Read and change the root user email address of AWS Organizations member accounts.",
        discussion: """
            Without a subcommand, opens the console. The commands below mirror the AWS CLI's \
            `aws account …` and `aws organizations …` for scripts. The embedded demo organization is \
            the backend unless another is chosen. State lives in $ROOTMAIL_HOME, else \
            $XDG_DATA_HOME/rootmail, else ~/.local/share/rootmail.
            """,
        subcommands: [
            Console.self,
            GetPrimaryEmail.self, StartPrimaryEmailUpdate.self, AcceptPrimaryEmailUpdate.self,
            GetPrimaryEmailUpdateStatus.self, ListAccounts.self, DescribeAccount.self,
            Pending.self, Audit.self, Mail.self, Sim.self, Serve.self,
        ],
        defaultSubcommand: Console.self
    )

    /// The AWS CLI takes its common options before the command too (`aws --profile p account …`);
    /// they are moved behind the command name, where each command declares them.
    static func commonOptionsAfterCommand(_ arguments: [String]) -> [String] {
        let takesValue: Set = ["--backend", "--caller", "--profile", "--region", "--endpoint-url", "--output", "--query"]
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if takesValue.contains(argument), index + 1 < arguments.count {
                leading += arguments[index...index + 1]
                index += 2
            } else if let name = argument.split(separator: "=").first, argument.contains("="),
                      takesValue.contains(String(name)) {
                leading.append(argument)
                index += 1
            } else {
                break
            }
        }
        guard !leading.isEmpty, index < arguments.count,
              configuration.subcommands.contains(where: { $0._commandName == arguments[index] })
        else { return arguments }
        return [arguments[index]] + arguments[(index + 1)...] + leading
    }

    /// Parses and runs like `AsyncParsableCommand.main()`, but with the AWS CLI's exit statuses.
    static func main() async {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot(commonOptionsAfterCommand(Array(CommandLine.arguments.dropFirst())))
        } catch {
            exit(afterParserSignal: error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var syncCommand = command
                try syncCommand.run()
            }
        } catch let error as RootmailError {
            FailureReport.exit(with: error)
        } catch {
            // ArgumentParser's own signals thrown while running: help asked for (`rootmail --help`
            // reaches the root command's run), a validation error, an explicit exit code.
            exit(afterParserSignal: error)
        }
    }

    /// Help and version on standard output with status 0; a parse or validation error on
    /// standard error with the AWS CLI's usage status (252), anything else 255.
    private static func exit(afterParserSignal error: any Error) -> Never {
        let code = exitCode(for: error)
        if code == .success {
            print(fullMessage(for: error))
            Foundation.exit(0)
        }
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(code == .validationFailure ? ExitStatus.usage.rawValue : ExitStatus.other.rawValue)
    }
}
