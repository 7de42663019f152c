import Testing
import TerminalUI

@Suite(.tags(.unit)) struct ClipboardSequenceTests {
    @Test func osc52CarriesTheTextInBase64ToTheClipboard() {
        #expect(ClipboardSequence.osc52("123456789012") == Array("\u{1B}]52;c;MTIzNDU2Nzg5MDEy\u{07}".utf8))
        // UTF-8 goes as its bytes: an address with é arrives whole.
        #expect(ClipboardSequence.osc52("é@x.io") == Array("\u{1B}]52;c;w6lAeC5pbw==\u{07}".utf8))
    }

    @Test func tmuxPassthroughWrapsTheSequenceWithEveryEscapeDoubled() {
        let wrapped = ClipboardSequence.tmuxPassthrough(ClipboardSequence.osc52("1"))
        #expect(wrapped == Array("\u{1B}Ptmux;\u{1B}\u{1B}]52;c;MQ==\u{07}\u{1B}\\".utf8))
    }
}
