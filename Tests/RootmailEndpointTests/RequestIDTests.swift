import Foundation
import Testing
@testable import RootmailEndpoint

/// botocore reads `x-amzn-RequestId` into `ResponseMetadata.RequestId`; AWS's are version 4
/// UUIDs in lower case, and scripts log them to match a call with CloudTrail.
@Suite(.tags(.unit)) struct RequestIDTests {
    @Test func aRequestIDIsALowerCaseVersionFourUUID() throws {
        for _ in 0..<200 {
            let id = RequestID.make()
            let uuid = try #require(UUID(uuidString: id), "\(id) is not a UUID")
            #expect(id == id.lowercased())
            #expect(uuid.uuidString.lowercased() == id)
            let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
            #expect(bytes[6] >> 4 == 4, "\(id) is not version 4")
            #expect(bytes[8] >> 6 == 0b10, "\(id) is not of the RFC 4122 variant")
        }
    }

    @Test func everyRequestGetsItsOwn() {
        let ids = (0..<10_000).map { _ in RequestID.make() }
        #expect(Set(ids).count == ids.count)
    }
}
