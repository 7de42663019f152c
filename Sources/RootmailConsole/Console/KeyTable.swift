import TerminalUI

/// Where the user is, as far as keys are concerned. Several contexts are active at once, most
/// specific first (a dialog's text field, then the dialog, then everywhere).
enum KeyContext: String, CaseIterable, Hashable, Sendable {
    case everywhere = "Everywhere"
    case screens = "On every screen"
    case lists = "Lists"
    case accounts = "Accounts"
    case filter = "Filter (after /)"
    case details = "Account details"
    case pending = "Pending updates"
    case help = "Help"
    case menu = "Actions menu"
    case dialog = "Dialogs"
    case textField = "Text fields"
    case migrationPreview = "Migration preview"
    case migration = "Migration"
    case migrations = "Migrations"
}

/// What a key does. The reducer performs actions; the key table decides which key means which.
enum ConsoleAction: Hashable, Sendable {
    case quit
    case back
    case help
    case refresh
    case showPending
    case moveUp, moveDown, pageUp, pageDown, moveToTop, moveToBottom
    case open
    case startFilter, keepFilter, clearFilter
    case sort(SortColumn)
    case showActions, updateEmail, completeEmail
    case resendCode, discardUpdate, resolveUpdate
    case copy(ClipboardCopy.Item)
    case nextFocus, previousFocus, activate
    case type(Character)
    case deleteBackward, deleteForward, cursorLeft, cursorRight, cursorToStart, cursorToEnd, clearField
    case toggleMark, markShown, planMigration, startMigration, showMigrations, openMigration
    case enterMigrationCode, cycleStateFilter
}

extension ConsoleAction {
    var isMovement: Bool { listMove != nil }

    /// How far a movement key moves through a list.
    var listMove: ListMove? {
        switch self {
        case .moveUp: .rows(-1)
        case .moveDown: .rows(1)
        case .pageUp: .pages(-1)
        case .pageDown: .pages(1)
        case .moveToTop: .rows(-Int.max / 2)
        case .moveToBottom: .rows(Int.max / 2)
        default: nil
        }
    }

    /// What an editing key does to the text field that has the focus.
    var fieldEdit: ((inout TextInput) -> Void)? {
        switch self {
        case .type(let character): { $0.insert(character) }
        case .deleteBackward: { $0.deleteBackward() }
        case .deleteForward: { $0.deleteForward() }
        case .cursorLeft: { $0.moveLeft() }
        case .cursorRight: { $0.moveRight() }
        case .cursorToStart: { $0.moveToStart() }
        case .cursorToEnd: { $0.moveToEnd() }
        case .clearField: { $0.clear() }
        default: nil
        }
    }
}

/// A key, or any printable character (typing into a field).
enum KeyPattern: Hashable, Sendable {
    case key(Key)
    case text

    func matches(_ key: Key) -> Bool {
        switch self {
        case .key(let own): own == key
        case .text: key.typedCharacter != nil
        }
    }
}

struct KeyBinding: Sendable {
    let patterns: [KeyPattern]
    let contexts: [KeyContext]
    let description: String
    /// The word shown in the footer, for the few keys worth showing there.
    let footer: String?
    let action: @Sendable (Key) -> ConsoleAction

    init(_ patterns: [KeyPattern], _ contexts: [KeyContext], _ description: String, footer: String? = nil,
         _ action: ConsoleAction) {
        self.init(patterns, contexts, description, footer: footer, perform: { _ in action })
    }

    init(_ patterns: [KeyPattern], _ contexts: [KeyContext], _ description: String, footer: String? = nil,
         perform: @escaping @Sendable (Key) -> ConsoleAction) {
        self.patterns = patterns
        self.contexts = contexts
        self.description = description
        self.footer = footer
        self.action = perform
    }

    /// What the binding does for a key it matches (for `.text`, typing a space).
    func action(_ pattern: KeyPattern) -> ConsoleAction {
        switch pattern {
        case .key(let key): action(key)
        case .text: action(.character(" "))
        }
    }

    /// `↑ k`
    var keyLabel: String { patterns.map(\.label).joined(separator: " ") }
}

/// The one table that both dispatches keys and writes the Help screen and the footers.
enum KeyTable {
    static func action(for key: Key, in contexts: [KeyContext]) -> ConsoleAction? {
        for context in contexts {
            if let binding = bindings.first(where: { binding in
                binding.contexts.contains(context) && binding.patterns.contains { $0.matches(key) }
            }) {
                return binding.action(key)
            }
        }
        return nil
    }

