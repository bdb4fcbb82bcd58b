import ArgumentParser
import HubData
import HubWorkflow
import Logging

/// `hub seed`: loads the fictional Piphire partnership (agencies and a demo user per role).
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed", abstract: "Load the fictional Piphire demo partnership (agencies and a user per role); with --demo, its feeds and casework.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Also load the demo: partner feeds of some thousands of fictional people and a few months of casework about them.")
    var demo = false

    func run() async throws {
        let demo = self.demo
        try await database.withApplication(logger: Logger.hub()) { application in
            let seed = DemoSeed(environment: application.environment, stores: application.stores)
            try await seed.load()
            if demo { try await seed.loadDemo() }
        }
        print(demo ? "Loaded the Piphire demo partnership and its casework." : "Loaded the Piphire demo partnership.")
    }
}
