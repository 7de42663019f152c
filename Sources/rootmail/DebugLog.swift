import ArgumentParser
import Logging

/// A log written to standard error, as swift-log's stream handler formats it.
func standardErrorLog(_ label: String, level: Logger.Level) -> Logger {
    var logger = Logger(label: label, factory: { StreamLogHandler.standardError(label: $0) })
    logger.logLevel = level
    return logger
}

extension GlobalOptions {
    /// The log `--debug` writes to standard error; nil without `--debug`.
    var debugLog: Logger? { debug ? standardErrorLog("rootmail", level: .debug) : nil }
}

/// `rootmail serve --log-level`.
enum ServeLogLevel: String, ExpressibleByArgument, CaseIterable {
    case info, debug

    var level: Logger.Level { self == .info ? .info : .debug }
}
