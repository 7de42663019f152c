import RootmailCore

/// The organization's migrations (`m`), newest first, each reopened with Enter.
struct MigrationsScreenState: Sendable {
    var cursor = ListCursor()
    var items: [MigrationProgress] = []
    var isLoading = false

    var selected: MigrationProgress? { items.indices.contains(cursor.selected) ? items[cursor.selected] : nil }

    mutating func reduce(_ action: ConsoleAction, height: Int) {
        guard let move = action.listMove else { return }
        cursor.apply(move, count: items.count, height: height)
    }

    mutating func fit(height: Int) {
        cursor.fit(count: items.count, height: height)
    }
}

extension ConsoleState {
    /// `m`: the list, read afresh from the store.
    mutating func showMigrations() -> [ConsoleEffect] {
        guard case .loaded(let session) = session else {
            status = .error(ConsoleMessages.organizationLoading)
            return []
        }
        if screen != .migrations { screens.append(.migrations) }
        migrationsScreen.isLoading = true
        return [.loadMigrations(organizationID: session.organization.id)]
    }

    mutating func migrationsLoaded(_ result: Result<[MigrationProgress], RootmailError>) {
        migrationsScreen.isLoading = false
        switch result {
        case .success(let items):
            // The one this console runs is fresher here than in the store's copy.
            migrationsScreen.items = items.map { item in
                migration.flatMap { $0.migration.id == item.migration.id ? $0 : nil } ?? item
            }
        case .failure(let error):
            status = .error(ConsoleMessages.migrationsUnreadable(error))
        }
    }

    /// Enter on the list: the migration's screen (its report once finished).
    mutating func openSelectedMigration() -> [ConsoleEffect] {
        guard let item = migrationsScreen.selected else { return [] }
        if let running = migration, running.isStarting, running.migration.id != item.migration.id {
            status = .error(ConsoleMessages.migrationAlreadyStarting(running.migration.name))
            return []
        }
        if migration?.migration.id != item.migration.id { migration = item }
        migrationScreen = MigrationScreenState()
        screens.append(.migration)
        return []
    }
}
