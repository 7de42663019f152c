/// Quitting while a migration's Starts are being sent: keep running (the default, the safe
/// button), or stop. A stopped migration loses nothing: `rootmail migrate resume` goes on.
struct QuitConfirmation: Hashable, Sendable {
    enum Control: CaseIterable, Hashable, Sendable {
        case keepRunning, stopAndQuit
    }

    var focus: Control = .keepRunning

    mutating func reduce(_ action: ConsoleAction) -> DialogOutcome {
        switch action {
        case .nextFocus: focus = cycle(focus, in: Control.allCases, by: 1)
        case .previousFocus: focus = cycle(focus, in: Control.allCases, by: -1)
        case .activate: return focus == .keepRunning ? .close : .perform(.quit)
        default: break
        }
        return .stay
    }
}

extension Overlay {
    var isQuitConfirmation: Bool {
        if case .confirmQuit = self { true } else { false }
    }
}
