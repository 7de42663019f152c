import ArgumentParser
import Foundation
import RootmailCore

/// The AWS CLI's paging options of a paginated command, with botocore's `PageIterator`
/// semantics: every page is fetched unless `--max-items` stops earlier, in which case the
/// output carries a `NextToken` that `--starting-token` takes back (the same token the AWS CLI
/// would print, so either tool can resume what the other began).
struct PagingOptions: ParsableArguments {
    @Flag(name: .customLong("no-paginate"),
          help: "Make one call and print its page with the service's own NextToken, as the AWS CLI's --no-paginate.")
    var noPaginate = false

    @Option(name: .customLong("page-size"), help: ArgumentHelp(
        "Accounts asked for in each call (1 to 20); all are still listed.", valueName: "n"))
    var pageSize: Int?

    @Option(name: .customLong("max-items"), help: ArgumentHelp(
        "List at most this many accounts; when more remain, the output has a NextToken for --starting-token.",
        valueName: "n"))
    var maxItems: Int?

    @Option(name: .customLong("starting-token"), help: ArgumentHelp(
        "Continue from the NextToken of an earlier --max-items listing (this tool's or the AWS CLI's).",
        valueName: "token"))
    var startingToken: String?

    func validate() throws {
        let given = [("--starting-token", startingToken != nil), ("--page-size", pageSize != nil),
                     ("--max-items", maxItems != nil)].filter(\.1).map(\.0)
        if noPaginate, !given.isEmpty {
            FailureReport.exit(message: "Error during pagination: Cannot specify --no-paginate along with pagination "
                + "arguments: \(given.joined(separator: ", "))", status: .other)
        }
        if let maxItems, maxItems < 1 {
            throw ValidationError("--max-items is \(maxItems); give 1 or more accounts to list.")
        }
    }

    /// The accounts these options select, and the token to resume from when `--max-items` cut the listing short.
    func accounts(from service: EmailUpdateService) async throws -> (accounts: [Account], nextToken: String?) {
        if noPaginate {
            let page = try await service.listAccounts(nextToken: nil)
            return (page.accounts, page.nextToken)
        }
        let start = startingToken.map(ResumeToken.init(parsing:))
        var serviceToken = start?.serviceToken
        var collected: [Account] = []
        var firstPage = true
        while true {
            let fetched = try await service.listAccounts(
                nextToken: serviceToken, maxResults: pageSize ?? AWSMessages.Organizations.maxResultsRange.upperBound)
            // The accounts of the starting page that the earlier listing printed already.
            let skipped = firstPage ? min(start?.truncateAmount ?? 0, fetched.accounts.count) : 0
            firstPage = false
            let accounts = fetched.accounts.dropFirst(skipped)
            if let maxItems, collected.count + accounts.count > maxItems {
                let kept = maxItems - collected.count
                collected += accounts.prefix(kept)
                return (collected, ResumeToken(serviceToken: serviceToken, truncateAmount: kept + skipped).text)
            }
            collected += accounts
            guard let next = fetched.nextToken, !next.isEmpty else { return (collected, nil) }
            if collected.count == maxItems { return (collected, ResumeToken(serviceToken: next, truncateAmount: nil).text) }
            guard next != serviceToken else {
                throw RootmailError.transport("ListAccounts answered the same NextToken twice (\(next)); "
                    + "the listing would not end. Try again, or report the endpoint's fault.")
            }
            serviceToken = next
        }
    }
}

/// botocore's resume token: `{"NextToken": …, "boto_truncate_amount": …}` as Python's
/// `json.dumps` writes it, in base64; `boto_truncate_amount` counts the accounts of the page at
/// `NextToken` that were printed already.
struct ResumeToken: Equatable {
    let serviceToken: String?
    let truncateAmount: Int?

    init(serviceToken: String?, truncateAmount: Int?) {
        self.serviceToken = serviceToken
        self.truncateAmount = truncateAmount
    }

    /// As botocore reads a starting token: its own encoding, else the older `TOKEN___AMOUNT`
    /// form, else the service's own NextToken as it was printed by `--no-paginate`.
    init(parsing text: String) {
        if let data = Data(base64Encoded: text),
           let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           Set(object.keys).isSubset(of: ["NextToken", "boto_truncate_amount"]) {
            serviceToken = object["NextToken"] as? String
            truncateAmount = object["boto_truncate_amount"] as? Int
            return
        }
        let parts = text.components(separatedBy: "___")
        if parts.count == 2, let amount = Int(parts[1]) {
            (serviceToken, truncateAmount) = (parts[0] == "None" ? nil : parts[0], amount)
        } else {
            (serviceToken, truncateAmount) = (text == "None" ? nil : text, nil)
        }
    }

    var text: String {
        var json = "{\"NextToken\": " + (serviceToken.map(Self.pythonJSONString) ?? "null")
        if let truncateAmount { json += ", \"boto_truncate_amount\": \(truncateAmount)" }
        return Data((json + "}").utf8).base64EncodedString()
    }

    /// A JSON string as Python's `json.dumps` escapes it (`ensure_ascii`): non-ASCII as `\uXXXX`.
    private static func pythonJSONString(_ text: String) -> String {
        var escaped = "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: escaped += "\\\""
            case 0x5C: escaped += "\\\\"
            case 0x0A: escaped += "\\n"
            case 0x0D: escaped += "\\r"
            case 0x09: escaped += "\\t"
            case 0x08: escaped += "\\b"
            case 0x0C: escaped += "\\f"
            case 0x20..<0x7F: escaped.append(Character(Unicode.Scalar(UInt8(unit))))
            default: escaped += "\\u" + String(repeating: "0", count: 4 - String(unit, radix: 16).count) + String(unit, radix: 16)
            }
        }
        return escaped + "\""
    }
}
