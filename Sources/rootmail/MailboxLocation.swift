import Foundation
import IMAPClient
import RootmailCore

/// Where `--mailbox` says the codes arrive: a local Maildir, or a folder on an IMAP server.
enum MailboxLocation: Equatable {
    case maildir(path: String)
    case imap(server: IMAPServer, user: String, folder: String)

    static let acceptedForms = "maildir:PATH, imaps://USER@HOST[:PORT]/MAILBOX, or imap://USER@HOST[:PORT]/MAILBOX (with STARTTLS)"

    init(_ text: String, extraTrustedCertificates: String? = nil) throws(RootmailError) {
        func refuse(_ why: String) -> RootmailError {
            .invalidInput(field: "--mailbox", value: text, rule: "\(why); the accepted forms are \(Self.acceptedForms)")
        }
        if text.hasPrefix("maildir:") {
            let path = String(text.dropFirst("maildir:".count))
            guard !path.isEmpty else { throw refuse("maildir: names no folder") }
            self = .maildir(path: path)
            return
        }
        let security: IMAPServer.Security
        let rest: Substring
        if text.lowercased().hasPrefix("imaps://") {
            (security, rest) = (.implicitTLS, text.dropFirst("imaps://".count))
        } else if text.lowercased().hasPrefix("imap://") {
            (security, rest) = (.startTLS, text.dropFirst("imap://".count))
        } else {
            throw refuse("it is neither a maildir: path nor an imaps:// or imap:// URL")
        }
        let authority = rest.prefix { $0 != "/" }
        let path = rest.dropFirst(authority.count).drop { $0 == "/" }
        guard let at = authority.lastIndex(of: "@") else { throw refuse("it names no user: write USER@HOST") }
        let userInfo = authority[..<at]
        guard !userInfo.contains(":") else {
            throw refuse("it holds a password, which the process list and the shell's history would show; "
                + "give the password in ROOTMAIL_IMAP_PASSWORD or a --password-file instead")
        }
        guard let user = userInfo.removingPercentEncoding, !user.isEmpty else { throw refuse("the user before @ is empty") }
        let hostPort = authority[authority.index(after: at)...]
        var host = hostPort
        var port: Int?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw refuse("the IPv6 address has no closing ]") }
            host = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
            let after = hostPort[hostPort.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw refuse("only :PORT may follow the IPv6 address") }
                port = Int(after.dropFirst()) ?? -1
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = hostPort[..<colon]
            port = Int(hostPort[hostPort.index(after: colon)...]) ?? -1
        }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "@" }) else { throw refuse("it names no host") }
        if let port, !(1...65535).contains(port) { throw refuse("the port must be a number from 1 to 65535") }
        guard let folder = path.removingPercentEncoding else { throw refuse("the mailbox's name has a bad %-escape") }
        self = .imap(server: IMAPServer(host: String(host), port: port, security: security,
                                        extraTrustedCertificates: extraTrustedCertificates),
                     user: user, folder: folder.isEmpty ? "INBOX" : folder)
    }
}

/// The IMAP password: from `--password-file` (which only its owner may read) or from
/// ROOTMAIL_IMAP_PASSWORD; never from the command line, where other users and the shell's
/// history would see it.
enum IMAPPassword {
    static let variable = "ROOTMAIL_IMAP_PASSWORD"

    static func read(file: String?, environment: [String: String]) throws(RootmailError) -> String {
        guard let file else {
            guard let password = environment[variable], !password.isEmpty else {
                throw .configuration("The IMAP mailbox needs a password: set \(variable), or give --password-file PATH "
                    + "(a file only you can read: chmod 600 PATH).")
            }
            return password
        }
        var status = stat()
        guard stat(file, &status) == 0, let data = FileManager.default.contents(atPath: file) else {
            throw .invalidInput(field: "--password-file", value: file, rule: "must be a readable file")
        }
        guard status.st_mode & 0o077 == 0 else {
            throw .invalidInput(field: "--password-file", value: file,
                                rule: "can be read by other users (mode \(String(status.st_mode & 0o777, radix: 8))); "
                                    + "make it yours alone with chmod 600 \(file)")
        }
        var password = String(decoding: data, as: UTF8.self)
        // The line end an editor or `echo` adds is not part of the password.
        if password.hasSuffix("\n") { password.removeLast() }
        guard !password.isEmpty else { throw .invalidInput(field: "--password-file", value: file, rule: "is empty") }
        return password
    }
}
