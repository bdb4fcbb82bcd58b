import ArgumentParser
import Foundation
import HubData
import HubWorkflow
import Logging
import PostgresNIO

/// The rule every `hub` subcommand follows to find its database: `DATABASE_URL` when set, else the embedded
/// cluster under `HUB_DATA_DIR` (default `.hub/` in the project), started if it is not running.
public struct DatabaseOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("database-url"), help: "PostgreSQL URL (default: $DATABASE_URL, else the embedded cluster).")
    var databaseURL: String?

    @Option(name: .customLong("data-dir"), help: "The embedded cluster's folder (default: $HUB_DATA_DIR, else .hub/ in the project).")
    var dataDirectory: String?

    public init() {}

    /// An open database, and the embedded cluster if this process started it.
    public struct Opened: Sendable {
        public let configuration: PostgresClient.Configuration
        public let cluster: EmbeddedCluster?
        let startedCluster: Bool
        public let layout: ProjectLayout
        let description: String

        /// Stops the embedded cluster if this process started it.
        public func release(logger: Logger) {
            guard startedCluster, let cluster else { return }
            do {
                try cluster.stop()
                logger.info("stopped the embedded PostgreSQL cluster")
            } catch {
                logger.error("could not stop the embedded PostgreSQL cluster", metadata: LoggedError(error).metadata)
            }
        }
    }

    /// Opens the database the options name (starting the embedded cluster if need be). Release the returned
    /// `Opened` when done.
    public func open(logger: Logger, configuration: HubConfiguration = .fromProcess()) async throws -> Opened {
        let layout = try ProjectLayout.locate(configuration)
        if let url = databaseURL ?? configuration.databaseURL, !url.isEmpty {
            return Opened(
                configuration: try DatabaseLocation.configuration(fromURL: url), cluster: nil, startedCluster: false,
                layout: layout, description: "the PostgreSQL server named by DATABASE_URL")
        }
        let root = URL(fileURLWithPath: dataDirectory ?? configuration.dataDirectory ?? layout.defaultDataDirectory.path)
        let cluster = try EmbeddedCluster(root: root)
        let started = try cluster.start()
        logger.info(started ? "started the embedded PostgreSQL cluster" : "using the running embedded PostgreSQL cluster",
                    metadata: ["folder": "\(cluster.root.path)"])
        do {
            try await cluster.createDatabaseIfMissing(EmbeddedCluster.defaultDatabase, logger: logger)
        } catch {
            if started { try? cluster.stop() }
            throw error
        }
        return Opened(
            configuration: cluster.configuration(), cluster: cluster, startedCluster: started, layout: layout,
            description: "the embedded PostgreSQL cluster in \(cluster.root.path)")
    }

    /// Opens the database, runs `body` with a running client, then closes everything it opened.
    func withDatabase<Result: Sendable>(
        logger: Logger, _ body: @Sendable (Database, ProjectLayout) async throws -> Result
    ) async throws -> Result {
        let opened = try await open(logger: logger)
        defer { opened.release(logger: logger) }
        let client = PostgresClient(configuration: opened.configuration, backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(Database(client: client, logger: logger), opened.layout)
        }
    }

    /// Opens the database, migrates it, and runs `body` with the application's environment (the system clock),
    /// its stores and use cases; then closes everything it opened. Commands act through the same use cases as the
    /// API and the screens.
    func withApplication<Result: Sendable>(
        logger: Logger, configuration: HubConfiguration = .fromProcess(), _ body: @Sendable (CommandLineApplication) async throws -> Result
    ) async throws -> Result {
        try await withDatabase(logger: logger) { database, layout in
            try await MigrationRunner(migrations: try Migration.load(from: layout.migrations)).migrate(database)
            let environment = AppEnvironment(database: database, clock: SystemClock(), layout: layout, logger: logger)
            let stores = Stores(database: database)
            return try await body(CommandLineApplication(
                environment: environment, stores: stores, useCases: UseCases(environment: environment, stores: stores),
                configuration: configuration))
        }
    }
}

/// What a one-off command works with: the application's environment, stores and use cases, and the configuration.
struct CommandLineApplication: Sendable {
    let environment: AppEnvironment
    let stores: Stores
    let useCases: UseCases
    let configuration: HubConfiguration
}
