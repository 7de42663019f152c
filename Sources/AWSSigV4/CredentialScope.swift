/// `20260101/us-east-1/account/aws4_request`: the day, region and service a signature is valid for.
///
/// A server routes by `service`; the region is whatever the client signed with (the AWS CLI
/// with `--endpoint-url` signs with its configured region).
public struct CredentialScope: Sendable, Hashable, CustomStringConvertible {
    public static let terminator = "aws4_request"

    /// `yyyyMMdd`
    public let dateStamp: String
    public let region: String
    public let service: String

    public init(dateStamp: String, region: String, service: String) throws(InvalidScope) {
        guard dateStamp.utf8.count == 8, dateStamp.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { throw InvalidScope(message: "The scope date '\(dateStamp)' is not of the form yyyyMMdd.") }
        try Self.check(region, named: "region")
        try Self.check(service, named: "service")
        self.dateStamp = dateStamp
        self.region = region
        self.service = service
    }

    /// For parts already checked: a date stamp made from an `AMZDate`, a region and service
    /// checked when the signer was made.
    init(checkedDateStamp: String, region: String, service: String) {
        dateStamp = checkedDateStamp
        self.region = region
        self.service = service
    }

    public var description: String { "\(dateStamp)/\(region)/\(service)/\(Self.terminator)" }

    static func check(_ part: String, named name: String) throws(InvalidScope) {
        if part.isEmpty {
            throw InvalidScope(message: "The signing \(name) is empty: name one, such as us-east-1 or organizations.")
        }
        // ASCII answered without Unicode's tables: every request's scope passes here.
        if part.unicodeScalars.contains(where: { $0 == "/" || ($0.isASCII ? $0 == " " || ("\t"..."\r").contains($0) : $0.properties.isWhitespace) }) {
            throw InvalidScope(message: "The signing \(name) '\(part)' contains '/' or whitespace: remove them.")
        }
    }
}

public struct InvalidScope: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
