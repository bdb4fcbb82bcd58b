import ArgumentParser
import HubData
import HubWorkflow
import Logging

struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed", abstract: "Load the fictional Piphire demo partnership (agencies and a user per role).")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let logger = Logger.hub()
        try await database.withDatabase(logger: logger) { database, layout in
            try await MigrationRunner(migrations: try Migration.load(from: layout.migrations)).migrate(database)
            let environment = AppEnvironment(database: database, clock: SystemClock(), layout: layout, logger: logger)
            try await DemoSeed(environment: environment).load()
        }
        print("Loaded the Piphire demo seed.")
    }
}
