import Foundation
import RootmailCore

/// `$XDG_CONFIG_HOME/rootmail/config.toml` (else `~/.config/rootmail/config.toml`): the
/// settings a user wants every time, such as `backend = "aws"` and `profile = "org-admin"`.
/// It holds top-level `key = "string"` lines and `#` comments, the part of TOML it needs.
/// `verification_mail_subject` and `verification_mail_sender` say how AWS's verification mail
/// is recognised in a mailbox, should AWS reword it.
struct ConfigFile: Equatable {
    static let keys: Set<String> = ["backend", "profile", "region", "endpoint_url", "store", "password_file",
                                    "verification_mail_subject", "verification_mail_sender"]

    var backend: String?
    var profile: String?
    var region: String?
    var endpointURL: String?
    /// A team's PostgreSQL store, `postgresql://USER@HOST:PORT/DB?sslmode=verify-full&sslrootcert=PATH`.
    var store: String?
    /// The file holding the store's password (mode 0600), when PGPASSWORD and ~/.pgpass do not.
    var passwordFile: String?
    var verificationMailSubject: String?
    var verificationMailSender: String?

    static func location(environment: [String: String]) -> URL {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("rootmail/config.toml")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".config/rootmail/config.toml")
    }

    /// The file's settings, or none when there is no file.
    static func load(environment: [String: String]) throws(RootmailError) -> ConfigFile {
        let url = location(environment: environment)
        guard let data = FileManager.default.contents(atPath: url.path) else { return ConfigFile() }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .configuration("The configuration file \(url.path) is not UTF-8 text. Fix or remove it.")
        }
        return try parse(text, path: url.path)
    }

    static func parse(_ text: String, path: String) throws(RootmailError) -> ConfigFile {
        var config = ConfigFile()
        // TOML's newline is LF or CRLF; Swift keeps CRLF as one Character, so both are named.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (index, rawLine) in lines.enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            func reject(_ why: String) -> RootmailError {
                .configuration("The configuration file \(path), line \(index + 1) (\(EchoedInput.excerpt(line))): \(why). "
                    + "Write settings as key = \"value\", with keys \(keys.sorted().joined(separator: ", ")).")
            }
            guard let equals = line.firstIndex(of: "=") else { throw reject("there is no =") }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if let comment = value.range(of: " #") { value = String(value[..<comment.lowerBound]).trimmingCharacters(in: .whitespaces) }
            guard value.count >= 2, value.first == "\"", value.last == "\"" else {
                throw reject("the value must be a string in double quotes")
            }
            value = String(value.dropFirst().dropLast())
            switch key {
            case "backend":
                guard ["embedded", "aws"].contains(value) else { throw reject("backend must be \"embedded\" or \"aws\"") }
                config.backend = value
            case "profile": config.profile = value
            case "region": config.region = value
            case "endpoint_url": config.endpointURL = value
            case "store":
                guard value.hasPrefix("postgresql://") || value.hasPrefix("postgres://") else {
                    throw reject("store must be a postgresql:// URL (leave it out for the data directory's SQLite file)")
                }
                config.store = value
            case "password_file":
                guard value.hasPrefix("/") else { throw reject("password_file must be an absolute path") }
                config.passwordFile = value
            case "verification_mail_subject": config.verificationMailSubject = value
            case "verification_mail_sender": config.verificationMailSender = value
            default: throw reject("unknown key \"\(EchoedInput.excerpt(key))\"")
            }
        }
        return config
    }
}
