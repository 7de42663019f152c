import Foundation
import RootmailCore
import TerminalUI

/// What a rule would do to the marked accounts, before anything is sent: each row with the
/// check that leaves it out, and the counts per check. Enter starts it, Esc goes back to the rule.
struct MigrationPreviewScreenState: Sendable {
    let ruleText: String
    let rule: AddressRule
    let preview: MigrationPreview
    var cursor = ListCursor()
    /// Enter was pressed and the migration is being kept: a second Enter sends nothing.
    var isStarting = false

    init(ruleText: String, rule: AddressRule, preview: MigrationPreview) {
        self.ruleText = ruleText
        self.rule = rule
        self.preview = preview
    }

    /// The rule as the command line takes it, for the migration's report.
    var ruleDescription: String {
        switch rule {
        case .rewriteDomain(let old, let new): "--rewrite-domain \(old)=\(new)"
        case .template(let template): "--template \(template)"
        }
    }

    var selectedRow: PlannedRow? {
        preview.rows.indices.contains(cursor.selected) ? preview.rows[cursor.selected] : nil
    }

    /// The title and the counts take a row above the headings.
    static func tableHeight(_ size: TerminalSize) -> Int { max(1, ConsoleLayout.tableHeight(size) - 1) }

    mutating func reduce(_ action: ConsoleAction, size: TerminalSize) {
        guard let move = action.listMove else { return }
        cursor.apply(move, count: preview.rows.count, height: Self.tableHeight(size))
    }

    mutating func fit(size: TerminalSize) {
        cursor.fit(count: preview.rows.count, height: Self.tableHeight(size))
    }
}

/// A migration as the console asks the store to keep it; the runner adds where it runs.
struct MigrationDraft: Hashable, Sendable {
    let id: String
    let name: String
    let rule: String
    let organizationID: String
    let createdBy: String
    let createdAt: Date
    let rows: [MigrationRow]
}

extension ConsoleState {
    /// The rule dialog gave a rule: the preview over the marked accounts, checked against the
    /// whole organization (an address in use anywhere blocks it) and the open updates.
    mutating func previewMigration(_ rule: AddressRule, ruleText: String) {
        guard case .loaded(let session) = session, accountsLoad == nil else {
            overlay = .migrationRule(MigrationRuleDialog(text: ruleText, message: .error(ConsoleMessages.previewWaitsForList)))
            return
        }
        let selection = accounts.accounts.filter { marked.contains($0.id) }
        let preview = MigrationPreview(rule: rule, selection: selection, organization: accounts.accounts,
                                       managementAccountID: session.organization.managementAccountID,
                                       open: openUpdates.items.map(\.update))
        overlay = nil
        migrationPreview = MigrationPreviewScreenState(ruleText: ruleText, rule: rule, preview: preview)
        screens.append(.migrationPreview)
    }

    /// Esc from the preview: the rule again, as typed.
    mutating func backFromMigrationPreview() {
        if let preview = migrationPreview, !preview.isStarting {
            overlay = .migrationRule(MigrationRuleDialog(text: preview.ruleText))
        }
        migrationPreview = nil
    }

    /// Enter on the preview: the migration is kept, then its Starts go at AWS's quota.
    mutating func startPreviewedMigration() -> [ConsoleEffect] {
        guard var shown = migrationPreview, !shown.isStarting, case .loaded(let session) = session else { return [] }
        if let running = migration, running.isStarting {
            status = .error(ConsoleMessages.migrationAlreadyStarting(running.migration.name))
            return []
        }
        let toStart = shown.preview.toStart.count
        guard toStart > 0 else {
            status = .error(ConsoleMessages.nothingToStart)
            return []
        }
        shown.isStarting = true
        migrationPreview = shown
        let id = UUID().uuidString.lowercased()
        let draft = MigrationDraft(
            id: id, name: shown.ruleText, rule: shown.ruleDescription,
            organizationID: session.organization.id, createdBy: session.caller.arn, createdAt: now,
            rows: shown.preview.rows(of: id, at: now))
        status = StatusMessage(ConsoleMessages.migrationStarting(toStart))
        return [.createMigration(draft)]
    }
}
