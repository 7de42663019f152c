import Foundation
import RootmailCore
import RootmailStore
import EmbeddedOrganization
import RootmailTestSupport

/// A fresh data directory with the demo organization, removed when the test ends.
final class Fixture {
    let directory: DataDirectory
    /// Shared by every organization opened in one test.
    let clock = TestClock(Date(timeIntervalSince1970: 1_764_000_000)) // 2025-11-24 16:00:00 UTC
    let organization: EmbeddedOrganization

    init(throttling: Bool = false) throws {
        directory = DataDirectory(url: FileManager.default.temporaryDirectory
            .appendingPathComponent("rootmail-embedded-\(UUID().uuidString)"))
        organization = try EmbeddedOrganization.open(in: directory, now: clock.function)
        try organization.setThrottling(throttling)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory.url)
    }

    /// Another process on the same data directory (its own database connections).
    func secondProcess() throws -> EmbeddedOrganization {
        try EmbeddedOrganization.open(in: directory, now: clock.function)
    }

    func backend(_ caller: String? = nil) throws -> EmbeddedBackend {
        try organization.backend(caller: caller)
    }

    func allAccounts(pageSize: Int = 20) async throws -> [Account] {
        let backend = try backend()
        var accounts: [Account] = []
        var token: String?
        repeat {
            let page = try await backend.listAccounts(nextToken: token, maxResults: pageSize)
            accounts += page.accounts
            token = page.nextToken
        } while token != nil
        return accounts
    }

    func account(named name: String) async throws -> Account {
        guard let account = try await allAccounts().first(where: { $0.name == name }) else {
            throw RootmailError.notFound("The demo organization has no account named \(name).")
        }
        return account
    }

    func managementAccountID() async throws -> AccountID {
        try await backend().describeOrganization().managementAccountID
    }

    /// The code of the latest mail to the address, as `rootmail mail --to X --code` prints it.
    func mailedCode(to address: EmailAddress) throws -> OneTimeCode {
        guard let code = try organization.mailbox.latestCode(to: address) else {
            throw RootmailError.notFound("No code was mailed to \(address).")
        }
        return code
    }
}

/// The error an operation threw, or nil when it succeeded.
func failure<T>(_ body: () async throws -> T) async -> RootmailError? {
    do {
        _ = try await body()
        return nil
    } catch let error as RootmailError {
        return error
    } catch {
        return .transport("unexpected error type: \(error)")
    }
}

func email(_ text: String) throws -> EmailAddress { try EmailAddress(text) }

/// A code that differs from the given one (in the last digit).
func wrongCode(for code: OneTimeCode) throws -> OneTimeCode {
    let last = code.secret.last == "0" ? "1" : "0"
    return try OneTimeCode(String(code.secret.dropLast()) + last)
}
