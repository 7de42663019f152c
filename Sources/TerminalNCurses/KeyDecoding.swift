import CNCurses
import TerminalUI

/// Turns what `get_wch` returns into the console's keys.
enum KeyDecoding {
    /// `status` is `get_wch`'s result (`OK` for a character, `KEY_CODE_YES` for a key code);
    /// nil for what the console has no use for (mouse, unknown keys, stray control bytes).
    static func decode(status: Int32, value: UInt32) -> TerminalInput? {
        switch status {
        case KEY_CODE_YES: return decode(keyCode: Int32(bitPattern: value))
        case OK: return decode(character: value).map(TerminalInput.key)
        default: return nil
        }
    }

    static func decode(keyCode: Int32) -> TerminalInput? {
        if keyCode == KEY_RESIZE {
            return .resize
        }
        if keyCode > KEY_F0 && keyCode <= KEY_F0 + 63 {
            return .key(.function(Int(keyCode - KEY_F0)))
        }
        let key: Key
        switch keyCode {
        case KEY_UP: key = .up
        case KEY_DOWN: key = .down
        case KEY_LEFT: key = .left
        case KEY_RIGHT: key = .right
        case KEY_PPAGE, KEY_A3: key = .pageUp
        case KEY_NPAGE, KEY_C3: key = .pageDown
        // Terminals described as "screen" or "rxvt" send Find and Select for Home and End.
        case KEY_HOME, KEY_A1, KEY_FIND: key = .home
        case KEY_END, KEY_C1, KEY_SELECT: key = .end
        case KEY_ENTER: key = .enter
        case KEY_BACKSPACE: key = .backspace
        case KEY_DC: key = .delete
        case KEY_BTAB: key = .backTab
        default: return nil
        }
        return .key(key)
    }

    static func decode(character value: UInt32) -> Key? {
        switch value {
        case 27: return .escape
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(value) + 0x60)))
        default:
            guard let scalar = Unicode.Scalar(value), scalar.properties.generalCategory != .control else {
                return nil
            }
            return .character(Character(scalar))
        }
    }
}