    /// The bindings that apply in a context, in table order.
    static func bindings(in context: KeyContext) -> [KeyBinding] {
        bindings.filter { $0.contexts.contains(context) }
    }

    /// `key label` pairs for a footer, most specific context first, without the keys of the
    /// `hidden` actions (those the session may not take).
    static func footer(for contexts: [KeyContext], hiding hidden: Set<ConsoleAction> = []) -> [(keys: String, word: String)] {
        var seen = Set<String>()
        var items: [(keys: String, word: String)] = []
        for context in contexts {
            for binding in bindings(in: context) {
                guard let word = binding.footer, let first = binding.patterns.first,
                      !hidden.contains(binding.action(first)), seen.insert(word).inserted else { continue }
                items.append((first.label, word))
            }
        }
        return items
    }

    private static func keys(_ keys: Key...) -> [KeyPattern] { keys.map { .key($0) } }
    private static func char(_ characters: Character...) -> [KeyPattern] { characters.map { .key(.character($0)) } }

    static let bindings: [KeyBinding] = [
        KeyBinding(keys(.control("c")), [.everywhere], "Quit rootmail (pending updates stay recorded)", .quit),

        KeyBinding(char("?") + keys(.function(1)), [.screens], "Show this help", footer: "help", .help),
        KeyBinding(char("R"), [.screens], "Refresh from the backend", footer: "refresh", .refresh),

        KeyBinding(keys(.up) + char("k"), [.lists], "Move up", .moveUp),
        KeyBinding(keys(.down) + char("j"), [.lists], "Move down", .moveDown),
        KeyBinding(keys(.pageUp, .control("b")), [.lists], "Page up", .pageUp),
        KeyBinding(keys(.pageDown, .control("f")), [.lists], "Page down", .pageDown),
        KeyBinding(keys(.home) + char("g"), [.lists], "Go to the top", .moveToTop),
        KeyBinding(keys(.end) + char("G"), [.lists], "Go to the bottom", .moveToBottom),

        KeyBinding(keys(.enter), [.accounts], "Open the account's details", footer: "open", .open),
        KeyBinding(char("/"), [.accounts], "Filter by name, ID or address as you type", footer: "filter", .startFilter),
        KeyBinding(keys(.escape), [.accounts], "Clear the filter", .clearFilter),
        KeyBinding(char("a"), [.accounts, .details], "Actions for the account", footer: "actions", .showActions),
        KeyBinding(char("u"), [.accounts, .details], "Update email address", footer: "update", .updateEmail),
        KeyBinding(char("c"), [.accounts, .details], "Complete email update", .completeEmail),
        KeyBinding(char("p"), [.accounts, .details], "Show the pending email updates", footer: "pending", .showPending),
        KeyBinding(char("y"), [.accounts, .details, .pending], "Copy the account ID to the clipboard", .copy(.accountID)),
        KeyBinding(char("Y"), [.accounts, .details, .pending], "Copy the root email address to the clipboard",
                   .copy(.rootAddress)),
        KeyBinding(char(SortColumn.name.key), [.accounts], "Sort by name (again: reverse)", .sort(.name)),
        KeyBinding(char(SortColumn.accountID.key), [.accounts], "Sort by account ID (again: reverse)", .sort(.accountID)),
        KeyBinding(char(SortColumn.email.key), [.accounts], "Sort by email address (again: reverse)", .sort(.email)),
        KeyBinding(char(SortColumn.state.key), [.accounts], "Sort by state (again: reverse)", .sort(.state)),
        KeyBinding(char(SortColumn.joined.key), [.accounts], "Sort by joined date (again: reverse)", .sort(.joined)),
        KeyBinding(char("q"), [.accounts], "Quit rootmail", footer: "quit", .quit),
        KeyBinding(char(" "), [.accounts], "Mark or unmark the account, for a migration", .toggleMark),
        KeyBinding(char("*"), [.accounts], "Mark every account shown (again: unmark them)", .markShown),
        KeyBinding(char("M"), [.accounts, .menu], "Update the email addresses of the marked accounts", .planMigration),
        KeyBinding(char("m"), [.accounts, .details, .pending], "List the migrations", .showMigrations),

        KeyBinding(keys(.up), [.filter], "Move up", .moveUp),
        KeyBinding(keys(.down), [.filter], "Move down", .moveDown),
        KeyBinding(keys(.enter), [.filter], "Keep the filter and go back to the list", footer: "keep", .keepFilter),
        KeyBinding(keys(.escape), [.filter], "Clear the filter", footer: "clear", .clearFilter),

        KeyBinding(keys(.enter), [.pending], "Complete the selected update (enter its code)", footer: "complete", .completeEmail),
        KeyBinding(char("r"), [.pending], "Resend the code (asks first; restarts the 24 hours)", footer: "resend", .resendCode),
        KeyBinding(char("x"), [.pending], "Discard the update (asks first)", footer: "discard", .discardUpdate),
        KeyBinding(char("s"), [.pending], "Resolve an uncertain update (asks the backend)", footer: "resolve", .resolveUpdate),

        KeyBinding(keys(.escape) + char("q"), [.details, .pending, .help], "Go back", footer: "back", .back),

        KeyBinding(keys(.enter), [.migrationPreview], "Start the migration: send the updates", footer: "start",
                   .startMigration),
        KeyBinding(keys(.escape) + char("q"), [.migrationPreview], "Back to the rule; nothing is sent", footer: "back",
                   .back),
        KeyBinding(keys(.enter), [.migration], "Enter the selected row's code (or paste ACCOUNT CODE lines)",
                   footer: "code", .enterMigrationCode),
        KeyBinding(char("f"), [.migration], "Show only the rows in one state (again: the next state)",
                   footer: "state", .cycleStateFilter),
        KeyBinding(keys(.enter), [.migrations], "Open the migration", footer: "open", .openMigration),
        KeyBinding(keys(.escape) + char("q"), [.migration, .migrations], "Go back (a running migration goes on)",
                   footer: "back", .back),

        KeyBinding(keys(.up) + char("k"), [.menu], "Previous action", .moveUp),
        KeyBinding(keys(.down) + char("j"), [.menu], "Next action", .moveDown),
        KeyBinding(keys(.enter), [.menu], "Choose the action", footer: "choose", .activate),
        KeyBinding(keys(.escape), [.menu], "Close the menu", footer: "close", .back),
        KeyBinding(char("u"), [.menu], "Update email address", .updateEmail),
        KeyBinding(char("c"), [.menu], "Complete email update", .completeEmail),

        KeyBinding(keys(.tab), [.dialog], "Next field or button", footer: "next", .nextFocus),
        KeyBinding(keys(.backTab), [.dialog], "Previous field or button", .previousFocus),
        KeyBinding(keys(.right), [.dialog], "Next button", .nextFocus),
        KeyBinding(keys(.left), [.dialog], "Previous button", .previousFocus),
        KeyBinding(keys(.enter), [.dialog], "Press the button; in a field, submit", footer: "submit", .activate),
        KeyBinding(keys(.escape), [.dialog], "Cancel (an update already started stays pending)", footer: "cancel", .back),

        KeyBinding([.text], [.textField], "Type", perform: { key in .type(key.typedCharacter ?? " ") }),
        KeyBinding(keys(.backspace), [.textField], "Delete the character before the cursor", .deleteBackward),
        KeyBinding(keys(.delete), [.textField], "Delete the character under the cursor", .deleteForward),
        KeyBinding(keys(.left), [.textField], "Cursor left", .cursorLeft),
        KeyBinding(keys(.right), [.textField], "Cursor right", .cursorRight),
        KeyBinding(keys(.home, .control("a")), [.textField], "Cursor to the start", .cursorToStart),
        KeyBinding(keys(.end, .control("e")), [.textField], "Cursor to the end", .cursorToEnd),
        KeyBinding(keys(.control("u")), [.textField], "Clear the field", .clearField),
    ]
}

extension Key {
    /// The character this key types into a field, if it is a printable one.
    var typedCharacter: Character? {
        guard case .character(let character) = self else { return nil }
        let isControl = character.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control }
        return isControl ? nil : character
    }

    /// How the key is written in Help and footers: `↑`, `PgDn`, `Ctrl-C`, `F1`, `N`.
    var label: String {
        switch self {
        case .character(" "): "Space"
        case .character(let character): String(character)
        case .control(let character): "Ctrl-\(String(character).uppercased())"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .function(let number): "F\(number)"
        }
    }
}

extension KeyPattern {
    var label: String {
        switch self {
        case .key(let key): key.label
        case .text: "letters"
        }
    }
}
