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

    static let lines: [HelpLine] = sectionOrder.flatMap { context -> [HelpLine] in
        let bindings = KeyTable.bindings(in: context)
        guard !bindings.isEmpty else { return [] }
        return [.heading(context.rawValue)]
            + bindings.map { HelpLine.binding(keys: $0.keyLabel, description: $0.description) }
            + [.blank]
    }.dropLast()

    /// The width of the widest keys column entry.
    static let keysWidth = lines.reduce(0) { widest, line in
        if case .binding(let keys, _) = line { return max(widest, DisplayWidth.of(keys)) }
        return widest
    }
}
