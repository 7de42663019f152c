import ArgumentParser

struct Console: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open the console (the default).")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        throw CommandFailure(.configuration("The console is not wired yet."))
    }
}
