/// A column the accounts table can be sorted by, with the Shift+letter that picks it.
enum SortColumn: String, CaseIterable, Hashable, Sendable {
    case name = "Name"
    case accountID = "Account ID"
    case email = "Email"
    case state = "State"
    case joined = "Joined"

    /// The key (Shift + the column's initial) that sorts by this column.
    var key: Character {
        switch self {
        case .name: "N"
        case .accountID: "I"
        case .email: "E"
        case .state: "S"
        case .joined: "J"
        }
    }
}

struct AccountSort: Hashable, Sendable, Codable {
    var column: SortColumn
    var ascending: Bool

    init(column: SortColumn, ascending: Bool = true) {
        self.column = column
        self.ascending = ascending
    }

    static let byName = AccountSort(column: .name)

    /// Picking the current column again reverses it; another column starts ascending.
    func choosing(_ column: SortColumn) -> AccountSort {
        column == self.column ? AccountSort(column: column, ascending: !ascending) : AccountSort(column: column)
    }

    var arrow: String { ascending ? "↑" : "↓" }

    /// `Name ↑`
    var label: String { "\(column.rawValue) \(arrow)" }
}
