import Logging

extension GlobalOptions {
    /// The log `--debug` writes to standard error; nil without `--debug`.
    var debugLog: Logger? {
        guard debug else { return nil }
        var logger = Logger(label: "rootmail", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .debug
        return logger
    }
}
