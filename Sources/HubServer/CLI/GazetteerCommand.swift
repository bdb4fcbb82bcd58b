import ArgumentParser
import Foundation
import HubData
import HubTracker
import Logging

/// `hub gazetteer import FILE`: loads the address gazetteer the tracker gives UPRNs from.
struct GazetteerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazetteer", abstract: "The address gazetteer.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import a gazetteer CSV: uprn,address_line1,address_line2,town,postcode.")

        @Argument(help: "The gazetteer (CSV).") var file: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = Logger.hub()
            let url = URL(fileURLWithPath: file)
            let report = try await database.withDatabase(logger: logger) { database, layout in
                try await MigrationRunner(migrations: try Migration.load(from: layout.migrations)).migrate(database)
                return try await GazetteerImporter(database: database).importFile(at: url)
            }
            print("Gazetteer: \(report.rowsRead) rows read, \(report.loaded) properties loaded, \(report.skipped) skipped.")
        }
    }
}
