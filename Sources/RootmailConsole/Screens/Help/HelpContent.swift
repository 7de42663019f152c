import TerminalUI

/// The Help screen's lines, written from the key table.
enum HelpLine: Hashable, Sendable {
    case heading(String)
    case binding(keys: String, description: String)
    case blank
}

enum HelpContent {
    /// The sections in reading order: the first screen first, the rarely needed last.
    static let sectionOrder: [KeyContext] = [
        .accounts, .lists, .filter, .screens, .details, .menu, .dialog, .textField, .pending, .migrationPreview,
        .migration, .migrations, .help, .everywhere,
    ]

    /// Every section, those of the keys in force where Help was opened (most specific first)
    /// ahead of the rest.
    static func lines(openedFrom contexts: [KeyContext] = []) -> [HelpLine] {
        let first = contexts.filter(sectionOrder.contains)
        let order = first + sectionOrder.filter { !first.contains($0) }
        return Array(order.flatMap { context -> [HelpLine] in
            let bindings = KeyTable.bindings(in: context)
            guard !bindings.isEmpty else { return [] }
            return [.heading(context.rawValue)]
                + bindings.map { HelpLine.binding(keys: $0.keyLabel, description: $0.description) }
                + [.blank]
        }.dropLast())
    }

    /// The width of the widest keys column entry.
    static let keysWidth = lines().reduce(0) { widest, line in
        if case .binding(let keys, _) = line { return max(widest, DisplayWidth.of(keys)) }
        return widest
    }
}
