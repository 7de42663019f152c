import Foundation
import RootmailCore

/// The password as libpq users expect to give it: PGPASSWORD, else the configuration's
/// `password_file`, else the first matching line of ~/.pgpass (or PGPASSFILE). A file readable
/// by others is refused, as libpq refuses it, rather than used: the password would leak.
public enum PostgresPassword {
    public static func resolve(for url: PostgresStoreURL, passwordFile: String?,
                               environment: [String: String]) throws(RootmailError) -> String? {
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        if let passwordFile {
            let text = try readPrivate(passwordFile, what: "The password_file")
            return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let pgpass = environment["PGPASSFILE"] ?? (home + "/.pgpass")
        guard FileManager.default.fileExists(atPath: pgpass) else { return nil }
        return matching(try readPrivate(pgpass, what: "The password file"), url: url)
    }

    private static func readPrivate(_ path: String, what: String) throws(RootmailError) -> String {
        var status = stat()
        guard stat(path, &status) == 0, let data = FileManager.default.contents(atPath: path) else {
            throw .configuration("\(what) \(path) cannot be read: \(String(cString: strerror(errno))).")
        }
        let mode = status.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw .configuration("\(what) \(path) can be read by other users (mode \(String(mode, radix: 8))), so "
                + "rootmail does not use it. Run: chmod 600 \(path)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// `hostname:port:database:username:password`, `*` matching anything, `\` escaping `:` and `\`.
    static func matching(_ text: String, url: PostgresStoreURL) -> String? {
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [String] = [""]
            var escaped = false
            for character in line {
                if escaped { fields[fields.count - 1].append(character); escaped = false }
                else if character == "\\" { escaped = true }
                else if character == ":" && fields.count < 5 { fields.append("") }
                else { fields[fields.count - 1].append(character) }
            }
            guard fields.count == 5 else { continue }
            let wanted = [url.host, String(url.port), url.database, url.user]
            if zip(fields, wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }
}
