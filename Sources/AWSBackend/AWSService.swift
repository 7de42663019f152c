/// The three AWS services rootmail calls, with what each needs to be addressed and signed.
enum AWSService: String, Sendable, CaseIterable {
    case organizations
    case account
    case sts

    /// The suffix of `AWS_ENDPOINT_URL_<SERVICE>`.
    var environmentSuffix: String { rawValue.uppercased() }

    /// The key of this service's sub-section in a `[services NAME]` section.
    var configurationKey: String { rawValue }

    /// The service name in the SigV4 credential scope.
    var signingName: String { rawValue }

    /// AWS's own endpoint when nothing overrides it. Organizations and Account are global
    /// services served from us-east-1; STS answers in every region.
    func defaultEndpoint(region: String, stsRegional: Bool) -> (url: String, signingRegion: String) {
        switch self {
        case .organizations: ("https://organizations.us-east-1.amazonaws.com", "us-east-1")
        case .account: ("https://account.us-east-1.amazonaws.com", "us-east-1")
        case .sts: stsRegional ? ("https://sts.\(region).amazonaws.com", region) : ("https://sts.amazonaws.com", "us-east-1")
        }
    }
}
