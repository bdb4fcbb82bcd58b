import ArgumentParser
import Foundation

/// `hub`: the server and its administration commands.
public struct HubCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "hub",
        abstract: "Hub: the multi-agency safeguarding hub's case-workflow server.",
        subcommands: [ServeCommand.self, MigrateCommand.self, SeedCommand.self, AuditCommand.self, UserCommand.self, BenchCommand.self,
                      FeedCommand.self, GazetteerCommand.self, TrackerCommand.self],
        defaultSubcommand: ServeCommand.self)

    public init() {}
}

extension HubCommand {
    /// The `hub` executable's entry point: parses the arguments and runs the chosen subcommand, asynchronously.
    /// (Calling `main()` from top-level code can pick ArgumentParser's synchronous overload.)
    public static func runFromCommandLine() async {
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

/// Writes a line to standard output at once (unbuffered), so the start-up banner shows even through a pipe.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
