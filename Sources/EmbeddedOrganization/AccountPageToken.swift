import Foundation
import RootmailCore

/// The NextToken of ListAccounts: the last account id of the page, so that the next page is
/// one indexed range read however many accounts there are. Opaque to callers.
enum AccountPageToken {
    private static let prefix = "rootmail-accounts-v1:"

    static func encode(after account: AccountID) -> String {
        Data((prefix + account.rawValue).utf8).base64EncodedString()
    }

    static func decode(_ token: String) throws(RootmailError) -> AccountID {
        guard let data = Data(base64Encoded: token),
              let text = String(data: data, encoding: .utf8), text.hasPrefix(prefix),
              let account = try? AccountID(String(text.dropFirst(prefix.count)))
        else {
            throw ServiceError(.invalidInput, AWSMessages.Organizations.invalidNextToken,
                               reason: AWSMessages.Organizations.invalidNextTokenReason).during(OrganizationsOperation.listAccounts)
        }
        return account
    }
}
