import RootmailCore

/// One account's code, as the migration's code field reads it.
struct MigrationCode: Equatable, Sendable {
    let accountID: AccountID
    let code: OneTimeCode
}

/// The code field of a migration, opened with Enter on a row awaiting its code: a code alone
/// is that row's; `ACCOUNT CODE` pairs (pasted from a mail client or a script, one a line, each
/// line ended by Enter) are each sent for their own row. The field stays open for the next line
/// until Close or Esc.
struct MigrationCodeForm: AccountDialog, Sendable {
    enum Control: CaseIterable, Hashable, Sendable {
        case field, close, confirm
    }

    let accountID: AccountID
    var input = TextInput()
    var focus: Control = .field
    var message: StatusMessage?

    init(accountID: AccountID) {
        self.accountID = accountID
    }

    mutating func reduce(_ action: ConsoleAction) -> DialogOutcome {
        switch action {
        case .nextFocus:
            focus = cycle(focus, in: Control.allCases, by: 1)
        case .previousFocus:
            focus = cycle(focus, in: Control.allCases, by: -1)
        case .activate:
            guard focus != .close else { return .perform(.back) }
            do {
                let codes = try Self.codes(in: input.text, selected: accountID)
                input.clear()
                focus = .field
                return .acceptMigrationCodes(codes)
            } catch {
                message = .error((error as? RootmailError)?.description ?? "\(error)")
                focus = .field
            }
        default:
            guard let edit = action.fieldEdit, focus == .field else { return .stay }
            edit(&input)
        }
        return .stay
    }

    /// `123456` is the selected row's code; `222222222222 123456` (or `=`, `:`, `,` between them,
    /// several pairs on a line) names the account.
    static func codes(in text: String, selected: AccountID) throws -> [MigrationCode] {
        let words = text.split(whereSeparator: { $0.isWhitespace || [",", "=", ":"].contains($0) }).map(String.init)
        if words.count == 1 { return [MigrationCode(accountID: selected, code: try OneTimeCode(words[0]))] }
        guard !words.isEmpty, words.count.isMultiple(of: 2) else {
            throw RootmailError.invalidInput(field: "code", value: text.isEmpty ? nil : text, rule: ConsoleMessages.codeShapes)
        }
        var codes: [MigrationCode] = []
        for index in stride(from: 0, to: words.count, by: 2) {
            codes.append(MigrationCode(accountID: try AccountID(words[index]), code: try OneTimeCode(words[index + 1])))
        }
        return codes
    }
}
