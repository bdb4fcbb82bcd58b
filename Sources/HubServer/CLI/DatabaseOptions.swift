import ArgumentParser
import Foundation
import HubData
import HubWorkflow
import Logging
import PostgresNIO

/// The rule every `hub` subcommand follows to find its database: `DATABASE_URL` when set, else the embedded
/// cluster under `HUB_DATA_DIR` (default `.hub/` in the project), started if it is not running. The application
/// connects as a role that owns nothing; migrations connect as the schema's owner (`HUB_MIGRATION_DATABASE_URL`, else
/// `DATABASE_URL`; on the embedded cluster, `hub_app` and `hub_owner`).
public struct DatabaseOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("database-url"), help: "PostgreSQL URL (default: $DATABASE_URL, else the embedded cluster).")
    var databaseURL: String?

    @Option(name: .customLong("migration-database-url"),
            help: "PostgreSQL URL of the schema's owner, for migrations (default: $HUB_MIGRATION_DATABASE_URL, else the database URL).")
    var migrationDatabaseURL: String?

    @Option(name: .customLong("data-dir"), help: "The embedded cluster's folder (default: $HUB_DATA_DIR, else .hub/ in the project).")
    var dataDirectory: String?

    public init() {}

    /// An open database, and the embedded cluster if this process started it.
    public struct Opened: Sendable {
        /// The application's connection (its role owns nothing).
        public let configuration: PostgresClient.Configuration
        /// The schema owner's connection, for migrations only.
        public let migrationConfiguration: PostgresClient.Configuration
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
            let migrationURL = migrationDatabaseURL ?? configuration.migrationDatabaseURL ?? url
            return Opened(
                configuration: try DatabaseLocation.configuration(fromURL: url),
                migrationConfiguration: try DatabaseLocation.configuration(
                    fromURL: migrationURL, variable: migrationURL == url ? "DATABASE_URL" : "HUB_MIGRATION_DATABASE_URL"), cluster: nil, startedCluster: false,
                layout: layout, description: "the PostgreSQL server named by DATABASE_URL")
        }
        let root = URL(fileURLWithPath: dataDirectory ?? configuration.dataDirectory ?? layout.defaultDataDirectory.path)
        let cluster = try EmbeddedCluster(root: root)
        let started = try await DedicatedThread.run { try cluster.start() }  // initdb, pg_ctl: off the shared threads
        logger.info(started ? "started the embedded PostgreSQL cluster" : "using the running embedded PostgreSQL cluster",
                    metadata: ["folder": "\(cluster.root.path)"])
        do {
            try await cluster.prepareHubDatabase(EmbeddedCluster.defaultDatabase, logger: logger)
        } catch {
            if started { try? cluster.stop() }
            throw error
        }
        return Opened(
            configuration: cluster.configuration(as: .application), migrationConfiguration: cluster.configuration(as: .owner),
            cluster: cluster, startedCluster: started, layout: layout,
            description: "the embedded PostgreSQL cluster in \(cluster.root.path)")
    }

    /// Opens the database (and with `migrating`, migrates it as the owner), runs `body` with a running client of the
    /// application's, then closes everything it opened.
    func withDatabase<Result: Sendable>(
        logger: Logger, migrating: Bool = false, _ body: @Sendable (Database, ProjectLayout) async throws -> Result
    ) async throws -> Result {
        let opened = try await open(logger: logger)
        defer { opened.release(logger: logger) }
        if migrating { try await opened.migrate(logger: logger) }
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
        try await withDatabase(logger: logger, migrating: true) { database, layout in
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
