import Foundation
import RootmailCore

/// Pages of Organizations' short lists (roots, OUs of a parent, parents, service principals,
/// delegated administrators, tags), which the embedded organization returns whole: the
/// `NextToken` holds the operation and the offset of the next page.
struct ListPaging {
    let operation: OrganizationsOperation
    let maxResults: Int

    /// AWS's page size when the caller names none.
    static let defaultMaxResults = 20

    /// The page of `items` that `nextToken` points at, and the token of the page after it.
    func page<Item>(of items: [Item], nextToken: String?) throws(EndpointError) -> (items: ArraySlice<Item>, nextToken: String?) {
        let start = try nextToken.map { token throws(EndpointError) in try offset(in: token) } ?? 0
        guard start <= items.count else { throw invalidToken }
        let end = min(items.count, start + maxResults)
        return (items[start..<end], end < items.count ? encode(offset: end) : nil)
    }

    private var prefix: String { "rootmail-\(operation.rawValue)-v1:" }

    private func encode(offset: Int) -> String {
        Data((prefix + String(offset)).utf8).base64EncodedString()
    }

    private func offset(in token: String) throws(EndpointError) -> Int {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
              text.hasPrefix(prefix), let offset = Int(text.dropFirst(prefix.count)), offset >= 0
        else { throw invalidToken }
        return offset
    }

    private var invalidToken: EndpointError {
        .invalidInput(AWSMessages.Organizations.invalidNextToken, reason: AWSMessages.Organizations.invalidNextTokenReason)
    }
}
