import RootmailCore
import Testing

/// The models' identifier patterns as rootmail matches them by hand: the whole value, ASCII only.
@Suite(.tags(.unit))
struct MemberPatternTests {
    @Test func accountIDsAreTwelveDigits() {
        #expect(MemberPattern.accountID.matches("123456789012"))
        for bad in ["12345678901", "1234567890123", "12345678901a", " 123456789012", "１２３４５６７８９０１２", ""] {
            #expect(!MemberPattern.accountID.matches(bad), "\(bad)")
        }
    }

    @Test func rootsAndOrganizationalUnits() {
        #expect(MemberPattern.parentID.matches("r-tr9v"))
        #expect(!MemberPattern.parentID.matches("r-TR9V"))
        #expect(!MemberPattern.parentID.matches("r-abc"))
        #expect(MemberPattern.organizationalUnitID.matches("ou-tr9v-4q0o006k"))
        for bad in ["ou-tr9v", "ou-tr9v-4q0o006", "ou-tr9-4q0o006k", "ou-tr9v-4q0o006k-x", "ou--4q0o006k", "OU-tr9v-4q0o006k"] {
            #expect(!MemberPattern.organizationalUnitID.matches(bad), "\(bad)")
        }
        #expect(MemberPattern.parentID.matches("r-tr9v") && MemberPattern.parentID.matches("ou-tr9v-4q0o006k"))
        #expect(!MemberPattern.parentID.matches("123456789012"))
        #expect(MemberPattern.childID.matches("123456789012") && MemberPattern.childID.matches("ou-tr9v-4q0o006k"))
        #expect(!MemberPattern.childID.matches("r-tr9v"))
    }

    @Test func taggableResources() {
        for good in ["r-tr9v", "123456789012", "ou-tr9v-4q0o006k", "p-FullAWSAccess", "rp-abcd", "rt-abcdefgh"] {
            #expect(MemberPattern.taggableResourceID.matches(good), "\(good)")
        }
        for bad in ["p-short", "rt-abc", "x-abcdefgh", ""] {
            #expect(!MemberPattern.taggableResourceID.matches(bad), "\(bad)")
        }
    }

    @Test func servicePrincipals() throws {
        #expect(MemberPattern.servicePrincipal.matches("account.amazonaws.com"))
        #expect(!MemberPattern.servicePrincipal.matches("account amazonaws.com"))
        #expect(!MemberPattern.servicePrincipal.matches("accountéamazonaws.com"), "\\w is ASCII, as in Java")
        // The pattern allows any length; the member's own bounds do not.
        let member = try #require(OrganizationsOperation.enableAWSServiceAccess.input.first { $0.name == "ServicePrincipal" })
        #expect(member.violation(of: .string("")) == .tooShort(1))
        #expect(member.violation(of: .string(String(repeating: "a", count: 129))) == .tooLong(128))
        #expect(member.violation(of: nil) == .missing)
        #expect(member.violation(of: .string("account.amazonaws.com")) == nil)
    }

    @Test func integersAgainstTheirRange() throws {
        let member = try #require(OrganizationsOperation.listAccounts.input.first { $0.name == "MaxResults" })
        #expect(member.violation(of: .integer(0)) == .belowMinimum(1))
        #expect(member.violation(of: .integer(21)) == .aboveMaximum(20))
        #expect(member.violation(of: .integer(20)) == nil)
        #expect(member.violation(of: nil) == nil, "MaxResults is optional")
        #expect(ConstraintViolation.aboveMaximum(20).message == "Member must have value less than or equal to 20")
    }
}
