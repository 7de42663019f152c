import Foundation

/// A mailbox that codes are read from as they arrive: a Maildir, an IMAP folder.
public protocol MailSource: Sendable {
    /// The messages received since `date` that no earlier call returned.
    func messages(since date: Date) async throws -> [MailMessage]
    /// Returns when new mail may have come, and after `limit` at the latest.
    func waitForMail(upTo limit: Duration) async throws
    /// Ends the session with the mailbox, if it has one.
    func close() async
}
