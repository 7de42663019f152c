import Testing
@testable import RootmailEndpoint

/// The Organizations model's identifier patterns, as the endpoint checks them before asking
/// the embedded organization.
@Suite(.tags(.unit))
struct OrganizationsIdentifiersTests {
    @Test func accountIDsAreTwelveDigits() {
        #expect(OrganizationsIdentifiers.isAccountID("123456789012"))
        for bad in ["12345678901", "1234567890123", "12345678901a", " 123456789012", "１２３４５６７８９０１２", ""] {
            #expect(!OrganizationsIdentifiers.isAccountID(bad), "\(bad)")
        }
    }

    @Test func rootsAndOrganizationalUnits() {
        #expect(OrganizationsIdentifiers.isRootID("r-tr9v"))
        #expect(!OrganizationsIdentifiers.isRootID("r-TR9V"))
        #expect(!OrganizationsIdentifiers.isRootID("r-abc"))
        #expect(OrganizationsIdentifiers.isOrganizationalUnitID("ou-tr9v-4q0o006k"))
        for bad in ["ou-tr9v", "ou-tr9v-4q0o006", "ou-tr9-4q0o006k", "ou-tr9v-4q0o006k-x", "ou--4q0o006k", "OU-tr9v-4q0o006k"] {
            #expect(!OrganizationsIdentifiers.isOrganizationalUnitID(bad), "\(bad)")
        }
        #expect(OrganizationsIdentifiers.isParentID("r-tr9v") && OrganizationsIdentifiers.isParentID("ou-tr9v-4q0o006k"))
        #expect(!OrganizationsIdentifiers.isParentID("123456789012"))
        #expect(OrganizationsIdentifiers.isChildID("123456789012") && OrganizationsIdentifiers.isChildID("ou-tr9v-4q0o006k"))
        #expect(!OrganizationsIdentifiers.isChildID("r-tr9v"))
    }

    @Test func taggableResources() {
        for good in ["r-tr9v", "123456789012", "ou-tr9v-4q0o006k", "p-FullAWSAccess", "rp-abcd", "rt-abcdefgh"] {
            #expect(OrganizationsIdentifiers.isTaggableResourceID(good), "\(good)")
        }
        for bad in ["p-short", "rt-abc", "x-abcdefgh", ""] {
            #expect(!OrganizationsIdentifiers.isTaggableResourceID(bad), "\(bad)")
        }
    }

    @Test func servicePrincipals() {
        #expect(OrganizationsIdentifiers.isServicePrincipal("account.amazonaws.com"))
        #expect(!OrganizationsIdentifiers.isServicePrincipal(""))
        #expect(!OrganizationsIdentifiers.isServicePrincipal("account amazonaws.com"))
        #expect(!OrganizationsIdentifiers.isServicePrincipal(String(repeating: "a", count: 129)))
    }
}
