/// `AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/account/aws4_request, SignedHeaders=host;x-amz-date, Signature=…`
public struct AuthorizationHeader: Sendable, Hashable, CustomStringConvertible {
    public let accessKeyID: String
    public let scope: CredentialScope
    /// Lowercase header names, in the order the client listed them.
    public let signedHeaders: [String]
    public let signature: String

    public init(accessKeyID: String, scope: CredentialScope, signedHeaders: [String], signature: String) {
        self.accessKeyID = accessKeyID
        self.scope = scope
        self.signedHeaders = signedHeaders
        self.signature = signature
    }

    public var description: String {
        "\(SignatureCalculation.algorithm) Credential=\(accessKeyID)/\(scope), SignedHeaders=\(signedHeaders.joined(separator: ";")), Signature=\(signature)"
    }

    /// Reads a header as AWS does, refusing with AWS's texts what it cannot read.
    /// `hasDate` tells whether the request carries the date the header needs.
    public init(parsing header: String, hasDate: Bool) throws(SignatureRejection) {
        let text = header.trimmingASCIIWhitespace()
        let bytes = Array(text.utf8)
        let algorithmEnd = bytes.firstIndex(of: UInt8(ascii: " ")) ?? bytes.endIndex
        let algorithm = String(decoding: bytes[..<algorithmEnd], as: UTF8.self)
        func incomplete(missing parameters: [String]) -> SignatureRejection {
            SignatureRejection(.incompleteSignature, detail: AuthenticationMessages.incompleteAuthorization(
                missingParameters: parameters, missingDate: !hasDate, authorization: header
            ))
        }
        guard algorithm == SignatureCalculation.algorithm else {
            throw incomplete(missing: ["Credential", "Signature", "SignedHeaders"])
        }

        var parameters: [String: String] = [:]
        let rest = String(decoding: bytes[algorithmEnd...], as: UTF8.self)
        for part in rest.split(separator: ",").map({ String($0).trimmingASCIIWhitespace() }) where !part.isEmpty {
            guard let equals = part.firstIndex(of: "=") else {
                throw SignatureRejection(.incompleteSignature, detail: AuthenticationMessages.notKeyValuePair(part, authorization: header))
            }
            let key = String(part[..<equals])
            if parameters[key] == nil { parameters[key] = String(part[part.index(after: equals)...]) }
        }
        let missing = ["Credential", "Signature", "SignedHeaders"].filter { parameters[$0] == nil }
        guard missing.isEmpty, hasDate,
              let credential = parameters["Credential"], let signedHeaders = parameters["SignedHeaders"],
              let signature = parameters["Signature"]
        else { throw incomplete(missing: missing) }

        let elements = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard elements.count == 5 else {
            throw SignatureRejection(.incompleteSignature, detail: AuthenticationMessages.credentialElements(credential))
        }
        guard elements[4] == CredentialScope.terminator else {
            throw SignatureRejection(.incompleteSignature, detail: AuthenticationMessages.credentialTerminator(elements[4]))
        }
        guard !elements[0].isEmpty else {
            throw SignatureRejection(.incompleteSignature, detail: AuthenticationMessages.credentialPart("the access key id is empty."))
        }
        let scope: CredentialScope
        do {
            scope = try CredentialScope(dateStamp: elements[1], region: elements[2], service: elements[3])
        } catch {
            throw SignatureRejection(.incompleteSignature, detail: AuthenticationMessages.credentialPart(error.message))
        }
        let names = signedHeaders.split(separator: ";", omittingEmptySubsequences: false).map { $0.lowercased() }
        guard names.contains("host") else {
            throw SignatureRejection(.incompleteSignature, detail: AuthenticationMessages.hostNotSigned, scope: scope)
        }
        self.init(accessKeyID: elements[0], scope: scope, signedHeaders: names, signature: signature)
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let bytes = Array(utf8)
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
