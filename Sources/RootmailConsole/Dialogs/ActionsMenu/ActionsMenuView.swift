import RootmailCore
import TerminalUI

/// The Actions menu (`a`): each action with its key, and under a disabled one the reason.
enum ActionsMenuView {
    static func draw(_ state: ConsoleState, menu: ActionsMenuState, on surface: any Surface) -> CellPosition? {
        var lines: [DialogLine] = [.text(state.accountName(menu.accountID), Styles.muted), .blank]
        for action in menu.entries {
            let reason = state.reasonUnavailable(action, for: menu.accountID)
            let isSelected = action == menu.selected
            let marker = isSelected ? "> " : "  "
            let style: CellStyle = reason != nil ? Styles.muted : isSelected ? Styles.selected : Styles.bold
            let title = action == .updateMarked ? ConsoleMessages.updateMarkedTitle(state.marked.count) : action.title
            lines.append(.text("\(marker)\(title)  (\(action.shortcut))", style, hasCursor: isSelected))
            if let reason { lines.append(.text("    \(reason)", Styles.muted)) }
        }
        lines += [.blank, .text(ConsoleMessages.actionsMenuHint, Styles.muted)]
        return DialogBox.draw(title: "Actions", lines: lines, width: 60, on: surface)
    }
}
