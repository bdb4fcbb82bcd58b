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

    /// How `CREATE DATABASE` copies its template (PostgreSQL 15's `STRATEGY`).
    public enum TemplateCopy: String, Sendable {
        /// Block by block through the write-ahead log: PostgreSQL's default, cheap for a small template in a busy cluster.
        case walLog = "WAL_LOG"
        /// File by file after a checkpoint: about three times quicker for a migrated template in a throwaway test cluster
        /// (a checkpoint costs little with fsync off), where the write-ahead log of every copy is waste.
        case fileCopy = "FILE_COPY"
    }

    /// Creates `name` (optionally as a copy of `template`, copied as `copy` says, and owned by `owner`'s role rather
    /// than the superuser) unless it exists.
    public func createDatabaseIfMissing(
        _ name: String, template: String? = nil, copy: TemplateCopy = .walLog, owner: Login? = nil, logger: Logger
    ) async throws {
        let connection = try await connect(logger: logger)
        do {
            let rows = try await connection.query("SELECT 1 FROM pg_database WHERE datname = \(name)", logger: logger).collect()
            if rows.isEmpty {
                try await connection.query(PostgresQuery(unsafeSQL: createStatement(name, template: template, copy: copy, owner: owner)), logger: logger)
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

    private func createStatement(_ name: String, template: String?, copy: TemplateCopy, owner: Login?) -> String {
        var sql = "CREATE DATABASE \(Self.quoteIdentifier(name))"
        if let template { sql += " TEMPLATE \(Self.quoteIdentifier(template)) STRATEGY \(copy.rawValue)" }
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
