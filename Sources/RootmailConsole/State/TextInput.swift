import TerminalUI

/// The text of an input field and its cursor, edited as a line editor does: typing inserts at
/// the cursor, Backspace and Delete remove around it, Ctrl-U clears.
public struct TextInput: Hashable, Sendable {
    public private(set) var characters: [Character]
    /// Index into `characters`: 0 is before the first character.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }

    /// How many terminal cells the text before the cursor takes.
    public var widthBeforeCursor: Int { characters[..<cursor].reduce(0) { $0 + DisplayWidth.of($1) } }
    public var isEmpty: Bool { characters.isEmpty }

    public mutating func insert(_ character: Character) {
        characters.insert(character, at: cursor)
        cursor += 1
    }

    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        cursor -= 1
        characters.remove(at: cursor)
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveToStart() { cursor = 0 }
    public mutating func moveToEnd() { cursor = characters.count }

    public mutating func clear() {
        characters = []
        cursor = 0
    }
}
