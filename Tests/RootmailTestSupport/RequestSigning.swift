import AWSSigV4
import Foundation

/// Requests signed with the project's own SigV4 signer, as an AWS client signs them.
public enum RequestSigning {
    /// The request with the headers a client adds for `host` at `time`: Host, X-Amz-Date,
    /// X-Amz-Content-Sha256 and Authorization.
    public static func sign(_ request: SignableRequest, accessKeyID: String, secretAccessKey: String, service: String,
                            region: String = "us-east-1", host: String, at time: Date = Date()) throws -> SignableRequest {
        let credentials = try Credentials(accessKeyID: accessKeyID, secretAccessKey: secretAccessKey)
        return try Signer(credentials: credentials, region: region, service: service).sign(request, host: host, at: time)
    }
}
