import Foundation

/// What the console keeps of a session for the next start on the same backend: the sort, the
/// kept filter and the screen the user was on.
struct ConsoleMemory: Codable, Hashable, Sendable {
    /// The screens worth coming back to; details and Help open from them.
    enum Place: String, Codable, Hashable, Sendable {
        case accounts
        case pendingUpdates
    }

    var sort: AccountSort
    var filter: String
    var place: Place
}

extension SortColumn: Codable {}

/// The file of remembered sessions in the data directory, one entry per backend identity.
/// It is a convenience: a file that cannot be read or decoded is ignored (the console starts
/// as new), and each write replaces it whole, atomically, so a kill never leaves half of one.
struct ConsoleMemoryFile: Sendable {
    static let fileName = "console-memory.json"

    let url: URL

    init(dataDirectory: URL) {
        url = dataDirectory.appendingPathComponent(Self.fileName)
    }

    func memory(for backend: String) -> ConsoleMemory? {
        entries()[backend]
    }

    func remember(_ memory: ConsoleMemory, for backend: String) throws {
        var entries = entries()
        entries[backend] = memory
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(Contents(backends: entries)).write(to: url, options: .atomic)
    }

    private func entries() -> [String: ConsoleMemory] {
        guard let data = try? Data(contentsOf: url),
              let contents = try? JSONDecoder().decode(Contents.self, from: data) else { return [:] }
        return contents.backends
    }

    private struct Contents: Codable {
        var backends: [String: ConsoleMemory]
    }
}
