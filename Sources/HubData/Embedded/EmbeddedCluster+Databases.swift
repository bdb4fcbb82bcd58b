import Logging
import NIOPosix
import PostgresNIO

extension EmbeddedCluster {
    /// Opens one connection to a database of this cluster (for set-up work outside a pool).
    public func connect(database: String = "postgres", logger: Logger) async throws -> PostgresConnection {
        let configuration = PostgresConnection.Configuration(
            unixSocketPath: socketPath, username: Self.superuser, password: nil, database: database)
        return try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: logger)
    }

    /// Creates `name` (optionally as a copy of `template`, and owned by `owner`'s role rather than the superuser)
    /// unless it exists.
    public func createDatabaseIfMissing(_ name: String, template: String? = nil, owner: Login? = nil, logger: Logger) async throws {
        let connection = try await connect(logger: logger)
        do {
            let rows = try await connection.query("SELECT 1 FROM pg_database WHERE datname = \(name)", logger: logger).collect()
            if rows.isEmpty {
                try await connection.query(PostgresQuery(unsafeSQL: createStatement(name, template: template, owner: owner)), logger: logger)
            }
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Drops a database, ending its sessions first.
    public func dropDatabase(_ name: String, logger: Logger) async throws {
        let connection = try await connect(logger: logger)
        defer { Task { try? await connection.close() } }
        try await connection.query(
            PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(Self.quoteIdentifier(name)) WITH (FORCE)"), logger: logger)
    }

    private func createStatement(_ name: String, template: String?, owner: Login?) -> String {
        var sql = "CREATE DATABASE \(Self.quoteIdentifier(name))"
        if let template { sql += " TEMPLATE \(Self.quoteIdentifier(template))" }
        if let owner { sql += " OWNER \(Self.quoteIdentifier(owner.roleName))" }
        return sql
    }

    /// Quotes an identifier for the few statements (CREATE/DROP DATABASE) that cannot take bind parameters.
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Asks the server for a checkpoint (as the superuser, which may), so that crash recovery replays only what is
    /// written after it. A failure is logged and otherwise ignored: it only means a longer recovery after a crash.
    public func checkpoint(logger: Logger) async {
        do {
            try await withSuperuser(database: "postgres", logger: logger) { connection in
                try await connection.query("CHECKPOINT", logger: logger)
            }
        } catch {
            logger.warning("could not ask the embedded PostgreSQL server for a checkpoint", metadata: LoggedError(error).metadata)
        }
    }
}
