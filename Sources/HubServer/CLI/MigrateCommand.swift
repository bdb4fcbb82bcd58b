import ArgumentParser
import HubData
import Logging

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply pending migrations.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let logger = Logger.hub()
        let applied = try await database.withDatabase(logger: logger) { database, layout in
            try await MigrationRunner(migrations: try Migration.load(from: layout.migrations)).migrate(database)
        }
        print(applied.isEmpty ? "The database is up to date." : "Applied: \(applied.joined(separator: ", "))")
    }
}
