import Foundation
import GRDB

/// A row of a `rootmail.sqlite` table, read and written through GRDB's Codable records: each
/// record names its columns once, in its `CodingKeys` (snake_case, as `embedded-organization.sqlite`
/// names them), and holds them as stored; the store turns it into a domain value, where the
/// values are checked. Dates are seconds since 1970 (REAL) so that they read back exactly as
/// written.
protocol RootmailRecord: Codable, FetchableRecord, PersistableRecord {}

extension RootmailRecord {
    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSince1970
    }

    static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSince1970
    }
}
