import CNCurses
import Testing
@testable import TerminalNCurses
import TerminalUI

@Suite(.tags(.unit))
struct KeyDecodingTests {
    @Test func cursorAndEditingKeyCodes() {
        #expect(KeyDecoding.decode(keyCode: KEY_UP) == .key(.up))
        #expect(KeyDecoding.decode(keyCode: KEY_DOWN) == .key(.down))
        #expect(KeyDecoding.decode(keyCode: KEY_LEFT) == .key(.left))
        #expect(KeyDecoding.decode(keyCode: KEY_RIGHT) == .key(.right))
        #expect(KeyDecoding.decode(keyCode: KEY_PPAGE) == .key(.pageUp))
        #expect(KeyDecoding.decode(keyCode: KEY_NPAGE) == .key(.pageDown))
        #expect(KeyDecoding.decode(keyCode: KEY_HOME) == .key(.home))
        #expect(KeyDecoding.decode(keyCode: KEY_END) == .key(.end))
        #expect(KeyDecoding.decode(keyCode: KEY_FIND) == .key(.home))
        #expect(KeyDecoding.decode(keyCode: KEY_SELECT) == .key(.end))
        #expect(KeyDecoding.decode(keyCode: KEY_ENTER) == .key(.enter))
        #expect(KeyDecoding.decode(keyCode: KEY_BACKSPACE) == .key(.backspace))
        #expect(KeyDecoding.decode(keyCode: KEY_DC) == .key(.delete))
        #expect(KeyDecoding.decode(keyCode: KEY_BTAB) == .key(.backTab))
    }

    @Test func resizeAndFunctionKeys() {
        #expect(KeyDecoding.decode(keyCode: KEY_RESIZE) == .resize)
        #expect(KeyDecoding.decode(keyCode: rootmail_key_f(1)) == .key(.function(1)))
        #expect(KeyDecoding.decode(keyCode: rootmail_key_f(12)) == .key(.function(12)))
        #expect(KeyDecoding.decode(keyCode: KEY_MOUSE) == nil)
    }

    @Test func controlCharacters() {
        #expect(KeyDecoding.decode(character: 27) == .escape)
        #expect(KeyDecoding.decode(character: 9) == .tab)
        #expect(KeyDecoding.decode(character: 13) == .enter)
        #expect(KeyDecoding.decode(character: 10) == .enter)
        #expect(KeyDecoding.decode(character: 127) == .backspace)
        #expect(KeyDecoding.decode(character: 8) == .backspace)
        #expect(KeyDecoding.decode(character: 3) == .control("c"))
        #expect(KeyDecoding.decode(character: 1) == .control("a"))
        #expect(KeyDecoding.decode(character: 26) == .control("z"))
        #expect(KeyDecoding.decode(character: 0) == nil)
        #expect(KeyDecoding.decode(character: 0x9B) == nil)
    }

    @Test func printableCharacters() {
        #expect(KeyDecoding.decode(character: 0x71) == .character("q"))
        #expect(KeyDecoding.decode(character: 0x47) == .character("G"))
        #expect(KeyDecoding.decode(character: 0xE9) == .character("é"))
        #expect(KeyDecoding.decode(character: 0x65E5) == .character("日"))
        #expect(KeyDecoding.decode(character: 0x1F600) == .character("😀"))
        #expect(KeyDecoding.decode(character: 0xD800) == nil)
    }

    @Test func getWchStatusSelectsCharacterOrKeyCode() {
        #expect(KeyDecoding.decode(status: OK, value: UInt32(KEY_UP)) == .key(.character("\u{103}")))
        #expect(KeyDecoding.decode(status: KEY_CODE_YES, value: UInt32(KEY_UP)) == .key(.up))
        #expect(KeyDecoding.decode(status: ERR, value: 0) == nil)
    }
}
