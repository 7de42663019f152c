/// A key press as the console sees it, decoded from ncurses' `get_wch` (or made by tests).
public enum Key: Hashable, Sendable {
    case character(Character)
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
}

/// What the input side of a terminal reports.
public enum TerminalInput: Hashable, Sendable {
    case key(Key)
    /// The terminal changed size; re-read `Surface.size` before drawing.
    case resize
    /// SIGHUP, SIGTERM, SIGINT (Ctrl-C) or SIGQUIT arrived: the user or the SSH link is going
    /// away. The console stops what is under way (what was recorded stays recorded), stops the
    /// terminal and exits.
    case hangup
}
