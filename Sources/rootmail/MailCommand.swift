import ArgumentParser
import EmbeddedOrganization
import Foundation
import OrderedJSON
import RootmailCore

struct Mail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The embedded organization's mailbox, where its verification codes are sent.",
        discussion: """
            Messages are a Maildir in the data directory (`mutt -f "$ROOTMAIL_HOME/mail"` opens it). \
            With --to and --code, prints only the latest code sent to that address.
            """
    )

    @Option(help: "Only messages sent to this address.") var to: String?
    @Flag(help: "Print only the code of the latest message (needs --to).") var code = false
    @Option(help: "Print the whole message with this id.") var show: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if code && to == nil { throw ValidationError("--code needs --to ADDRESS: whose latest code to print.") }
    }

    func run() async throws {
        let (dataDirectory, _) = try Workspace.openOrganization()
        let mailbox = Mailbox(in: dataDirectory)
        if let show {
            let message = try mailbox.message(id: show)
            Swift.print(message.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n") + "\n\n" + message.body)
            return
        }
        let recipient = try to.map { address throws(RootmailError) in try EmailAddress(address, field: "--to") }
        if code, let recipient {
            guard let latest = try mailbox.latestCode(to: recipient) else {
                throw RootmailError.notFound("No verification code has been sent to \(recipient) yet.")
            }
            Swift.print(latest.secret)
            return
        }
        let messages = try mailbox.messages().filter { message in
            recipient.map { message.recipientAddress.flatMap { try? EmailAddress($0) } == $0 } ?? true
        }
        global.print(.object([("Messages", .array(messages.map { message in
            .object([
                ("Id", .string(message.id)),
                ("Date", message.date.map(JSONValue.timestamp) ?? .null),
                ("To", .optional(message.to)),
                ("Subject", .optional(message.subject)),
            ])
        }))]), operation: "Mailbox")
    }
}
