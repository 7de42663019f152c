import Foundation
import RootmailCore
import Testing
import TerminalUI
@testable import RootmailConsole

/// A throttled Save shows the wait before it is sent again, not "Rate exceeded" and a stop.
@Suite(.tags(.reducer, .snapshot)) struct ThrottleWaitTests {
    private static let dataLake = try! AccountID("666666666666")

    @Test func aThrottledSaveShowsTheWaitInTheDialog() async {
        let console = await ConsoleDriver()
        await console.selectAccount(named: "Data Lake")
        await console.press(.character("u"))
        await console.type("lake@example.net")
        let held = console.sendHoldingEffects(.key(.enter))
        #expect(held.count == 1)
        _ = console.sendHoldingEffects(.throttled(ThrottleWait(
            operation: "StartPrimaryEmailUpdate", accountID: Self.dataLake, retry: 1, delay: .milliseconds(1500))))
        let shown = Snapshot.render(console.state, size: TerminalSize(rows: 24, columns: 80))
        #expect(shown.contains("Rate exceeded: retrying in 2 s…"), "\(shown)")
        Snapshot.check(console.state, named: "update-dialog.throttled")
    }

    @Test func aThrottledCallOutsideTheDialogShowsTheWaitOnTheStatusLine() async {
        let console = await ConsoleDriver()
        var state = console.state
        _ = state.reduce(.throttled(ThrottleWait(
            operation: "AcceptPrimaryEmailUpdate", accountID: Self.dataLake, retry: 2, delay: .seconds(4))))
        #expect(state.status == nil, "no call of this account is on its way")
        state.changesInFlight.insert(Self.dataLake)
        _ = state.reduce(.throttled(ThrottleWait(
            operation: "AcceptPrimaryEmailUpdate", accountID: Self.dataLake, retry: 2, delay: .seconds(4))))
        #expect(state.status?.text == "Data Lake: AcceptPrimaryEmailUpdate was throttled (Rate exceeded); retrying in 4 s…")
    }
}
