/// The `output` setting of the profile the AWS CLI would use, so that `aws configure set output
/// table` changes rootmail's default format as it changes the AWS CLI's.
public enum ProfileOutputSetting {
    /// The profile is `--profile`, else AWS_PROFILE, else `default`; nil when it sets no output
    /// or the files cannot be read (reading them for credentials reports that).
    public static func value(profile: String?, environment: [String: String]) -> String? {
        guard let configuration = try? SharedConfiguration(environment: environment) else { return nil }
        let name = profile ?? environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        return configuration.profile(name)?.configValues["output"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
