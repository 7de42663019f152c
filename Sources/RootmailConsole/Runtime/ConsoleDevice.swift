import TerminalUI

/// What the console loop needs of a terminal: a surface to draw on, input with a timeout, and
/// a way for other threads to interrupt the wait. The executable hands it the ncurses
/// `Terminal`; tests script one.
public protocol ConsoleDevice: AnyObject {
    associatedtype Drawing: Surface
    var surface: Drawing { get }
    /// The next key, resize or hangup; nil after `timeout` or a wake-up.
    func nextInput(timeout: Duration?) -> TerminalInput?
    /// Callable from any thread: makes a waiting `nextInput` return nil.
    var wake: @Sendable () -> Void { get }
    /// Puts text on the clipboard of the user's terminal; false, and nothing sent, when the
    /// terminal says it cannot take it. Called on the loop's thread, between frames.
    func copyToClipboard(_ text: String) -> Bool
}
