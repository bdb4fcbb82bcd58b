import ArgumentParser
import Foundation

/// The `hub` subcommands that serve and administer the server, for the `hub` executable's root command (which
/// lists them with the benchmarks' `hub bench`, in this order: `serverCommands`, `bench`, `trackerCommands`).
public enum HubCommandLine {
    /// `serve`, `migrate`, `seed`, `audit`, `user`.
    public static let serverCommands: [any ParsableCommand.Type] = [
        ServeCommand.self, MigrateCommand.self, SeedCommand.self, AuditCommand.self, UserCommand.self,
    ]
    /// `feed`, `gazetteer`, `tracker`: the tracker's data.
    public static let trackerCommands: [any ParsableCommand.Type] = [FeedCommand.self, GazetteerCommand.self, TrackerCommand.self]
    /// What plain `hub` runs: `serve`.
    public static let defaultSubcommand: any ParsableCommand.Type = ServeCommand.self
}

/// Writes a line to standard output at once (unbuffered), so the start-up banner shows even through a pipe.
public func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
