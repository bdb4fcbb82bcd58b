import HubData
import Logging
import PostgresNIO

extension DatabaseOptions.Opened {
    /// Applies pending migrations through the schema owner's connection (a client of its own, closed before this
    /// returns, so a server holds only the application's role while it serves); returns the versions applied.
    @discardableResult
    public func migrate(logger: Logger) async throws -> [String] {
        let runner = MigrationRunner(migrations: try Migration.load(from: layout.migrations))
        return try await Self.withClient(migrationConfiguration, logger: logger) { database in
            try await runner.migrate(database)
        }
    }

    /// The application's role as PostgreSQL sees it (`hub serve` warns when it could switch off the audit trail).
    public func applicationRole(logger: Logger) async throws -> ConnectedRole {
        try await Self.withClient(configuration, logger: logger) { database in try await ConnectedRole.read(database) }
    }

    private static func withClient<Result: Sendable>(
        _ configuration: PostgresClient.Configuration, logger: Logger, _ body: @Sendable (Database) async throws -> Result
    ) async throws -> Result {
        var configuration = configuration
        configuration.options.maximumConnections = 1
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(Database(client: client, logger: logger))
        }
    }
}
