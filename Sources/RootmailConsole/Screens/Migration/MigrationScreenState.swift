import Foundation
import RootmailCore
import TerminalUI

/// The migration screen's own state over the console's `migration`: its cursor, and the one
/// state its rows are narrowed to (`f`).
struct MigrationScreenState: Sendable {
    var cursor = ListCursor()
    /// Only rows in this state are shown; nil shows every row.
    var stateFilter: MigrationRow.State?

    /// The progress bar and the counts take two rows above the headings.
    static func tableHeight(_ size: TerminalSize) -> Int { max(1, ConsoleLayout.tableHeight(size) - 2) }

    func rows(of progress: MigrationProgress?) -> [MigrationRow] {
        guard let progress else { return [] }
        guard let stateFilter else { return progress.rows }
        return progress.rows.filter { $0.state == stateFilter }
    }

    func selectedRow(of progress: MigrationProgress?) -> MigrationRow? {
        let rows = rows(of: progress)
        return rows.indices.contains(cursor.selected) ? rows[cursor.selected] : nil
    }

    mutating func reduce(_ action: ConsoleAction, _ progress: MigrationProgress?, size: TerminalSize) {
        guard let move = action.listMove else { return }
        cursor.apply(move, count: rows(of: progress).count, height: Self.tableHeight(size))
    }

    /// `f`: every row, then each state some row is in, in the order rows go through them.
    mutating func cycleFilter(_ progress: MigrationProgress?, size: TerminalSize) {
        guard let progress else { return }
        let present: [MigrationRow.State?] = [nil] + MigrationRow.State.allCases.filter { progress.count($0) > 0 }
        stateFilter = cycle(stateFilter, in: present, by: 1)
        cursor = ListCursor()
        fit(progress, size: size)
    }

    mutating func fit(_ progress: MigrationProgress?, size: TerminalSize) {
        cursor.fit(count: rows(of: progress).count, height: Self.tableHeight(size))
    }
}

extension ConsoleState {
    /// The backend's and the store's answers about migrations.
    mutating func receiveMigrationAnswer(_ event: ConsoleEvent) -> [ConsoleEffect] {
        switch event {
        case .migrationCreated(.success(var progress)):
            progress.runStartedAt = now
            migration = progress
            migrationPreview = nil
            marked = []
            screens.removeAll { $0 == .migrationPreview || $0 == .migration }
            screens.append(.migration)
            migrationScreen = MigrationScreenState()
            status = StatusMessage(ConsoleMessages.migrationStarted(progress.migration, toStart: progress.toChange))
        case .migrationCreated(.failure(let error)):
            migrationPreview?.isStarting = false
            status = .error(ConsoleMessages.migrationNotKept(error))
        case .migrationRowChanged(let row):
            guard migration?.migration.id == row.migrationID else { return [] }
            migration?.update(row)
            return rowChanged(row)
        case .migrationStartsEnded(let id, let error):
            guard migration?.migration.id == id else { return [] }
            migration?.isStarting = false
            if let error, let progress = migration {
                status = .error(ConsoleMessages.migrationStopped(progress.migration, error))
            }
            return reloadOpenUpdates()
        case .migrationCodeRefused(let id, let error):
            if let row = migration?.row(id), row.state == .accepting {
                var back = row
                back.state = .awaitingCode
                migration?.update(back)
            }
            status = .error(ConsoleMessages.about(accountName(id), error.description))
        case .migrationsLoaded(let result):
            migrationsLoaded(result)
        default:
            break
        }
        return []
    }

    /// A row that got its code shows its new address everywhere; a row awaiting one shows in
    /// Pending updates.
    private mutating func rowChanged(_ row: MigrationRow) -> [ConsoleEffect] {
        switch row.state {
        case .done:
            changeOpenUpdates { $0.remove(row.accountID) }
            if let address = row.newEmail.flatMap({ try? EmailAddress($0) }) { showNewAddress(address, of: row.accountID) }
            if let progress = migration, progress.isFinished {
                status = .success(ConsoleMessages.migrationFinished(progress.migration, done: progress.count(.done)))
            }
        case .awaitingCode where row.reason != nil:
            // A refused code: the reason is AWS's.
            status = .error(ConsoleMessages.about(row.accountName, row.reason ?? ""))
        case .awaitingCode:
            return reloadOpenUpdates()
        case .failed, .expired:
            status = .error(ConsoleMessages.about(row.accountName, "\(row.state.rawValue): \(row.reason ?? "")"))
        default:
            break
        }
        return []
    }

    /// Reads the open updates again unless a read is on its way.
    private mutating func reloadOpenUpdates() -> [ConsoleEffect] {
        guard !isLoadingOpenUpdates else { return [] }
        isLoadingOpenUpdates = true
        return [.loadOpenUpdates]
    }

    /// Enter on a row awaiting its code: the code field (which also takes pasted `ACCOUNT CODE` lines).
    mutating func openMigrationCodeForm() {
        guard let row = migrationScreen.selectedRow(of: migration) else { return }
        guard row.state == .awaitingCode else {
            status = .error(ConsoleMessages.rowTakesNoCode(row.accountName, row.state))
            return
        }
        overlay = .migrationCode(MigrationCodeForm(accountID: row.accountID))
    }

    /// The codes the field gave, each sent for a row that awaits one; the rest are refused by name.
    mutating func acceptMigrationCodes(_ codes: [MigrationCode]) -> [ConsoleEffect] {
        guard let progress = migration else { return [] }
        var effects: [ConsoleEffect] = []
        var refused: [String] = []
        for entry in codes {
            guard var row = migration?.row(entry.accountID) else {
                refused.append(ConsoleMessages.notInMigration(entry.accountID))
                continue
            }
            guard row.state == .awaitingCode else {
                refused.append(ConsoleMessages.rowTakesNoCode(row.accountName, row.state))
                continue
            }
            // Shown as accepting at once, so that the same code pasted twice is sent once.
            row.state = .accepting
            row.reason = nil
            migration?.update(row)
            effects.append(.acceptMigrationCode(progress.migration, entry.accountID, entry.code))
        }
        let message = refused.isEmpty ? StatusMessage(ConsoleMessages.codesSent(effects.count))
            : .error(([effects.isEmpty ? nil : ConsoleMessages.codesSent(effects.count)].compactMap { $0 } + refused)
                .joined(separator: " "))
        if case .migrationCode(var form) = overlay {
            form.message = message
            overlay = .migrationCode(form)
        }
        return effects
    }
}
