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
        version: BuildIdentity.current.line,
        subcommands: [
            Console.self,
            GetPrimaryEmail.self, StartPrimaryEmailUpdate.self, AcceptPrimaryEmailUpdate.self,
            GetPrimaryEmailUpdateStatus.self, ListAccounts.self, DescribeAccount.self,
            Pending.self, Migrate.self, Audit.self, Mail.self, Sim.self, Serve.self, Whoami.self, Version.self,
        ],
        defaultSubcommand: Console.self
    )

    /// The AWS CLI takes its common options before the command too (`aws --profile p account …`);
    /// they are moved behind the command name, where each command declares them.
    static func commonOptionsAfterCommand(_ arguments: [String]) -> [String] {
        let takesValue: Set = ["--backend", "--caller", "--profile", "--region", "--endpoint-url", "--output", "--query"]
        let flags: Set = ["--debug", "--no-paginate"]
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if flags.contains(argument) {
                leading.append(argument)
                index += 1
            } else if takesValue.contains(argument), index + 1 < arguments.count {
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

    /// The arguments after the program name, each exactly as its bytes spell it.
    /// `CommandLine.arguments` repairs invalid UTF-8 into U+FFFD, which would then pass as part
    /// of an address or a name; the raw bytes are read instead, and an argument that is not
    /// UTF-8 is refused, naming the option it is the value of.
    static func argumentsAsTyped() throws(RootmailError) -> [String] {
        var arguments: [String] = []
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(start: pointer, count: strlen(pointer)).lazy.map { UInt8(bitPattern: $0) }
            guard let argument = String(validating: bytes, as: UTF8.self) else {
                let option = arguments.last.flatMap { $0.hasPrefix("-") && !$0.contains("=") ? $0 : nil }
                let field = bytes.firstIndex(of: UInt8(ascii: "=")).map { equals in
                    String(decoding: bytes[..<equals], as: UTF8.self)
                }
                throw .invalidInput(field: option ?? field.flatMap { $0.hasPrefix("-") ? $0 : nil } ?? "argument \(index)",
                                    value: nil,
                                    rule: "is not valid UTF-8 text; type it again in a UTF-8 terminal")
            }
            arguments.append(argument)
        }
        return arguments
    }

    /// Parses and runs like `AsyncParsableCommand.main()`, but with the AWS CLI's exit statuses.
    static func main() async {
        let command: any ParsableCommand
        do throws(RootmailError) {
            let arguments = try argumentsAsTyped()
            if let first = arguments.first, !first.hasPrefix("-"), first != "help",
               !configuration.subcommands.contains(where: { $0._commandName == first }) {
                // Without this the default subcommand (the console) would report the word as
                // its own unexpected argument, with the console's usage.
                exitWithUnknownCommand(first)
            }
            do {
                command = try parseAsRoot(commonOptionsAfterCommand(arguments))
            } catch {
                exit(afterParserSignal: error)
            }
        } catch {
            FailureReport.exit(with: error)
        }
        CSVOutput.refuseUnlessTaken(by: command)
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

    private static func exitWithUnknownCommand(_ name: String) -> Never {
        let commands = configuration.subcommands.map { $0._commandName }.joined(separator: ", ")
        let message = "Error: Unknown command '\(EchoedInput.excerpt(name))'. The commands are: \(commands).\n"
            + "Usage: " + usageString() + "\n  See 'rootmail --help' for more information."
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(ExitStatus.usage.rawValue)
    }

    /// Help and version on standard output with status 0; a parse or validation error on
    /// standard error with the AWS CLI's usage status (252), anything else 255.
    private static func exit(afterParserSignal error: any Error) -> Never {
        let code = exitCode(for: error)
        if code == .success {
            print(fullMessage(for: error))
            Foundation.exit(0)
        }
        FileHandle.standardError.write(Data((EchoedInput.safeLines(fullMessage(for: error)) + "\n").utf8))
        Foundation.exit(code == .validationFailure ? ExitStatus.usage.rawValue : ExitStatus.other.rawValue)
    }
}
