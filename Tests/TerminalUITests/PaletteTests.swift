import CNCurses
import Testing
@testable import TerminalNCurses
import TerminalUI

@Suite(.tags(.unit))
struct PaletteTests {
    private let monochrome = Palette(usesColor: false)
    private let colour = Palette(usesColor: true)

    @Test func withoutColourAccentsShowThroughAttributes() {
        for accent in Accent.allCases {
            #expect(monochrome.attributes(for: CellStyle(accent: accent)).pair == 0)
        }
        #expect(monochrome.attributes(for: CellStyle(accent: .error)).attributes == rootmail_a_bold())
        #expect(monochrome.attributes(for: CellStyle(accent: .warning)).attributes == rootmail_a_bold())
        #expect(monochrome.attributes(for: CellStyle(accent: .highlight)).attributes == rootmail_a_underline())
        #expect(monochrome.attributes(for: CellStyle(accent: .muted)).attributes == rootmail_a_dim())
    }

    @Test func withColourAccentsGetTheirOwnPairs() {
        let pairs = [Accent.warning, .error, .success, .highlight].map { colour.attributes(for: CellStyle(accent: $0)).pair }
        #expect(Set(pairs).count == 4)
        #expect(!pairs.contains(0))
        #expect(colour.attributes(for: .plain) == (rootmail_a_normal(), 0))
    }

    @Test func boldReverseAndUnderlineAreKeptEitherWay() {
        let style = CellStyle(accent: .normal, bold: true, reverse: true, underline: true)
        let expected = rootmail_a_bold() | rootmail_a_reverse() | rootmail_a_underline()
        #expect(monochrome.attributes(for: style).attributes == expected)
        #expect(colour.attributes(for: style).attributes == expected)
    }
}
