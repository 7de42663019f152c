import Foundation
import RootmailCore

/// Where botocore's `AssumeRoleWithWebIdentityProvider` finds its three settings: each of
/// `web_identity_token_file`, `role_arn` and `role_session_name` from its environment variable
/// when that is set (and the environment counts: no `--profile`, not a source profile), else from
/// the profile. Nil when there is no token file.
struct WebIdentitySettings: Sendable, Equatable {
    static let variables = ["web_identity_token_file": "AWS_WEB_IDENTITY_TOKEN_FILE", "role_arn": "AWS_ROLE_ARN",
                            "role_session_name": "AWS_ROLE_SESSION_NAME"]

    let tokenFile: String
    /// Which setting named the token file, for messages.
    let tokenFileSource: String
    let roleARN: String
    let sessionName: String?

    /// - Parameter environment: nil when the environment does not count.
    init?(profile: SharedConfiguration.Profile?, environment: [String: String]?, configFile: String) throws {
        func setting(_ key: String) -> (value: String, source: String)? {
            // botocore takes a variable that is set even when it is empty.
            if let variable = Self.variables[key], let value = environment?[variable] { return (value, variable) }
            if let profile, let value = profile.value(key) {
                return (value, "\(key) of profile \"\(profile.name)\" in \(configFile)")
            }
            return nil
        }
        guard let (tokenFile, tokenFileSource) = setting("web_identity_token_file"), !tokenFile.isEmpty else { return nil }
        guard let (roleARN, _) = setting("role_arn"), !roleARN.isEmpty else {
            throw RootmailError.configuration(
                "\(tokenFileSource) names a web identity token file, but no role is given to assume with it: "
                    + "set AWS_ROLE_ARN, or role_arn in the profile.")
        }
        self.tokenFile = tokenFile
        self.tokenFileSource = tokenFileSource
        self.roleARN = roleARN
        sessionName = setting("role_session_name")?.value
    }

    /// The token as the file holds it, read at each fetch (the identity provider rotates it) and
    /// sent as it is, as botocore sends it.
    func readToken() throws -> String {
        do {
            return try String(contentsOfFile: tokenFile, encoding: .utf8)
        } catch {
            throw RootmailError.configuration(
                "The web identity token file \(tokenFile) (\(tokenFileSource)) cannot be read: \(error.localizedDescription)")
        }
    }
}
