import Foundation

/// How a migration derives each account's new root email address from the account.
public enum AddressRule: Hashable, Sendable {
    /// Every address at `old` moves to `new`, the part before the @ kept; the domain is compared
    /// without regard to case, as mail domains are.
    case rewriteDomain(old: String, new: String)
    /// A pattern such as `aws+{id}@corp.example`, filled in per account.
    case template(AddressTemplate)

    /// Reads `OLD=NEW` as `--rewrite-domain` takes it.
    public static func rewriteDomain(_ text: String) throws(RootmailError) -> AddressRule {
        let field = "--rewrite-domain"
        let parts = text.split(separator: "=", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
        guard parts.count == 2 else {
            throw .invalidInput(field: field, value: text, rule: "must be OLD=NEW, as in northwind.example=newcorp.example")
        }
        for domain in parts {
            guard isDomain(domain) else {
                throw .invalidInput(field: field, value: text,
                                    rule: "'\(domain)' is not a domain: give dotted names without an @, as in newcorp.example")
            }
        }
        guard parts[0].lowercased() != parts[1].lowercased() else {
            throw .invalidInput(field: field, value: text, rule: "names the same domain twice: nothing would change")
        }
        return .rewriteDomain(old: parts[0], new: parts[1])
    }

    /// The new address for an account whose current address is `current`: nil when the rule does
    /// not apply to it (an address at another domain); the text is checked as AWS would later.
    public func newAddress(for account: Account) -> String? {
        switch self {
        case .rewriteDomain(let old, let new):
            guard let at = account.email.lastIndex(of: "@"),
                  account.email[account.email.index(after: at)...].lowercased() == old.lowercased() else { return nil }
            return account.email[..<at] + "@" + new
        case .template(let template):
            return template.fill(for: account)
        }
    }

    private static func isDomain(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { label in
            !label.isEmpty && label.unicodeScalars.allSatisfy { !$0.isBlankOrInvisible && $0 != "@" }
        }
    }
}

/// `aws+{id}@corp.example`: text with placeholders for the account's ID, its name (made safe for
/// an address), and the parts of its current address.
public struct AddressTemplate: Hashable, Sendable, CustomStringConvertible {
    public enum Placeholder: String, CaseIterable, Sendable {
        case id, name, local, domain
    }

    private enum Piece: Hashable, Sendable {
        case text(String)
        case placeholder(Placeholder)
    }

    private let pieces: [Piece]
    public let description: String

    public init(_ text: String) throws(RootmailError) {
        let field = "--template"
        let known = Placeholder.allCases.map { "{\($0.rawValue)}" }.joined(separator: ", ")
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw .invalidInput(field: field, value: text, rule: "has a { without its }; the placeholders are \(known)")
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard let placeholder = Placeholder(rawValue: name) else {
                throw .invalidInput(field: field, value: text, rule: "has an unknown placeholder {\(name)}; the placeholders are \(known)")
            }
            pieces.append(.placeholder(placeholder))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        guard pieces.contains(where: { if case .placeholder = $0 { true } else { false } }) else {
            throw .invalidInput(field: field, value: text,
                                rule: "has no placeholder, so every account would get the same address; use \(known)")
        }
        let literal = pieces.compactMap { if case .text(let text) = $0 { text } else { nil } }.joined()
        guard literal.contains("@") || pieces.contains(.placeholder(.domain)) else {
            throw .invalidInput(field: field, value: text, rule: "must make an address with an @, as in aws+{id}@corp.example")
        }
        self.pieces = pieces
        description = text
    }

    public func fill(for account: Account) -> String {
        let at = account.email.lastIndex(of: "@")
        return pieces.map { piece in
            switch piece {
            case .text(let text): text
            case .placeholder(.id): account.id.rawValue
            case .placeholder(.name): Self.addressSafe(account.name)
            case .placeholder(.local): at.map { String(account.email[..<$0]) } ?? account.email
            case .placeholder(.domain): at.map { String(account.email[account.email.index(after: $0)...]) } ?? ""
            }
        }.joined()
    }

    /// `Prod – Payments (EU)` becomes `prod-payments-eu`: lower-case ASCII letters and digits,
    /// every other run of characters one `-`, none at either end.
    static func addressSafe(_ name: String) -> String {
        var result = ""
        var pendingDash = false
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash, !result.isEmpty { result.append("-") }
                pendingDash = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return result
    }
}
