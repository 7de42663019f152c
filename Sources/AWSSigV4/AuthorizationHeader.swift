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
        // Read as bytes, one pass, no intermediate strings: every request to the endpoint has one.
        let bytes = Array(header.utf8)
        let text = bytes[ASCIIWhitespace.trimmed(bytes[...])]
        let algorithmEnd = text.firstIndex(of: UInt8(ascii: " ")) ?? text.endIndex
        func incomplete(missing parameters: [String]) -> SignatureRejection {
            SignatureRejection(.incompleteSignature, detail: AuthenticationMessages.incompleteAuthorization(
                missingParameters: parameters, missingDate: !hasDate, authorization: header
            ))
        }
        guard text[..<algorithmEnd].elementsEqual(SignatureCalculation.algorithm.utf8) else {
            throw incomplete(missing: ["Credential", "Signature", "SignedHeaders"])
        }

        var parameters: [String: String] = [:]
        for piece in text[algorithmEnd...].split(separator: UInt8(ascii: ",")) {
            let part = piece[ASCIIWhitespace.trimmed(piece)]
            guard !part.isEmpty else { continue }
            guard let equals = part.firstIndex(of: UInt8(ascii: "=")) else {
                throw SignatureRejection(.incompleteSignature, detail: AuthenticationMessages.notKeyValuePair(
                    String(decoding: part, as: UTF8.self), authorization: header))
            }
            let key = String(decoding: part[..<equals], as: UTF8.self)
            if parameters[key] == nil {
                parameters[key] = String(decoding: part[(equals + 1)...], as: UTF8.self)
            }
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

/// Space, tab and the other ASCII white space HTTP allows around header values and parameters.
enum ASCIIWhitespace {
    static func contains(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    /// The range of `bytes` without the white space around it.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> Range<Int> {
        guard let first = bytes.firstIndex(where: { !contains($0) }),
              let last = bytes.lastIndex(where: { !contains($0) })
        else { return bytes.startIndex..<bytes.startIndex }
        return first..<(last + 1)
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let bytes = Array(utf8)
        return String(decoding: bytes[ASCIIWhitespace.trimmed(bytes[...])], as: UTF8.self)
    }
}
