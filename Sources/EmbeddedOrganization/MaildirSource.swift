import Foundation
import RootmailCore
import Synchronization

/// A Maildir read as codes arrive (the embedded organization's own, or one that fetchmail or
/// offlineimap fills): each message parsed once, however often the folder is looked at.
public final class MaildirSource: MailSource {
    public let mailbox: Mailbox
    private let known = Mutex(Set<String>())

    public init(_ mailbox: Mailbox) {
        self.mailbox = mailbox
    }

    public func messages(since date: Date) async throws -> [MailMessage] {
        try known.withLock { known throws(RootmailError) in try mailbox.messages(notIn: &known) }
            .filter { ($0.received ?? .distantPast) >= date }
    }

    /// A Maildir tells nobody of new mail: it is looked at again after a short while.
    public func waitForMail(upTo limit: Duration) async throws {
        try await Task.sleep(for: min(limit, .milliseconds(250)))
    }

    public func close() async {}
}
