import Foundation
import RootmailCore
import Testing
import EmbeddedOrganization

@Suite("Verification codes at rest", .tags(.inProcess))
struct CodeStorageTests {
    /// Every place the code could be written in clear: the database file and its journals.
    private func databaseBytes(_ fixture: Fixture) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for suffix in ["", "-wal", "-shm"] {
            let url = URL(fileURLWithPath: fixture.directory.file(EmbeddedOrganization.databaseFileName).path + suffix)
            if let data = try? Data(contentsOf: url) { bytes += data }
        }
        return bytes
    }

    /// Occurrences of the code not inside a longer run of digits (such as an account id).
    private func containsCode(_ bytes: [UInt8], _ code: OneTimeCode) -> Bool {
        let needle = Array(code.secret.utf8)
        let isDigit = { (byte: UInt8) in (0x30...0x39).contains(byte) }
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start..<(start + needle.count)].elementsEqual(needle) {
            let before = start > 0 ? bytes[start - 1] : 0
            let after = start + needle.count < bytes.count ? bytes[start + needle.count] : 0
            if !isDigit(before) && !isDigit(after) { return true }
        }
        return false
    }

    @Test("codes are six digits and never stored in clear, before or after a wrong attempt")
    func codesNeverInClear() async throws {
        let fixture = try Fixture()
        let backend = try fixture.backend()
        let management = try await fixture.managementAccountID()
        let accounts = try await fixture.allAccounts().filter { $0.id != management }.prefix(8)
        var codes: [OneTimeCode] = []
        for (index, account) in accounts.enumerated() {
            let newEmail = try email("at-rest-\(index)@northwind.example")
            _ = try await backend.startPrimaryEmailUpdate(account.id, to: newEmail)
            let code = try fixture.mailedCode(to: newEmail)
            #expect(code.secret.wholeMatch(of: /\d{6}/) != nil)
            _ = await failure { try await backend.acceptPrimaryEmailUpdate(account.id, email: newEmail, code: try wrongCode(for: code)) }
            codes.append(code)
        }
        let bytes = try databaseBytes(fixture)
        #expect(!bytes.isEmpty)
        for code in codes {
            #expect(!containsCode(bytes, code), "a code is stored in clear")
        }
        // The scan does find a code when one is there.
        #expect(containsCode(Array("x\(codes[0].secret)y".utf8), codes[0]))
    }
}
