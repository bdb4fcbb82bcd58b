import ArgumentParser
import Foundation
import HubData
import HubWorkflow
import Logging
import PostgresNIO

/// The rule every `hub` subcommand follows to find its database: `DATABASE_URL` when set, else the embedded
/// cluster under `HUB_DATA_DIR` (default `.hub/` in the project), started if it is not running.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "PostgreSQL URL (default: $DATABASE_URL, else the embedded cluster).")
    var databaseURL: String?

    @Option(name: .customLong("data-dir"), help: "The embedded cluster's folder (default: $HUB_DATA_DIR, else .hub/ in the project).")
    var dataDirectory: String?

    /// An open database, and the embedded cluster if this process started it.
    struct Opened {
        let configuration: PostgresClient.Configuration
        let cluster: EmbeddedCluster?
        let startedCluster: Bool
        let layout: ProjectLayout
        let description: String

        /// Stops the embedded cluster if this process started it.
        func release(logger: Logger) {
            guard startedCluster, let cluster else { return }
            do {
                try cluster.stop()
                logger.info("stopped the embedded PostgreSQL cluster")
            } catch {
                logger.error("could not stop the embedded PostgreSQL cluster", metadata: ["error": "\(error)"])
            }
        }
    }

    func open(logger: Logger) async throws -> Opened {
        let environment = ProcessInfo.processInfo.environment
        let layout = try ProjectLayout.locate()
        if let url = databaseURL ?? environment["DATABASE_URL"], !url.isEmpty {
            return Opened(
                configuration: try DatabaseLocation.configuration(fromURL: url), cluster: nil, startedCluster: false,
                layout: layout, description: "the PostgreSQL server named by DATABASE_URL")
        }
        let root = URL(fileURLWithPath: dataDirectory ?? environment["HUB_DATA_DIR"] ?? layout.defaultDataDirectory.path)
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

    /// For benchmarks: a database of the embedded cluster, dropped and created anew. Release the returned
    /// `Opened` when done.
    func recreatedDatabase(_ name: String, logger: Logger) async throws -> (opened: Opened, configuration: PostgresClient.Configuration) {
        let opened = try await open(logger: logger)
        guard let cluster = opened.cluster else {
            opened.release(logger: logger)
            throw ValidationError("run on the embedded cluster (it creates its own database)")
        }
        do {
            try await cluster.dropDatabase(name, logger: logger)
            try await cluster.createDatabaseIfMissing(name, logger: logger)
        } catch {
            opened.release(logger: logger)
            throw error
        }
        return (opened, cluster.configuration(database: name))
    }

    /// For benchmarks: a database of the embedded cluster as it is (it must exist). Release the returned
    /// `Opened` when done.
    func existingDatabase(_ name: String, logger: Logger) async throws -> (opened: Opened, configuration: PostgresClient.Configuration) {
        let opened = try await open(logger: logger)
        guard let cluster = opened.cluster else {
            opened.release(logger: logger)
            throw ValidationError("run on the embedded cluster (the bench database lives there)")
        }
        return (opened, cluster.configuration(database: name))
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
}

extension Logger {
    /// The CLI's logger: info and above to standard error.
    static func hub(_ label: String = "hub", level: Logger.Level = .info) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = ProcessInfo.processInfo.environment["HUB_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? level
        return logger
    }
}
