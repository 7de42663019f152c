import Foundation

/// The bytes that put text on the clipboard of the terminal the user sits at: OSC 52, which
/// the terminal itself handles, so it works over SSH (xterm, iTerm2, kitty, WezTerm, Windows
/// Terminal, foot, Alacritty).
public enum ClipboardSequence {
    /// `ESC ] 52 ; c ; BASE64 BEL`: `c` is the clipboard (not the primary selection).
    public static func osc52(_ text: String) -> [UInt8] {
        Array("\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}".utf8)
    }

    /// tmux keeps an application's escape sequences to itself unless they come wrapped in its
    /// passthrough (`ESC P tmux; … ESC \`, every ESC inside doubled), which it hands on to the
    /// outer terminal when `allow-passthrough` is on.
    public static func tmuxPassthrough(_ sequence: [UInt8]) -> [UInt8] {
        let escape: UInt8 = 0x1B
        let doubled = sequence.flatMap { $0 == escape ? [escape, escape] : [$0] }
        return Array("\u{1B}Ptmux;".utf8) + doubled + [escape, UInt8(ascii: "\\")]
    }
}
