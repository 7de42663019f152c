import RootmailCore

/// The parameters of an AssumeRole or AssumeRoleWithWebIdentity request, checked as STS's
/// front end checks them before anything else: every broken constraint of STS's model goes into
/// one ValidationError.
struct AssumeRoleInput {
    static let operation = "AssumeRole"
    static let webIdentityOperation = "AssumeRoleWithWebIdentity"
    static let webIdentityTokenLengths = 4...20_000
    static let roleARNLengths = 20...2048
    static let sessionNameLengths = 2...64
    /// The pattern as STS's model writes it, and the characters it allows beside `\w`.
    static let sessionNamePattern = (text: #"[\w+=,.@-]*"#, punctuation: "+=,.@-")
    static let externalIDLengths = 2...1224
    static let externalIDPattern = (text: #"[\w+=,.@:\/-]*"#, punctuation: "+=,.@:/-")
    static let durationRange = 900...43_200
    static let defaultDuration = 3600

    let operation: String
    let roleARN: String
    let sessionName: String
    let durationSeconds: Int

    /// `externalID` is checked for form only: no role of the organization asks for one.
    init(roleARN: String?, sessionName: String?, durationSeconds: String?, externalID: String?) throws(RootmailError) {
        try self.init(operation: Self.operation, roleARN: roleARN, sessionName: sessionName,
                      durationSeconds: durationSeconds, externalID: externalID, webIdentityToken: nil)
    }

    /// AssumeRoleWithWebIdentity's parameters: the token's length is checked here, its content
    /// by `WebIdentityToken`.
    init(roleARN: String?, sessionName: String?, durationSeconds: String?, webIdentityToken: String?)
        throws(RootmailError)
    {
        try self.init(operation: Self.webIdentityOperation, roleARN: roleARN, sessionName: sessionName,
                      durationSeconds: durationSeconds, externalID: nil, webIdentityToken: .some(webIdentityToken))
    }

    /// - Parameter webIdentityToken: nil for AssumeRole, which has no such member.
    private init(operation: String, roleARN: String?, sessionName: String?, durationSeconds: String?,
                 externalID: String?, webIdentityToken: String??) throws(RootmailError) {
        var problems: [(member: String, value: String?, constraint: String)] = []
        func check(_ member: String, _ value: String?, lengths: ClosedRange<Int>,
                   pattern: (text: String, punctuation: String)? = nil) {
            guard let value else { return problems.append((member, nil, AWSMessages.memberMissing)) }
            if value.count < lengths.lowerBound { problems.append((member, value, STSMessages.minimumLength(lengths.lowerBound))) }
            if value.count > lengths.upperBound { problems.append((member, value, STSMessages.maximumLength(lengths.upperBound))) }
            if let pattern,
               !value.unicodeScalars.allSatisfy({ Self.isWordCharacter($0) || pattern.punctuation.unicodeScalars.contains($0) }) {
                problems.append((member, value, STSMessages.pattern(pattern.text)))
            }
        }
        check("roleArn", roleARN, lengths: Self.roleARNLengths)
        check("roleSessionName", sessionName, lengths: Self.sessionNameLengths, pattern: Self.sessionNamePattern)
        if externalID != nil {
            check("externalId", externalID, lengths: Self.externalIDLengths, pattern: Self.externalIDPattern)
        }
        if let webIdentityToken {
            check("webIdentityToken", webIdentityToken, lengths: Self.webIdentityTokenLengths)
        }
        var duration = Self.defaultDuration
        if let durationSeconds {
            if let seconds = Int(durationSeconds) {
                duration = seconds
                if seconds < Self.durationRange.lowerBound {
                    problems.append(("durationSeconds", durationSeconds, STSMessages.minimumValue(Self.durationRange.lowerBound)))
                } else if seconds > Self.durationRange.upperBound {
                    problems.append(("durationSeconds", durationSeconds, STSMessages.maximumValue(Self.durationRange.upperBound)))
                }
            } else {
                problems.append(("durationSeconds", durationSeconds, STSMessages.mustBeInteger))
            }
        }
        guard problems.isEmpty, let roleARN, let sessionName else {
            throw ServiceError(.stsValidation, STSMessages.validationFailed(problems)).during(operation)
        }
        self.operation = operation
        self.roleARN = roleARN
        self.sessionName = sessionName
        self.durationSeconds = duration
    }

    /// `\w` as the Java patterns of AWS's models read it: ASCII letters, digits and `_`.
    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
    }
}
