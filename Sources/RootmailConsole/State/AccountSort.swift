/// A column the accounts table can be sorted by, with the Shift+letter that picks it.
public enum SortColumn: String, CaseIterable, Hashable, Sendable {
    case name = "Name"
    case accountID = "Account ID"
    case email = "Email"
    case state = "State"
    case joined = "Joined"

    /// The key (Shift + the column's initial) that sorts by this column.
    public var key: Character {
        switch self {
        case .name: "N"
        case .accountID: "I"
        case .email: "E"
        case .state: "S"
        case .joined: "J"
        }
    }
}

public struct AccountSort: Hashable, Sendable {
    public var column: SortColumn
    public var ascending: Bool

    public init(column: SortColumn, ascending: Bool = true) {
        self.column = column
        self.ascending = ascending
    }

    public static let byName = AccountSort(column: .name)

    /// Picking the current column again reverses it; another column starts ascending.
    public func choosing(_ column: SortColumn) -> AccountSort {
        column == self.column ? AccountSort(column: column, ascending: !ascending) : AccountSort(column: column)
    }

    public var arrow: String { ascending ? "↑" : "↓" }

    /// `Name ↑`
    public var label: String { "\(column.rawValue) \(arrow)" }
}
