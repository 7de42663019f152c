import Foundation

/// Which received message carries the code of a started update: AWS's verification mail, told
/// by its subject and sender (AWS's by default; settings, since AWS may reword its mail), sent to
/// the update's new address after the update started.
public struct VerificationMailRule: Sendable, Equatable {
    public let subject: String
    /// The sender's address, without a display name.
    public let sender: String

    public static let aws = VerificationMailRule(uncheckedSubject: AWSMessages.verificationMailSubject,
                                                 sender: AWSMessages.verificationMailSender)

    public init(subject: String?, sender: String?) throws(RootmailError) {
        let subject = (subject ?? AWSMessages.verificationMailSubject).trimmingWhitespace()
        let sender = (sender ?? AWSMessages.verificationMailSender).trimmingWhitespace()
        guard !subject.isEmpty else {
            throw .invalidInput(field: "verification_mail_subject", value: subject, rule: "must not be empty")
        }
        guard (try? EmailAddress(sender)) != nil else {
            throw .invalidInput(field: "verification_mail_sender", value: sender,
                                rule: "must be an email address alone, as no-reply@signin.aws")
        }
        self.init(uncheckedSubject: subject, sender: sender)
    }

    private init(uncheckedSubject subject: String, sender: String) {
        self.subject = subject
        self.sender = sender
    }

    /// The code of the message when it is the verification mail; nil for any other message.
    public func code(of message: MailMessage) -> OneTimeCode? {
        guard message.subject?.trimmingWhitespace() == subject,
              message.senderAddress?.lowercased() == sender.lowercased() else { return nil }
        return Self.sixDigitCode(in: message.body)
    }

    /// The code of the latest verification mail to the address received since `start`, less the
    /// clock tolerance (a mail's Date has whole seconds and another machine's clock).
    public func code(in messages: [MailMessage], to address: EmailAddress, after start: Date) -> OneTimeCode? {
        let earliest = start.addingTimeInterval(-EmailUpdateService.clockTolerance)
        return messages
            .filter { message in
                (message.received ?? .distantPast) >= earliest
                    && message.recipientAddresses.contains { Self.isDelivered(to: address, recipient: $0) }
            }
            .sorted { ($0.received ?? .distantPast) < ($1.received ?? .distantPast) }
            .reversed().lazy.compactMap(code(of:)).first
    }

    /// Whether a message to `recipient` is the one for `address`. Mail servers take the domain
    /// and, in practice, the local part without regard to case; they deliver `name+tag@domain`
    /// into `name@domain`'s mailbox but keep the tag in To:, and the tag is what tells the mail
    /// of two accounts that share one mailbox apart, so it must match too.
    public static func isDelivered(to address: EmailAddress, recipient: String) -> Bool {
        recipient.lowercased() == address.normalized
    }

    /// The code: on a line that names a code, else alone on its line; six digits that are not
    /// part of a longer number (an account ID has twelve).
    static func sixDigitCode(in body: String) -> OneTimeCode? {
        let lines = body.split(whereSeparator: \.isNewline).map(String.init)
        let labelled = lines.filter { $0.lowercased().contains("code") }.lazy.compactMap(sixDigitRun).first
        let alone = lines.lazy.filter { $0.trimmingWhitespace().count == OneTimeCode.length }.compactMap(sixDigitRun).first
        return (labelled ?? alone).flatMap { try? OneTimeCode($0) }
    }

    private static func sixDigitRun(_ line: String) -> String? {
        var run = ""
        for character in line + " " {
            if character.isASCII, character.isNumber {
                run.append(character)
            } else {
                if run.count == OneTimeCode.length { return run }
                run = ""
            }
        }
        return nil
    }
}
