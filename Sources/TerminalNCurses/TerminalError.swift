/// Why the console could not take over the terminal.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    case notATerminal
    case unknownTerminalType(String)
    case alreadyStarted

    public var description: String {
        switch self {
        case .notATerminal:
            return "The console needs a terminal: standard input and output must both be a terminal. "
                + "In scripts, use the command-line subcommands instead."
        case .unknownTerminalType(""):
            return "TERM is not set, so the terminal type is unknown. "
                + "Set TERM to the terminal's type, for example TERM=xterm-256color."
        case .unknownTerminalType(let type):
            return "The terminal type \"\(type)\" (TERM) is not in the terminfo database. "
                + "Set TERM to one that is, for example TERM=xterm-256color."
        case .alreadyStarted:
            return "The terminal is already in use by this program; stop it before starting it again."
        }
    }
}
