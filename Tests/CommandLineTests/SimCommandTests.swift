import Foundation
import Testing

@Suite("rootmail sim on the command line", .tags(.subprocess))
struct SimCommandTests {
    @Test("sim generate says how many it added and what the organization now holds")
    func generateReportsWhatItAdded() throws {
        let rootmail = try RootmailProcess()
        let result = try rootmail.run("sim", "generate", "10")
        #expect(result.status == 0, "\(result.stderr)")
        // The demo organization has 41 accounts (the management account and 40 members).
        #expect(result.stdout == "Added 10 generated accounts; the organization now holds 51 accounts.\n")
    }
}
