import ArgumentParser
import HubData
import Logging

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply pending migrations.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let logger = Logger.hub()
        let opened = try await database.open(logger: logger)
        defer { opened.release(logger: logger) }
        let applied = try await opened.migrate(logger: logger)
        print(applied.isEmpty ? "The database is up to date." : "Applied: \(applied.joined(separator: ", "))")
    }
}
