import Foundation
import RootmailCore

/// The rule of a migration of the marked accounts: `OLD=NEW` rewrites a domain, text with a
/// `{placeholder}` is a template. Preview checks it and shows what it would do; nothing is sent.
struct MigrationRuleDialog: Sendable {
    /// Cancel before Preview: Tab from the field lands on the safe button.
    enum Control: CaseIterable, Hashable, Sendable {
        case field, cancel, preview
    }

    var input: TextInput
    var focus: Control = .field
    var message: StatusMessage?

    init(text: String = "", message: StatusMessage? = nil) {
        input = TextInput(text)
        self.message = message
    }

    mutating func reduce(_ action: ConsoleAction) -> DialogOutcome {
        switch action {
        case .nextFocus:
            focus = cycle(focus, in: Control.allCases, by: 1)
        case .previousFocus:
            focus = cycle(focus, in: Control.allCases, by: -1)
        case .activate:
            guard focus != .cancel else { return .close }
            let text = input.text.trimmingCharacters(in: .whitespaces)
            do {
                return .previewMigration(try Self.rule(from: text), ruleText: text)
            } catch {
                message = .error(Self.explanation(of: error))
                focus = .field
            }
        default:
            guard let edit = action.fieldEdit, focus == .field else { return .stay }
            edit(&input)
            message = nil
        }
        return .stay
    }

    static func rule(from text: String) throws(RootmailError) -> AddressRule {
        if text.contains("{") { return .template(try AddressTemplate(text)) }
        if text.contains("=") { return try AddressRule.rewriteDomain(text) }
        throw .invalidInput(field: "rule", value: text.isEmpty ? nil : text, rule: ConsoleMessages.ruleOfNeitherShape)
    }

    /// The rule's own words, without the command line's option name.
    private static func explanation(of error: RootmailError) -> String {
        guard case .invalidInput(_, let value, let rule) = error else { return error.description }
        guard let value, !value.isEmpty else { return ConsoleMessages.ruleMissing }
        return "“\(value)” \(rule)."
    }
}

extension ConsoleState {
    /// `M`, or the Actions menu's entry: the rule for the marked accounts.
    mutating func openMigrationRuleDialog() {
        guard let any = marked.first else {
            status = .error(ConsoleMessages.nothingMarked)
            return
        }
        if let reason = reasonUnavailable(.updateMarked, for: any) {
            overlay = nil
            status = .error(reason)
            return
        }
        overlay = .migrationRule(MigrationRuleDialog())
    }
}
