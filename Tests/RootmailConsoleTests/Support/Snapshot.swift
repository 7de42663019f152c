import Foundation
import Testing
import TerminalUI
@testable import RootmailConsole

/// Screens as text files under `Snapshots/`: what a user sees, row by row, and where the
/// terminal cursor rests. `RECORD_SNAPSHOTS=1` rewrites them; a missing one is written and
/// fails the test so that a person looks at it before it counts.
enum Snapshot {
    static let standardSizes = [TerminalSize(rows: 24, columns: 80), TerminalSize(rows: 40, columns: 132)]
    private static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func render(_ state: ConsoleState, size: TerminalSize) -> String {
        var state = state
        _ = state.reduce(.resized(size))
        let surface = MemorySurface(size: size)
        ConsoleView.draw(state, on: surface)
        let cursor = surface.cursor.map { "row \($0.row), column \($0.column)" } ?? "hidden"
        return surface.text() + "\n--- cursor: \(cursor)\n"
    }

    static func check(_ state: ConsoleState, named name: String, sizes: [TerminalSize] = standardSizes,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        for size in sizes {
            let file = directory.appendingPathComponent("\(name).\(size.columns)x\(size.rows).txt")
            let actual = render(state, size: size)
            if !record, let expected = try? String(contentsOf: file, encoding: .utf8) {
                #expect(actual == expected, "\(file.lastPathComponent) differs (RECORD_SNAPSHOTS=1 accepts):\n\(actual)",
                        sourceLocation: sourceLocation)
                continue
            }
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try actual.write(to: file, atomically: true, encoding: .utf8)
            } catch {
                Issue.record("Could not write \(file.path): \(error)", sourceLocation: sourceLocation)
            }
            if !record {
                Issue.record("Recorded missing snapshot \(file.lastPathComponent); look at it, then run again",
                             sourceLocation: sourceLocation)
            }
        }
    }
}
