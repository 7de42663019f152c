import Testing
import TerminalUI

@Suite(.tags(.unit))
struct MemorySurfaceTests {
    @Test func drawsTextAtItsCellAndTrimsTrailingSpaces() {
        let surface = MemorySurface(size: TerminalSize(rows: 3, columns: 10))
        surface.beginFrame()
        let end = surface.draw("abc", row: 1, column: 2, style: .plain)
        surface.endFrame()
        #expect(end == 5)
        #expect(surface.text() == "\n  abc\n")
    }

    @Test func wideCharactersTakeTwoCellsAndRenderOnce() {
        let surface = MemorySurface(size: TerminalSize(rows: 1, columns: 12))
        surface.beginFrame()
        let end = surface.draw("日本語é|", row: 0, column: 0, style: .plain)
        #expect(end == 8)
        #expect(surface.text() == "日本語é|")
        #expect(surface.cell(row: 0, column: 2).glyph == "本")
        #expect(surface.cell(row: 0, column: 3).width == 0)
        #expect(surface.cell(row: 0, column: 7).glyph == "|")
    }

    @Test func clipsAtTheRightEdgeWithoutSplittingAWideCharacter() {
        let surface = MemorySurface(size: TerminalSize(rows: 1, columns: 5))
        surface.beginFrame()
        surface.draw("日本語", row: 0, column: 0, style: .plain)
        #expect(surface.text() == "日本")
        #expect(surface.cell(row: 0, column: 4) == .blank)
    }

    @Test func clipsAtTheLeftEdgeAndOutsideTheRows() {
        let surface = MemorySurface(size: TerminalSize(rows: 2, columns: 6))
        surface.beginFrame()
        surface.draw("日本x", row: 0, column: -1, style: .plain)
        surface.draw("hidden", row: 2, column: 0, style: .plain)
        surface.draw("hidden", row: -1, column: 0, style: .plain)
        #expect(surface.text() == " 本x\n")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        let surface = MemorySurface(size: TerminalSize(rows: 1, columns: 6))
        surface.beginFrame()
        surface.draw("日本", row: 0, column: 0, style: .plain)
        surface.draw("x", row: 0, column: 1, style: .plain)
        surface.draw("y", row: 0, column: 2, style: .plain)
        #expect(surface.text() == " xy")
    }

    @Test func keepsTheStyleOfEachCell() {
        let surface = MemorySurface(size: TerminalSize(rows: 1, columns: 6))
        let selected = CellStyle(accent: .highlight, reverse: true)
        surface.beginFrame()
        surface.draw("ab", row: 0, column: 0, style: .plain)
        surface.draw("日", row: 0, column: 2, style: selected)
        #expect(surface.cell(row: 0, column: 1).style == .plain)
        #expect(surface.cell(row: 0, column: 2).style == selected)
        #expect(surface.cell(row: 0, column: 3).style == selected)
    }

    @Test func beginFrameBlanksTheScreenAndHidesTheCursor() {
        let surface = MemorySurface(size: TerminalSize(rows: 2, columns: 4))
        surface.beginFrame()
        surface.draw("old", row: 0, column: 0, style: .plain)
        surface.placeCursor(row: 1, column: 2)
        surface.endFrame()
        #expect(surface.cursor == CellPosition(row: 1, column: 2))
        surface.beginFrame()
        surface.endFrame()
        #expect(surface.text() == "\n")
        #expect(surface.cursor == nil)
    }

    @Test func cursorStaysOnTheScreen() {
        let surface = MemorySurface(size: TerminalSize(rows: 2, columns: 4))
        surface.placeCursor(row: 5, column: 9)
        #expect(surface.cursor == CellPosition(row: 1, column: 3))
        surface.hideCursor()
        #expect(surface.cursor == nil)
    }

    @Test func resizeChangesTheGrid() {
        let surface = MemorySurface(size: TerminalSize(rows: 24, columns: 80))
        surface.resize(to: TerminalSize(rows: 10, columns: 40))
        surface.beginFrame()
        surface.draw(String(repeating: "x", count: 50), row: 9, column: 0, style: .plain)
        #expect(surface.size == TerminalSize(rows: 10, columns: 40))
        #expect(surface.text(row: 9) == String(repeating: "x", count: 40))
    }

    @Test func controlCharactersAreShownNotSentRaw() {
        let surface = MemorySurface(size: TerminalSize(rows: 1, columns: 10))
        surface.beginFrame()
        surface.draw("a\u{1B}[2Jb", row: 0, column: 0, style: .plain)
        #expect(surface.text() == "a\u{FFFD}[2Jb")
    }
}
