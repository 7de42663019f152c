/// The patterns of the Organizations model's identifier members, checked by hand (they are
/// simple, and this runs on every request).
enum OrganizationsIdentifiers {
    /// `^\d{12}$`
    static func isAccountID(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy(isDigit)
    }

    /// `^r-[0-9a-z]{4,32}$`
    static func isRootID(_ text: String) -> Bool {
        guard text.hasPrefix("r-") else { return false }
        return isLowercaseAlphanumeric(text.utf8.dropFirst(2), length: 4...32)
    }

    /// `^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$`
    static func isOrganizationalUnitID(_ text: String) -> Bool {
        guard text.hasPrefix("ou-") else { return false }
        let parts = text.utf8.dropFirst(3).split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        return parts.count == 2 && isLowercaseAlphanumeric(parts[0], length: 4...32)
            && isLowercaseAlphanumeric(parts[1], length: 8...32)
    }

    /// ListParents' `ChildId`: an account or an OU.
    static func isChildID(_ text: String) -> Bool { isAccountID(text) || isOrganizationalUnitID(text) }

    /// `ParentId`: a root or an OU.
    static func isParentID(_ text: String) -> Bool { isRootID(text) || isOrganizationalUnitID(text) }

    /// ListTagsForResource's `ResourceId`: a root, account, OU, policy (`p-`), resource policy
    /// (`rp-`) or responsibility transfer (`rt-`).
    static func isTaggableResourceID(_ text: String) -> Bool {
        if isRootID(text) || isAccountID(text) || isOrganizationalUnitID(text) { return true }
        for (prefix, length) in [("p-", 8...128), ("rp-", 4...128), ("rt-", 8...32)] where text.hasPrefix(prefix) {
            let rest = text.utf8.dropFirst(prefix.utf8.count)
            return length.contains(rest.count) && rest.allSatisfy { isWordCharacter($0) }
        }
        return false
    }

    /// `ServicePrincipal`: 1 to 128 of `[\w+=,.@-]`.
    static func isServicePrincipal(_ text: String) -> Bool {
        (1...128).contains(text.utf8.count) && text.utf8.allSatisfy {
            isWordCharacter($0) || "+=,.@-".utf8.contains($0)
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isWordCharacter(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || byte == UInt8(ascii: "_")
    }

    private static func isLowercaseAlphanumeric<Bytes: Collection<UInt8>>(_ bytes: Bytes, length: ClosedRange<Int>) -> Bool {
        length.contains(bytes.count) && bytes.allSatisfy { isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
    }
}
