import TerminalUI

/// Update email addresses of N accounts: the rule, its two shapes, Cancel and Preview.
enum MigrationRuleView {
    static let width = 70

    static func draw(_ state: ConsoleState, dialog: MigrationRuleDialog, on surface: any Surface) -> CellPosition? {
        var lines: [DialogLine] = [
            .text(ConsoleMessages.ruleIntro(state.marked.count)),
            .blank,
            .text("Rule", Styles.bold),
            .field(dialog.input, isFocused: dialog.focus == .field),
            .text(ConsoleMessages.ruleShapes, Styles.muted),
        ]
        if let message = dialog.message {
            lines += [.blank, .text(message.text, Styles.message(message.kind))]
        }
        lines += [
            .blank,
            .buttons([
                DialogButton(title: "Cancel", isFocused: dialog.focus == .cancel),
                DialogButton(title: "Preview", isFocused: dialog.focus == .preview),
            ]),
        ]
        return DialogBox.draw(title: ConsoleMessages.updateMarkedTitle(state.marked.count), lines: lines,
                              width: width, on: surface)
    }
}
