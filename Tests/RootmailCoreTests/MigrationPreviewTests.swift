import Foundation
import Testing
import RootmailCore

@Suite("A migration's preview", .tags(.unit))
struct MigrationPreviewTests {
    let management = try! AccountID("111111111111")
    let since = Date(timeIntervalSince1970: 1_800_000_000)

    private func organization() throws -> [Account] {
        [
            try account("111111111111", "Management", "root@northwind.example"),
            try account("222222222222", "Payments", "payments@northwind.example"),
            try account("333333333333", "Closed one", "closed@northwind.example", state: .closed),
            try account("444444444444", "Suspended", "held@northwind.example", state: .suspended),
            try account("555555555555", "Elsewhere", "ops@contoso.example"),
            try account("666666666666", "Busy", "busy@northwind.example"),
            try account("777777777777", "Taken", "taken@northwind.example"),
            try account("888888888888", "Already there", "taken@newcorp.example"),
            try account("999999999999", "Long", String(repeating: "l", count: 50) + "@northwind.example"),
        ]
    }

    private func openUpdate(for id: String) throws -> PendingUpdate {
        PendingUpdate(organizationID: "o-exampleorg1", accountID: try AccountID(id), accountName: "Busy",
                      previousEmail: "busy@northwind.example", newEmail: try EmailAddress("busy@elsewhere.example"),
                      startedAt: since, expiresAt: since.addingTimeInterval(AWSMessages.codeLifetime),
                      startedBy: "arn:aws:iam::111111111111:user/alice", phase: .pending, ownerPID: 0, updatedAt: since)
    }

    @Test("a domain rewrite over the organization flags every account AWS would refuse, and counts them")
    func everyCheck() throws {
        let accounts = try organization()
        let preview = MigrationPreview(rule: try AddressRule.rewriteDomain("northwind.example=newcorp.example"),
                                       selection: accounts, organization: accounts, managementAccountID: management,
                                       open: [try openUpdate(for: "666666666666")])
        let checks = Dictionary(uniqueKeysWithValues: preview.rows.map { ($0.accountID.rawValue, $0.check) })
        #expect(checks["111111111111"] == .managementAccount)
        #expect(checks["222222222222"] == .some(nil))
        #expect(checks["333333333333"] == .notActive(.closed))
        #expect(checks["444444444444"] == .notActive(.suspended))
        #expect(checks["555555555555"] == .ruleDoesNotApply)
        #expect(checks["666666666666"] == .updatePending(startedBy: "arn:aws:iam::111111111111:user/alice", since: since))
        #expect(checks["777777777777"] == .addressInUse(try AccountID("888888888888")))
        #expect(checks["888888888888"] == .ruleDoesNotApply)
        if case .invalidAddress(let rule) = checks["999999999999"] ?? nil {
            #expect(rule.contains("64"))
        } else {
            Issue.record("a 66-character address passed: \(String(describing: checks["999999999999"]))")
        }
        #expect(preview.toStart.map(\.newEmail) == [try EmailAddress("payments@newcorp.example")])
        let counts = Dictionary(uniqueKeysWithValues: preview.countsByCheck.map { ($0.check, $0.count) })
        #expect(counts == ["not active": 2, "rule does not apply": 2, "management account": 1, "update pending": 1,
                           "address in use": 1, "invalid address": 1])
    }

    @Test("two accounts given one address are both left out, each naming the other")
    func sameNewAddress() throws {
        let accounts = try organization()
        let pairs = [(accountID: try AccountID("222222222222"), newEmail: "shared@newcorp.example"),
                     (accountID: try AccountID("555555555555"), newEmail: "Shared@NewCorp.example")]
        let preview = MigrationPreview(pairs: pairs, organization: accounts, managementAccountID: management, open: [])
        #expect(preview.rows.map(\.check) == [.sameNewAddress(try AccountID("555555555555")),
                                             .sameNewAddress(try AccountID("222222222222"))])
        #expect(preview.toStart.isEmpty)
    }

    @Test("a plan file's unchanged rows, unknown accounts and repeated accounts")
    func planFile() throws {
        let accounts = try organization()
        let pairs = [(accountID: try AccountID("222222222222"), newEmail: "PAYMENTS@northwind.example"),
                     (accountID: try AccountID("123456789012"), newEmail: "new@newcorp.example"),
                     (accountID: try AccountID("555555555555"), newEmail: "ops@newcorp.example"),
                     (accountID: try AccountID("555555555555"), newEmail: "second@newcorp.example")]
        let preview = MigrationPreview(pairs: pairs, organization: accounts, managementAccountID: management, open: [])
        #expect(preview.rows.map(\.check) == [.unchanged, .notInOrganization, nil])
        #expect(preview.toStart.first?.newEmail == (try EmailAddress("ops@newcorp.example")))
    }

    @Test("an expired or finished update does not block a row; an open one does")
    func onlyOpenUpdatesBlock() throws {
        let accounts = try organization()
        var finished = try openUpdate(for: "222222222222")
        finished.phase = .completed
        let rule = try AddressRule.rewriteDomain("northwind.example=newcorp.example")
        let preview = MigrationPreview(rule: rule, selection: [accounts[1]], organization: accounts,
                                       managementAccountID: management, open: [finished])
        #expect(preview.rows.map(\.check) == [nil])
    }
}
