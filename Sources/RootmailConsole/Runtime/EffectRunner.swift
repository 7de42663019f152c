import Foundation
import RootmailCore
import Synchronization

/// Performs the reducer's effects against the service, each in its own task so the input loop
/// never waits for the backend, and posts every answer back as an event.
final class EffectRunner: Sendable {
    private let service: EmailUpdateService
    private let migrations: ConsoleMigrations?
    private let send: @Sendable (ConsoleEvent) -> Void
    private let tasks = Mutex<[Int: Task<Void, Never>]>([:])
    private let nextTaskNumber = Atomic<Int>(0)
    /// Passes the service's waits on throttled calls on as events while the console runs.
    private let throttleRelay: Task<Void, Never>

    /// More rows of the cached list than a terminal shows, read ahead of the rest.
    static let cachedRowsShownFirst = 300

    /// `send` is called from any thread, once per answer.
    init(service: EmailUpdateService, migrations: ConsoleMigrations? = nil,
         send: @escaping @Sendable (ConsoleEvent) -> Void) {
        self.service = service
        self.migrations = migrations
        self.send = send
        throttleRelay = Task {
            for await wait in service.throttleWaits { send(.throttled(wait)) }
        }
    }

    func perform(_ effects: [ConsoleEffect]) {
        for effect in effects {
            let number = nextTaskNumber.add(1, ordering: .relaxed).newValue
            let task = Task { [service, migrations, send] in
                await Self.perform(effect, service: service, migrations: migrations, send: send)
                self.forget(number)
            }
            tasks.withLock { $0[number] = task }
        }
    }

    private func forget(_ number: Int) {
        _ = tasks.withLock { $0.removeValue(forKey: number) }
    }

    /// Stops what is still running (the console is closing). What the service already
    /// recorded stays recorded; an interrupted change shows as uncertain at the next start.
    func cancelAll() {
        let running = tasks.withLock { tasks in
            defer { tasks = [:] }
            return Array(tasks.values)
        }
        running.forEach { $0.cancel() }
        throttleRelay.cancel()
    }

    static func perform(_ effect: ConsoleEffect, service: EmailUpdateService, migrations: ConsoleMigrations? = nil,
                        send: @Sendable (ConsoleEvent) -> Void) async {
        func open(_ update: PendingUpdate) -> OpenUpdate { OpenUpdate(update, condition: service.condition(of: update)) }
        switch effect {
        case .loadSession:
            send(.sessionLoaded(await result { try await service.session() }))
        case .loadAccounts(let generation, let cachedFirst):
            // In one task, so that the cached list always arrives before the first page; a
            // screen of it first, so that the first frame does not wait for 50,000 rows.
            var cached = CachedCopies()
            if cachedFirst {
                let head = await result { try service.cachedAccountListHead(count: Self.cachedRowsShownFirst) }
                send(.cachedAccountsHeadLoaded(generation: generation, head))
                if case .success(.some) = head {
                    let whole = await result { try service.cachedAccountList() }
                    if case .success(let list?) = whole { cached = CachedCopies(list.accounts) }
                    send(.cachedAccountsLoaded(generation: generation, whole))
                }
            }
            var listed: [Account] = []
            do {
                try await service.forEachAccountPage { page in
                    let accounts = cached.sharing(page.accounts)
                    listed += accounts
                    let isLast = page.nextToken == nil
                    // Only a complete listing is kept (one that stops halfway leaves the cached
                    // list as it was), and before the list shows as complete: a user who quits
                    // then finds it at the next start.
                    if isLast { await keepForNextStart(listed, service: service, send: send) }
                    send(.accountsPage(generation: generation, accounts: accounts, isLast: isLast))
                }
            } catch is CancellationError {
                return
            } catch {
                send(.accountsFailed(generation: generation, rootmailError(error)))
            }
        case .forgetCachedAccounts(let organizationID):
            // Failing to forget is harmless: the next start compares organizations again.
            try? service.forgetCachedAccountList(organizationID: organizationID)
        case .loadOpenUpdates:
            send(.openUpdatesLoaded(await result { try await service.openUpdates().map(open) }))
        case .checkStore:
            send(.storeChecked(await result { try service.storeChangeCount() }))
        case .describeAccount(let id):
            send(.accountDescribed(id, await result { try await service.describeAccount(id) }))
        case .loadPrimaryEmail(let id):
            send(.primaryEmailLoaded(id, await result { try await service.primaryEmail(of: id) }))
        case .startUpdate(let id, let name, let newEmail, let currentEmail):
            send(.updateStarted(id, await result {
                open(try await service.startUpdate(account: id, accountName: name, to: newEmail, currentEmail: currentEmail))
            }))
        case .acceptUpdate(let id, let code, let email):
            do {
                try await service.acceptUpdate(account: id, code: code, email: email)
                send(.updateAccepted(id, .accepted(email)))
            } catch {
                // The service has counted the attempt; show the update as it now stands.
                let remaining = (try? await service.openUpdate(for: id)).flatMap { $0 }
                send(.updateAccepted(id, .rejected(rootmailError(error), remaining: remaining.map(open))))
            }
        case .resendCode(let id):
            send(.codeResent(id, await result { open(try await service.resendCode(account: id)) }))
        case .discardUpdate(let id):
            send(.updateDiscarded(id, await result { try await service.discard(account: id) }))
        case .resolveUncertain(let id):
            send(.uncertainResolved(id, await result { open(try await service.resolveUncertain(account: id)) }))
        case .createMigration, .acceptMigrationCode, .loadMigrations:
            guard let migrations else {
                send(.migrationCreated(.failure(.configuration(ConsoleMessages.migrationsNeedStore))))
                return
            }
            await migrations.perform(effect, send: send)
        case .copyToClipboard, .remember:
            assertionFailure("the console loop performs \(effect) itself (LocalEffects)")
        }
    }

    private static func keepForNextStart(_ accounts: [Account], service: EmailUpdateService,
                                         send: @Sendable (ConsoleEvent) -> Void) async {
        do {
            try await service.replaceCachedAccountList(with: accounts)
        } catch {
            send(.accountsNotCached(rootmailError(error)))
        }
    }

    private static func result<Value>(_ body: () async throws -> Value) async -> Result<Value, RootmailError> {
        do {
            return .success(try await body())
        } catch {
            return .failure(rootmailError(error))
        }
    }

    private static func rootmailError(_ error: any Error) -> RootmailError {
        (error as? RootmailError) ?? .transport("The backend call failed: \(error)")
    }
}
