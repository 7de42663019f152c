import Foundation

/// Which accounts a migration's rule is applied to, as the command line chooses them: by text
/// (as the console's filter), by organizational unit (its nested units included) and by state.
/// The management account may be selected; the preview then skips it with its reason.
public struct AccountSelection: Hashable, Sendable {
    public let text: String?
    /// A unit's ID (`ou-…`) or the root's (`r-…`), as DescribeAccount's parents name them.
    public let parentID: String?
    /// Empty for every state.
    public let states: Set<AccountState>

    public init(text: String? = nil, parentID: String? = nil, states: Set<AccountState> = []) throws(RootmailError) {
        if let parentID, !(parentID.hasPrefix("ou-") || parentID.hasPrefix("r-")) {
            throw .invalidInput(field: "--ou", value: parentID,
                                rule: "must be an organizational unit's ID (ou-…) or the root's (r-…), "
                                    + "as the Parents of rootmail describe-account show them")
        }
        self.text = text
        self.parentID = parentID
        self.states = states
    }

    /// The accounts of `organization` that match, in its order. Accounts are described (their
    /// parents read) only for a unit, and only those that pass the text and state first.
    public func accounts(of organization: [Account], service: EmailUpdateService) async throws -> [Account] {
        var chosen = organization.filter { account in
            (states.isEmpty || states.contains(account.state))
                && (text.map { text in [account.id.rawValue, account.name, account.email].contains { $0.localizedStandardContains(text) } } ?? true)
        }
        if let parentID {
            var under: [Account] = []
            for account in chosen where try await service.describeAccount(account.id).parentPath.contains(where: { $0.id == parentID }) {
                under.append(account)
            }
            chosen = under
        }
        guard !chosen.isEmpty else {
            let given = [text.map { "--filter \($0)" }, parentID.map { "--ou \($0)" },
                         states.isEmpty ? nil : "--state " + states.map(\.rawValue).sorted().joined(separator: ",")]
                .compactMap { $0 }.joined(separator: " ")
            throw RootmailError.invalidInput(field: "selection", value: given,
                                             rule: "matches no account of the organization; rootmail list-accounts "
                                                + "shows their names and states, describe-account their units")
        }
        return chosen
    }
}
