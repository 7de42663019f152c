import Foundation
import RootmailCore

/// What the console needs to run migrations: the store that keeps them beside the pending
/// updates, and the runner that paces their Starts and Accepts at AWS's quotas.
public struct ConsoleMigrations: Sendable {
    let store: any MigrationStore
    let runner: MigrationRunner

    public init(store: any MigrationStore, runner: MigrationRunner) {
        self.store = store
        self.runner = runner
    }

    /// The migration effects, answered as events. The Starts run in the effect's task: quitting
    /// the console cancels it between two rows, and `rootmail migrate resume` goes on from there.
    func perform(_ effect: ConsoleEffect, send: @Sendable (ConsoleEvent) -> Void) async {
        switch effect {
        case .createMigration(let draft):
            let migration = Migration(
                id: draft.id, name: draft.name, organizationID: draft.organizationID, rule: draft.rule,
                createdBy: draft.createdBy, createdAt: draft.createdAt, host: ProcessInfo.processInfo.hostName,
                user: ProcessInfo.processInfo.userName)
            do {
                try store.insert(migration, rows: draft.rows)
            } catch {
                send(.migrationCreated(.failure(Self.rootmailError(error))))
                return
            }
            send(.migrationCreated(.success(MigrationProgress(migration, rows: draft.rows, isStarting: true))))
            do {
                try await runner.startPlannedRows(of: migration) { send(.migrationRowChanged($0)) }
                send(.migrationStartsEnded(migrationID: migration.id, nil))
            } catch is CancellationError {
                return
            } catch {
                send(.migrationStartsEnded(migrationID: migration.id, Self.rootmailError(error)))
            }
        case .acceptMigrationCode(let migration, let account, let code):
            do {
                send(.migrationRowChanged(try await runner.accept(code, for: account, in: migration)))
            } catch {
                send(.migrationCodeRefused(account, Self.rootmailError(error)))
            }
        case .loadMigrations(let organizationID):
            do {
                let items = try store.migrations(organizationID: organizationID).map { migration in
                    MigrationProgress(migration, rows: try store.rows(of: migration.id))
                }
                send(.migrationsLoaded(.success(items)))
            } catch {
                send(.migrationsLoaded(.failure(Self.rootmailError(error))))
            }
        default:
            break
        }
    }

    /// The runner's errors are already RootmailErrors; anything else came from the store.
    private static func rootmailError(_ error: any Error) -> RootmailError {
        (error as? RootmailError) ?? .storage("The data directory's database failed: \(error)")
    }
}
