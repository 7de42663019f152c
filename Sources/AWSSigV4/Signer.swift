import Foundation

/// Signs requests with one set of credentials for one region and service.
public struct Signer: Sendable {
    public let credentials: Credentials
    public let region: String
    public let service: String
    /// Adds `X-Amz-Content-Sha256` (signed), which some services want and all accept.
    public let addsContentSHA256Header: Bool

    public init(credentials: Credentials, region: String, service: String, addsContentSHA256Header: Bool = false)
        throws(InvalidScope)
    {
        try CredentialScope.check(region, named: "region")
        try CredentialScope.check(service, named: "service")
        self.credentials = credentials
        self.region = region
        self.service = service
        self.addsContentSHA256Header = addsContentSHA256Header
    }

    /// The request with `Host`, `X-Amz-Date`, `X-Amz-Security-Token` (with a session token),
    /// `X-Amz-Content-Sha256` (when asked) and `Authorization` set. Earlier values of these
    /// headers are replaced, so a retry can be signed again from the same request.
    ///
    /// `host` is the `Host` header value, port included when not the default
    /// (see `HostHeader.value(scheme:host:port:)`). Every header present is signed but those
    /// that HTTP clients and proxies add or rewrite (`User-Agent`, `Connection`, …): add
    /// `Content-Type` and the like before signing, and send the headers returned unchanged.
    public func sign(_ request: SignableRequest, host: String, at time: Date) -> SignableRequest {
        let date = AMZDate(time)
        var signed = request
        signed.removeHeaders(named: "Authorization")
        signed.setHeader("Host", to: host)
        signed.setHeader("X-Amz-Date", to: date.description)
        if let token = credentials.sessionToken {
            signed.setHeader("X-Amz-Security-Token", to: token)
        } else {
            signed.removeHeaders(named: "X-Amz-Security-Token")
        }
        if addsContentSHA256Header {
            signed.setHeader("X-Amz-Content-Sha256", to: CanonicalRequest.hexSHA256(signed.body))
        }
        let signedHeaderNames = CanonicalRequest.namesToSign(in: signed)
        let canonical = CanonicalRequest(signed, signedHeaderNames: signedHeaderNames)
        let scope = CredentialScope(checkedDateStamp: date.dateStamp, region: region, service: service)
        let signature = SignatureCalculation.signature(
            signingKey: SignatureCalculation.signingKey(secretAccessKey: credentials.secretAccessKey, scope: scope),
            stringToSign: SignatureCalculation.stringToSign(date: date, scope: scope, canonicalRequest: canonical)
        )
        let authorization = AuthorizationHeader(
            accessKeyID: credentials.accessKeyID,
            scope: scope,
            signedHeaders: signedHeaderNames,
            signature: signature
        )
        signed.headers.append(HeaderField("Authorization", authorization.description))
        return signed
    }
}
