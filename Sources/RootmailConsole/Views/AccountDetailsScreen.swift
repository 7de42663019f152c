import Foundation
import RootmailCore
import TerminalUI

/// One account: what Organizations and GetPrimaryEmail say of it, and its pending update.
enum AccountDetailsScreen {
    static func draw(_ state: ConsoleState, id: AccountID, on surface: any Surface) -> CellPosition? {
        let width = surface.size.columns
        let account = state.knownAccount(id)
        let details = state.details?.accountID == id ? state.details : nil
        var column = surface.draw(" Account details › ", row: ConsoleLayout.titleRow, column: 0, style: Styles.muted)
        column = surface.write(account?.name ?? id.rawValue, row: ConsoleLayout.titleRow, column: column,
                               width: width - column, style: Styles.bold)

        var lines = fields(state, id: id, account: account, details: details)
        if let open = state.openUpdates[id] {
            lines += [("", ""), ("Pending email update", "")] + pendingFields(open, state: state)
        }
        let labelWidth = 16
        var row = ConsoleLayout.firstBodyRow + 1
        let lastRow = ConsoleLayout.statusRow(surface.size) - 1
        for (label, value) in lines where row <= lastRow {
            if value.isEmpty {
                if !label.isEmpty { surface.write(" " + label, row: row, column: 0, width: width, style: Styles.heading) }
                row += 1
                continue
            }
            surface.write("   " + label, row: row, column: 0, width: labelWidth, style: Styles.muted)
            for part in Wrap.lines(value, width: max(1, width - labelWidth - 1)) where row <= lastRow {
                surface.write(part, row: row, column: labelWidth, width: width - labelWidth)
                row += 1
            }
        }
        return nil
    }

    private static func fields(_ state: ConsoleState, id: AccountID, account: Account?,
                               details: AccountDetailsState?) -> [(String, String)] {
        let described = details?.description.value?.account ?? account
        let zone = state.timeZone
        var email: String
        switch details?.primaryEmail {
        case .loaded(let primary)?:
            email = primary.rawValue
        case .failed(let error)?:
            email = "\(AccountAPIOperation.getPrimaryEmail.rawValue) failed: \(error)"
            if let listed = described?.email { email += " Organizations lists \(listed)." }
        case .loading?, nil:
            email = "loading…" + (described.map { " (Organizations lists \($0.email))" } ?? "")
        }
        let ouPath: String
        switch details?.description {
        case .loaded(let loaded)?: ouPath = loaded.parentPathText
        case .failed(let error)?: ouPath = "\(OrganizationsOperation.describeAccount.rawValue) failed: \(error)"
        case .loading?, nil: ouPath = "loading…"
        }
        var lines: [(String, String)] = [
            ("Account ID", id.rawValue),
            ("Name", described?.name ?? "loading…"),
            ("ARN", described?.arn ?? "loading…"),
            ("Email", email),
            ("State", described?.state.rawValue ?? "loading…"),
            ("Joined", described.map { "\($0.joinedMethod.rawValue) on \(TimeText.moment($0.joinedAt, in: zone))" }
                ?? "loading…"),
            ("OU path", ouPath),
        ]
        if case .loaded(let session) = state.session, session.organization.managementAccountID == id {
            lines.append(("Role", "management account of the organization"))
        }
        return lines
    }

    private static func pendingFields(_ open: OpenUpdate, state: ConsoleState) -> [(String, String)] {
        let update = open.update
        let zone = state.timeZone
        let condition = open.condition(at: state.now)
        let expires = condition == .awaitingCode
            ? "\(TimeText.duration(update.timeLeft(at: state.now))) (at \(TimeText.moment(update.expiresAt, in: zone)))"
            : "—"
        return [
            ("New address", update.newEmail.rawValue),
            ("Started", TimeText.moment(update.startedAt, in: zone)),
            ("Expires in", expires),
            ("Started by", update.startedBy),
            ("Condition", advice(for: condition)),
        ]
    }

    /// What to press for each condition.
    static func advice(for condition: PendingUpdateCondition) -> String {
        switch condition {
        case .awaitingCode: "Awaiting the code sent to the new address — press c to enter it."
        case .inFlight: "Another rootmail session is sending a request for it — press R in a moment."
        case .uncertain: "Uncertain: a session stopped mid-request — press c, then Resolve."
        case .expired: "Expired: the 24 hours ran out — press c, then Resend code."
        case .voided: "Voided by too many wrong codes — press c, then Resend code."
        case .finished: "Finished."
        }
    }
}
