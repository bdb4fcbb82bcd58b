import ArgumentParser
import Foundation
import HubBench
import HubServer

/// `hub`: the server and its administration commands, and the benchmarks.
struct HubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hub",
        abstract: "Hub: the multi-agency safeguarding hub's case-workflow server.",
        subcommands: HubCommandLine.serverCommands + [BenchCommand.self] + HubCommandLine.trackerCommands,
        defaultSubcommand: HubCommandLine.defaultSubcommand)
}

extension HubCommand {
    /// The `hub` executable's entry point: parses the arguments and runs the chosen subcommand, asynchronously.
    /// (Calling `main()` from top-level code can pick ArgumentParser's synchronous overload.)
    static func runFromCommandLine() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
