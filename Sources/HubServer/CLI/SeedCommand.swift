import ArgumentParser
import HubData
import HubWorkflow
import Logging

/// `hub seed`: loads the fictional Piphire partnership (agencies and a demo user per role).
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed", abstract: "Load the fictional Piphire demo partnership (agencies and a user per role).")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await database.withApplication(logger: Logger.hub()) { application in
            try await DemoSeed(environment: application.environment, stores: application.stores).load()
        }
        print("Loaded the Piphire demo seed.")
    }
}
