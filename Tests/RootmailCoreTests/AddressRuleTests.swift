import Foundation
import Testing
import RootmailCore

func account(_ id: String, _ name: String, _ email: String, state: AccountState = .active) throws -> Account {
    Account(id: try AccountID(id), arn: "arn:aws:organizations::111111111111:account/o-exampleorg1/\(id)",
            name: name, email: email, state: state, joinedMethod: .created, joinedAt: Date(timeIntervalSince1970: 0))
}

@Suite("Address rules of a migration", .tags(.unit))
struct AddressRuleTests {
    @Test("a domain rewrite keeps the part before the @ and compares the domain without case")
    func rewriteDomain() throws {
        let rule = try AddressRule.rewriteDomain("northwind.example=newcorp.example")
        #expect(rule.newAddress(for: try account("222222222222", "Prod", "Ops.Root@NorthWind.Example")) == "Ops.Root@newcorp.example")
        #expect(rule.newAddress(for: try account("333333333333", "Other", "root@contoso.example")) == nil)
        // Only the domain after the last @ counts, not one inside the local part.
        #expect(rule.newAddress(for: try account("444444444444", "Odd", "northwind.example@elsewhere.example")) == nil)
    }

    @Test("a malformed --rewrite-domain is refused, naming what is wrong", arguments: [
        ("northwind.example", "must be OLD=NEW"),
        ("a=b=c", "must be OLD=NEW"),
        ("northwind.example=", "is not a domain"),
        ("root@northwind.example=newcorp.example", "is not a domain"),
        ("northwind=newcorp.example", "is not a domain"),
        ("Northwind.Example=northwind.example", "names the same domain twice"),
    ])
    func malformedRewrite(text: String, expected: String) {
        #expect {
            try AddressRule.rewriteDomain(text)
        } throws: { error in
            "\(error)".contains(expected) && "\(error)".contains("--rewrite-domain")
        }
    }

    @Test("a template fills in the ID, a safe name, and the parts of the current address")
    func template() throws {
        let payments = try account("222222222222", "Prod – Payments (EU)", "payments@northwind.example")
        #expect(try AddressTemplate("aws+{id}@corp.example").fill(for: payments) == "aws+222222222222@corp.example")
        #expect(try AddressTemplate("{name}@corp.example").fill(for: payments) == "prod-payments-eu@corp.example")
        #expect(try AddressTemplate("{local}+root@{domain}").fill(for: payments) == "payments+root@northwind.example")
        #expect(try AddressTemplate("ops-{local}@newcorp.example").fill(for: payments) == "ops-payments@newcorp.example")
    }

    @Test("an account name becomes lower-case ASCII with one dash for each run of other characters")
    func safeName() throws {
        let names = ["  Sandbox  ": "sandbox", "Dev__Team 42": "dev-team-42", "Zürich Ops": "z-rich-ops", "---": ""]
        for (name, expected) in names {
            #expect(try AddressTemplate("{name}@x.example").fill(for: try account("222222222222", name, "a@b.example"))
                    == "\(expected)@x.example")
        }
    }

    @Test("a template that cannot make distinct addresses is refused", arguments: [
        ("root@corp.example", "has no placeholder"),
        ("aws+{account}@corp.example", "unknown placeholder {account}"),
        ("aws+{id@corp.example", "without its }"),
        ("aws+{id}", "must make an address with an @"),
    ])
    func malformedTemplate(text: String, expected: String) {
        #expect {
            try AddressTemplate(text)
        } throws: { error in
            "\(error)".contains(expected) && "\(error)".contains("--template")
        }
    }
}
