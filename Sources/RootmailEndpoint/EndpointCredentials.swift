import EmbeddedOrganization
import RootmailCore
import RootmailStore

/// `rootmail serve credentials [--caller NAME]`: the access key of one of the embedded
/// organization's callers, as shell lines that point the AWS CLI and the SDKs at it.
public enum EndpointCredentials {
    /// `export AWS_ACCESS_KEY_ID=…` and `export AWS_SECRET_ACCESS_KEY=…`, one a line, for the
    /// named caller or, when nil, the management account's administrator. Throws
    /// `RootmailError.configuration` naming the callers when the name is unknown.
    public static func exportLines(dataDirectory: DataDirectory, callerName: String? = nil) throws -> String {
        let organization = try EmbeddedOrganization.open(in: dataDirectory)
        return exportLines(for: try organization.backend(caller: callerName).caller())
    }

    public static func exportLines(for caller: EmbeddedCaller) -> String {
        "export AWS_ACCESS_KEY_ID=\(shellQuoted(caller.accessKeyID))\n"
            + "export AWS_SECRET_ACCESS_KEY=\(shellQuoted(caller.secretAccessKey))\n"
    }

    /// The value as is when the shell reads it unchanged, else in single quotes.
    private static func shellQuoted(_ value: String) -> String {
        let plain = value.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "+/=._-".unicodeScalars.contains($0)
        }
        return plain && !value.isEmpty ? value : "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
