import TerminalUI

/// The text of an input field and its cursor, edited as a line editor does: typing inserts at
/// the cursor, Backspace and Delete remove around it, Ctrl-U clears.
struct TextInput: Hashable, Sendable {
    private(set) var characters: [Character]
    /// Index into `characters`: 0 is before the first character.
    private(set) var cursor: Int

    init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    var text: String { String(characters) }

    /// How many terminal cells the text before the cursor takes.
    var widthBeforeCursor: Int { characters[..<cursor].reduce(0) { $0 + DisplayWidth.of($1) } }
    var isEmpty: Bool { characters.isEmpty }

    mutating func insert(_ character: Character) {
        characters.insert(character, at: cursor)
        cursor += 1
    }

    mutating func deleteBackward() {
        guard cursor > 0 else { return }
        cursor -= 1
        characters.remove(at: cursor)
    }

    mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    mutating func moveLeft() { cursor = max(0, cursor - 1) }
    mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    mutating func moveToStart() { cursor = 0 }
    mutating func moveToEnd() { cursor = characters.count }

    mutating func clear() {
        characters = []
        cursor = 0
    }
}
