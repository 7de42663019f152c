import TerminalUI

/// Shown instead of any screen while the terminal is below `ConsoleLayout.minimumSize`.
enum TooSmallNotice {
    static func draw(size: TerminalSize, on surface: any Surface) {
        let text = ConsoleMessages.terminalTooSmall(size, minimum: ConsoleLayout.minimumSize)
        let lines = Wrap.lines(text, width: max(1, size.columns - 2))
        let top = max(0, (size.rows - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            let left = max(0, (size.columns - DisplayWidth.of(line)) / 2)
            surface.draw(line, row: top + offset, column: left, style: offset == 0 ? Styles.bold : Styles.plain)
        }
    }
}
