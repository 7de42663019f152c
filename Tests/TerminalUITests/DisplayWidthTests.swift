import Testing
@testable import TerminalUI

@Suite(.tags(.unit))
struct DisplayWidthTests {
    @Test func asciiTakesOneCellPerCharacter() {
        #expect(DisplayWidth.of("Production") == 10)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test func accentedLettersTakeOneCellComposedOrNot() {
        #expect(DisplayWidth.of("café") == 4)
        #expect(DisplayWidth.of("cafe\u{301}") == 4)
    }

    @Test func eastAsianCharactersTakeTwoCells() {
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("ｱ") == 1)  // halfwidth katakana
        #expect(DisplayWidth.of("Ａ") == 2)  // fullwidth Latin
    }

    @Test func emojiTakeTwoCells() {
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("ok 🚀") == 5)
    }

    @Test func combiningMarksAndJoinersTakeNoCell() {
        #expect(DisplayWidth.of("\u{301}") == 0)
        #expect(DisplayWidth.of("\u{200B}") == 0)
    }

    @Test func controlCharactersShowAsOneReplacementCell() {
        #expect(DisplayWidth.of("a\u{7}b") == 3)
        #expect(DisplayWidth.displayed("\u{1B}").scalar == "\u{FFFD}")
    }

    @Test func truncationKeepsWhatFits() {
        #expect(DisplayWidth.truncate("Production", to: 4) == "Prod")
        #expect(DisplayWidth.truncate("Prod", to: 10) == "Prod")
        #expect(DisplayWidth.truncate("Prod", to: 0) == "")
    }

    @Test func truncationNeverSplitsAWideCharacter() {
        #expect(DisplayWidth.truncate("日本語", to: 5) == "日本")
        #expect(DisplayWidth.truncate("日本語", to: 1) == "")
        #expect(DisplayWidth.truncate("a😀b", to: 2) == "a")
    }

    @Test func truncationNeverSeparatesACombiningMark() {
        let truncated = DisplayWidth.truncate("cafe\u{301}s", to: 4)
        #expect(truncated == "cafe\u{301}")
        #expect(truncated.unicodeScalars.last == "\u{301}")
    }

    @Test func truncationWithEllipsisFitsTheEllipsisInside() {
        #expect(DisplayWidth.truncate("Production", to: 5, ellipsis: true) == "Prod…")
        #expect(DisplayWidth.truncate("日本語テスト", to: 6, ellipsis: true) == "日本…")
        #expect(DisplayWidth.truncate("Prod", to: 4, ellipsis: true) == "Prod")
    }

    @Test func paddingFillsWithSpacesUpToTheWidth() {
        #expect(DisplayWidth.pad("日本", to: 6) == "日本  ")
        #expect(DisplayWidth.pad("42", to: 5, alignment: .trailing) == "   42")
        #expect(DisplayWidth.pad("toolong", to: 3) == "toolong")
    }

    @Test func fitGivesExactlyTheWidth() {
        #expect(DisplayWidth.fit("日本語", to: 4) == "日… ")
        #expect(DisplayWidth.fit("日本語", to: 5, ellipsis: false) == "日本 ")
        for text in ["é", "日本語", "😀😀😀", "cafe\u{301}", "Production"] {
            for width in 0...8 {
                #expect(DisplayWidth.of(DisplayWidth.fit(text, to: width)) == width)
            }
        }
    }
}
