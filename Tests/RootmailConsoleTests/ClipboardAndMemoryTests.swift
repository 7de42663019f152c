import Foundation
import RootmailCore
import Testing
import TerminalUI
@testable import RootmailConsole

/// `y`/`Y` copy to the terminal's clipboard (issue 13), and the sort, filter and screen kept
/// for the next start on the same backend.
@Suite(.tags(.reducer, .snapshot)) struct ClipboardTests {
    @Test func yCopiesTheSelectedAccountsIDAndShiftYItsRootAddress() async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "Zürich Analytics")
        await console.press(.character("y"))
        #expect(console.clipboard == ["222222222222"])
        #expect(console.state.status == .success(
            "Copied Zürich Analytics's account ID 222222222222 to the terminal's clipboard."))
        Snapshot.check(console.state, named: "accounts.copied-id", sizes: [TerminalSize(rows: 24, columns: 80)])

        await console.press(.character("Y"))
        #expect(console.clipboard == ["222222222222", "zurich-analytics@example.com"])
        #expect(console.state.status?.text.contains("root email address zurich-analytics@example.com") == true)
    }

    @Test func detailsAndPendingScreensCopyTheAccountTheyShow() async throws {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "東京 Sandbox")
        await console.press(.enter)
        #expect(console.state.screen == .details(try AccountID("333333333333")))
        await console.press(.character("Y"), .character("y"))
        #expect(console.clipboard == ["tokyo-sandbox@example.com", "333333333333"])

        await console.press(.escape)
        await console.selectAccount(named: "Data Lake")
        await console.press(.character("u"))
        await console.type("lake-root@example.net")
        await console.press(.enter, .escape, .character("p"))
        #expect(console.state.screen == .pendingUpdates)
        await console.press(.character("y"), .character("Y"))
        #expect(console.clipboard.suffix(2) == ["666666666666", "data-lake@example.com"])
    }

    @Test func nothingIsCopiedWhenTheTerminalSaysItCannot() async {
        let console = await ConsoleDriver()
        console.takesClipboard = false
        await console.selectAccount(named: "Data Lake")
        await console.press(.character("y"))
        #expect(console.clipboard.isEmpty)
        #expect(console.state.status?.kind == .error)
        #expect(console.state.status?.text.contains("Not copied") == true)
        #expect(console.state.status?.text.contains("666666666666") == true)
        // The next key takes the message away, as every message goes.
        await console.press(.character("/"))
        #expect(console.state.status == nil)
    }

    @Test func helpListsTheCopyKeys() async {
        let console = await ConsoleDriver()
        await console.press(.character("?"))
        let screen = Snapshot.render(console.state, size: TerminalSize(rows: 60, columns: 132))
        #expect(screen.contains("Copy the account ID to the clipboard"), "\(screen)")
        #expect(screen.contains("Copy the root email address to the clipboard"), "\(screen)")
    }
}

@Suite(.tags(.reducer, .inProcess)) struct RememberedViewTests {
    @Test func sortKeptFilterAndScreenAreRememberedAsTheyChange() async {
        let console = await ConsoleDriver()
        await console.press(.character("j"), .character("k"))
        #expect(console.remembered.isEmpty, "moving changes nothing worth keeping")

        await console.press(.character("E"))
        #expect(console.remembered.last == ConsoleMemory(sort: AccountSort(column: .email), filter: "", place: .accounts))
        await console.press(.character("/"))
        await console.type("sa")
        #expect(console.remembered.count == 1, "a filter being typed is kept only once Enter keeps it")
        await console.press(.enter)
        #expect(console.remembered.last?.filter == "sa")
        await console.press(.character("E"))
        #expect(console.remembered.last?.sort == AccountSort(column: .email, ascending: false))
        await console.press(.character("p"))
        #expect(console.remembered.last?.place == .pendingUpdates)
        await console.press(.escape)
        #expect(console.remembered.last?.place == .accounts)
        await console.press(.character("/"), .escape)
        #expect(console.remembered.last?.filter == "")
    }

    @Test func aRestoredMemoryShowsTheSortFilterAndScreenAtTheFirstFrame() async {
        let console = await ConsoleDriver(start: false)
        console.restore(ConsoleMemory(sort: AccountSort(column: .accountID, ascending: false), filter: "sa", place: .pendingUpdates))
        await console.begin()
        #expect(console.state.screen == .pendingUpdates)
        await console.press(.escape)
        let shown = (0..<console.state.accounts.shownCount).compactMap { console.state.accounts.shownAccount(at: $0)?.id.rawValue }
        #expect(shown == shown.sorted(by: >) && !shown.isEmpty)
        #expect(console.state.accounts.shownCount < console.state.accounts.totalCount)
        let screen = Snapshot.render(console.state, size: TerminalSize(rows: 24, columns: 80))
        #expect(screen.contains("Sort Account ID ↓   Filter /sa"), "\(screen)")
        // Going back is a change of screen, not the first memory being written again.
        #expect(console.remembered.map(\.place) == [.accounts])
    }
}

@Suite(.tags(.inProcess)) struct ConsoleMemoryFileTests {
    private let memory = ConsoleMemory(sort: AccountSort(column: .joined, ascending: false), filter: "prod", place: .pendingUpdates)

    @Test func eachBackendKeepsItsOwnMemory() throws {
        let directory = try Self.directory()
        let file = ConsoleMemoryFile(dataDirectory: directory)
        #expect(file.memory(for: "embedded (/data)") == nil)
        try file.remember(memory, for: "embedded (/data)")
        let other = ConsoleMemory(sort: .byName, filter: "", place: .accounts)
        try file.remember(other, for: "aws (https://organizations.us-east-1.amazonaws.com)")
        let reread = ConsoleMemoryFile(dataDirectory: directory)
        #expect(reread.memory(for: "embedded (/data)") == memory)
        #expect(reread.memory(for: "aws (https://organizations.us-east-1.amazonaws.com)") == other)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [ConsoleMemoryFile.fileName],
                "an atomic write leaves no temporary file behind")
    }

    @Test(arguments: ["", "{", "not json at all", #"{"backends":{"embedded (/data)":{"sort":{"column":"Colour","ascending":true},"filter":"","place":"accounts"}}}"#,
                      #"{"backends":[1,2,3]}"#])
    func aCorruptFileIsIgnoredAndReplacedByTheNextWrite(contents: String) throws {
        let directory = try Self.directory()
        let file = ConsoleMemoryFile(dataDirectory: directory)
        try Data(contents.utf8).write(to: file.url)
        #expect(file.memory(for: "embedded (/data)") == nil)
        try file.remember(memory, for: "embedded (/data)")
        #expect(file.memory(for: "embedded (/data)") == memory)
    }

    private static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("console-memory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
