import Foundation
import RootmailCore

/// The message AWS sends to the new address when a primary email update starts, written as
/// an RFC 5322 message with LF line endings, as Maildir stores mail.
struct VerificationMail {
    static let codeLabel = "Verification code:"

    let recipient: EmailAddress
    let accountID: AccountID
    let accountName: String
    let code: OneTimeCode
    let date: Date

    func rendered() -> String {
        let headers = [
            "From: \(AWSMessages.verificationMailSenderName) <\(AWSMessages.verificationMailSender)>",
            "To: \(recipient.rawValue)",
            "Subject: \(AWSMessages.verificationMailSubject)",
            "Date: \(MailDate.format(date))",
            "Message-ID: <\(UUID().uuidString.lowercased())@signin.aws>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        let body = [
            "Hello,",
            "",
            "Someone asked to change the root user email address of this AWS account to this address:",
            "",
            "    Account ID:   \(accountID)",
            "    Account name: \(accountName)",
            "",
            "To confirm that you own this address, enter this code where the change was started:",
            "",
            "    \(Self.codeLabel) \(code.secret)",
            "",
            "The code can be used for 24 hours. If you did not ask for this change, ignore this message.",
            "",
            "Sincerely,",
            "Amazon Web Services",
            "",
            "(Written by rootmail's embedded organization; no mail left this machine.)",
        ]
        return headers.joined(separator: "\n") + "\n\n" + body.joined(separator: "\n") + "\n"
    }
}
