/// A member of an operation's input with the constraints its service model states (botocore's
/// `account` and `organizations` models; ModelValidationTests compares this table with them).
/// Lengths count Unicode code points, as the models and botocore's `len` do.
public struct InputMember: Sendable {
    public enum ValueType: Sendable { case string, integer }

    public let name: String
    public let type: ValueType
    public let isRequired: Bool
    /// The string's length, or the integer's value.
    public let minimum: Int?
    public let maximum: Int?
    public let pattern: MemberPattern?
    public let enumeration: [String]?

    init(_ name: String, _ type: ValueType = .string, required: Bool = false, minimum: Int? = nil, maximum: Int? = nil,
         pattern: MemberPattern? = nil, enumeration: [String]? = nil) {
        precondition(minimum.map { min in maximum.map { min <= $0 } ?? true } ?? true, "\(name): minimum above maximum")
        precondition(type == .string || (pattern == nil && enumeration == nil), "\(name): only strings have patterns")
        self.name = name
        self.type = type
        isRequired = required
        self.minimum = minimum
        self.maximum = maximum
        self.pattern = pattern
        self.enumeration = enumeration
    }

    /// A member's value as the request carries it.
    public enum Value: Sendable, Equatable {
        case string(String)
        case integer(Int)
    }

    /// The first constraint `value` breaks (nil: the member is absent), in the order AWS's
    /// front ends check them: presence, length or range, pattern, enumeration.
    public func violation(of value: Value?) -> ConstraintViolation? {
        switch value {
        case nil:
            return isRequired ? .missing : nil
        case .integer(let number):
            if let minimum, number < minimum { return .belowMinimum(minimum) }
            if let maximum, number > maximum { return .aboveMaximum(maximum) }
            return nil
        case .string(let text):
            let length = text.unicodeScalars.count
            if let minimum, length < minimum { return .tooShort(minimum) }
            if let maximum, length > maximum { return .tooLong(maximum) }
            if let pattern, !pattern.matches(text) { return .patternMismatch(pattern) }
            if let enumeration, !enumeration.contains(text) { return .notInEnumeration(enumeration) }
            return nil
        }
    }
}

/// What a member's value breaks, worded as AWS's front ends word model constraints.
public enum ConstraintViolation: Sendable, Hashable {
    case missing
    case tooShort(Int)
    case tooLong(Int)
    case belowMinimum(Int)
    case aboveMaximum(Int)
    case patternMismatch(MemberPattern)
    case notInEnumeration([String])

    /// `Member must …`, the constraint half of a validation error.
    public var message: String {
        switch self {
        case .missing: AWSMessages.memberMissing
        case .tooShort(let minimum): "Member must have length greater than or equal to \(minimum)"
        case .tooLong(let maximum): "Member must have length less than or equal to \(maximum)"
        case .belowMinimum(let minimum): "Member must have value greater than or equal to \(minimum)"
        case .aboveMaximum(let maximum): "Member must have value less than or equal to \(maximum)"
        case .patternMismatch(let pattern): "Member must satisfy regular expression pattern: \(pattern.rawValue)"
        case .notInEnumeration(let values): "Member must satisfy enum value set: [\(values.joined(separator: ", "))]"
        }
    }

    /// The `Reason` of Organizations' InvalidInputException for it (the model's
    /// InvalidInputExceptionReason).
    public var organizationsReason: String {
        switch self {
        case .missing: "INPUT_REQUIRED"
        case .tooShort: "MIN_LENGTH_EXCEEDED"
        case .tooLong: "MAX_LENGTH_EXCEEDED"
        case .belowMinimum: "MIN_VALUE_EXCEEDED"
        case .aboveMaximum: "MAX_VALUE_EXCEEDED"
        case .patternMismatch: "INVALID_PATTERN"
        case .notInEnumeration: "INVALID_ENUM"
        }
    }
}

/// The patterns of the models' members, as the models write them, matched against the whole
/// value as AWS's front ends match them (`Matcher.matches`), by hand: they are simple, and they
/// run on every request.
public enum MemberPattern: String, Sendable, CaseIterable {
    case accountAPIAccountID = #"\d{12}"#
    case otp = "[a-zA-Z0-9]{6}"
    case accountID = #"^\d{12}$"#
    case childID = #"^(\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$"#
    case parentID = #"^(r-[0-9a-z]{4,32})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$"#
    case organizationalUnitID = #"^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$"#
    case taggableResourceID =
        #"^(r-[0-9a-z]{4,32})|(\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})|(^p-[0-9a-zA-Z_]{8,128})|(^rp-[0-9a-zA-Z_]{4,128})|(^rt-[0-9a-zA-Z_]{8,32})$"#
    case servicePrincipal = #"[\w+=,.@-]*"#
    case anything = #"[\s\S]*"#

    public func matches(_ text: String) -> Bool {
        let bytes = text.utf8
        switch self {
        case .accountAPIAccountID, .accountID: return Self.isAccountID(bytes)
        case .otp: return bytes.count == 6 && bytes.allSatisfy(Self.isAlphanumeric)
        case .childID: return Self.isAccountID(bytes) || Self.isOrganizationalUnitID(bytes)
        case .parentID: return Self.isRootID(bytes) || Self.isOrganizationalUnitID(bytes)
        case .organizationalUnitID: return Self.isOrganizationalUnitID(bytes)
        case .taggableResourceID:
            if Self.isRootID(bytes) || Self.isAccountID(bytes) || Self.isOrganizationalUnitID(bytes) { return true }
            for (prefix, length) in [("p-", 8...128), ("rp-", 4...128), ("rt-", 8...32)] where text.hasPrefix(prefix) {
                let rest = bytes.dropFirst(prefix.utf8.count)
                return length.contains(rest.count) && rest.allSatisfy(Self.isWordCharacter)
            }
            return false
        case .servicePrincipal: return bytes.allSatisfy { Self.isWordCharacter($0) || "+=,.@-".utf8.contains($0) }
        case .anything: return true
        }
    }

    private static func isAccountID(_ bytes: some Collection<UInt8>) -> Bool { bytes.count == 12 && bytes.allSatisfy(isDigit) }

    /// `r-[0-9a-z]{4,32}`
    private static func isRootID(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: "r-".utf8) && isLowercaseAlphanumeric(bytes.dropFirst(2), length: 4...32)
    }

    /// `ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}`
    private static func isOrganizationalUnitID(_ bytes: some Collection<UInt8>) -> Bool {
        guard bytes.starts(with: "ou-".utf8) else { return false }
        let parts = bytes.dropFirst(3).split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        return parts.count == 2 && isLowercaseAlphanumeric(parts[0], length: 4...32) && isLowercaseAlphanumeric(parts[1], length: 8...32)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    private static func isLowercase(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || isLowercase(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
    /// `\w` as Java and ECMAScript read it: ASCII letters, digits and `_`.
    private static func isWordCharacter(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == UInt8(ascii: "_") }

    private static func isLowercaseAlphanumeric(_ bytes: some Collection<UInt8>, length: ClosedRange<Int>) -> Bool {
        length.contains(bytes.count) && bytes.allSatisfy { isDigit($0) || isLowercase($0) }
    }
}
