import RootmailCore

/// Walks from an account up to the root with ListParents, naming each organizational unit
/// with DescribeOrganizationalUnit. Units and roots are cached for the backend's lifetime:
/// organizations with hundreds of accounts share a few units, and these calls are throttled.
actor ParentPathResolver {
    /// Organizations nests units at most five deep under the root.
    static let maximumDepth = 5

    private struct Unit {
        let name: String
        let parent: OrganizationParent
    }

    private let organizations: OrganizationsClient
    private var units: [String: Unit] = [:]
    private var rootNames: [String: String]?

    init(organizations: OrganizationsClient) {
        self.organizations = organizations
    }

    /// From the root down to the account's direct parent.
    func path(above account: AccountID) async throws -> [ParentUnit] {
        var upward: [ParentUnit] = []
        var parent = try await organizations.parent(of: account.rawValue)
        while !parent.isRoot {
            guard upward.count < Self.maximumDepth else {
                throw RootmailError.transport(
                    "Organizations gave account \(account) more than \(Self.maximumDepth) organizational units above it.")
            }
            let unit = try await unit(parent.Id)
            upward.append(ParentUnit(id: parent.Id, name: unit.name, kind: .organizationalUnit))
            parent = unit.parent
        }
        upward.append(ParentUnit(id: parent.Id, name: try await rootName(parent.Id), kind: .root))
        return upward.reversed()
    }

    private func unit(_ id: String) async throws -> Unit {
        if let known = units[id] { return known }
        let unit = Unit(name: try await organizations.organizationalUnitName(id),
                        parent: try await organizations.parent(of: id))
        units[id] = unit
        return unit
    }

    private func rootName(_ id: String) async throws -> String {
        if let name = rootNames?[id] { return name }
        let names = try await organizations.rootNames()
        rootNames = names
        guard let name = names[id] else {
            throw RootmailError.transport("Organizations did not list the root \(id) among its roots.")
        }
        return name
    }
}
