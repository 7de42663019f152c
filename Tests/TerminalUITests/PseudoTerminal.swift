import CNCurses
import Foundation
import Synchronization

/// A pseudo-terminal for driving real ncurses in tests: the program side (`programDescriptor`)
/// is what ncurses reads and writes; the test types into the other side and a thread keeps
/// reading it, so ncurses' writes never block.
final class PseudoTerminal: @unchecked Sendable {
    let programDescriptor: Int32
    private let controllerDescriptor: Int32
    private let output = Mutex<[UInt8]>([])
    private let readerFinished = DispatchSemaphore(value: 0)
    private var closed = false

    init(rows: Int, columns: Int) throws {
        controllerDescriptor = posix_openpt(O_RDWR | O_NOCTTY)
        guard controllerDescriptor >= 0, grantpt(controllerDescriptor) == 0, unlockpt(controllerDescriptor) == 0,
              let name = ptsname(controllerDescriptor)
        else {
            throw PseudoTerminalError.unavailable(errno)
        }
        programDescriptor = open(name, O_RDWR | O_NOCTTY)
        guard programDescriptor >= 0 else { throw PseudoTerminalError.unavailable(errno) }
        resize(rows: rows, columns: columns)
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(controllerDescriptor, &buffer, buffer.count)
                guard count > 0 else { break }
                output.withLock { $0 += buffer[0..<count] }
            }
            readerFinished.signal()
        }
    }

    func resize(rows: Int, columns: Int) {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(controllerDescriptor, UInt(TIOCSWINSZ), &size)
    }

    /// Types bytes as a user at the keyboard would.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { write(controllerDescriptor, $0.baseAddress, $0.count) }
    }

    /// Everything the program wrote since the last call. A marker written on the program side
    /// after the program's own writes tells when the reader has caught up; the deadline only
    /// keeps a broken reader from hanging the run.
    func takeOutput() -> [UInt8] {
        let marker = Array("\u{0}marker-\(UUID().uuidString)\u{0}".utf8)
        _ = marker.withUnsafeBufferPointer { write(programDescriptor, $0.baseAddress, $0.count) }
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            let taken: [UInt8]? = output.withLock { bytes in
                guard let range = bytes.firstRange(of: marker) else { return nil }
                let before = Array(bytes[..<range.lowerBound])
                bytes.removeSubrange(..<range.upperBound)
                return before
            }
            if let taken {
                return taken
            }
            usleep(1000)
        }
        return output.withLock { $0 }
    }

    func close() {
        guard !closed else { return }
        closed = true
        Foundation.close(programDescriptor)
        readerFinished.wait()
        Foundation.close(controllerDescriptor)
    }

    deinit {
        close()
    }
}

enum PseudoTerminalError: Error {
    case unavailable(Int32)
}
