import Foundation
import Logging
import PostgresNIO

/// Why Hub refuses to start on a database.
public enum MigrationError: LoggableError, Equatable {
    /// An applied migration's file was edited afterwards.
    case checksumMismatch(version: String, applied: String, file: String)
    /// The database has a migration this build does not know (a newer Hub ran on it, or a file was deleted).
    case unknownApplied(version: String)
    case failed(version: String, reason: String)
    /// Migrations are pending, and the role connected may not change the schema (the application's role).
    case notOwner(role: String, pending: [String])

    public var description: String {
        switch self {
        case let .checksumMismatch(version, applied, file):
            return "Migration \(version) was edited after it was applied (applied checksum \(applied.prefix(12))…, "
                + "file now \(file.prefix(12))…). Put schema changes in a new migration file and restore this one."
        case let .unknownApplied(version):
            return "The database has migration \(version) applied, but no such file exists in migrations/. "
                + "Is this Hub older than the database?"
        case let .failed(version, reason):
            return "Migration \(version) failed and was rolled back: \(reason)"
        case let .notOwner(role, pending):
            return "\(pending.count) migration\(pending.count == 1 ? " is" : "s are") pending (first \(pending.first ?? "")), and "
                + "the PostgreSQL role \(role) may not change the schema. Run `hub migrate` with HUB_MIGRATION_DATABASE_URL "
                + "naming the schema's owner role (README, \"Your own PostgreSQL\")."
        }
    }
}

/// Applies `migrations/` to a database: each pending file in its own transaction, recorded with its checksum.
/// Safe when several `hub` processes start at once: they take turns under an advisory lock.
public struct MigrationRunner: Sendable {
    public let migrations: [Migration]
    /// An arbitrary constant naming Hub's migration lock.
    static let advisoryLock: Int64 = 0x4855_425F_4D49_4752

    public init(migrations: [Migration]) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    public struct Status: Sendable, Equatable {
        public var applied: [String]
        public var pending: [String]
    }

    /// Applies what is pending; returns the versions applied now.
    @discardableResult
    public func migrate(_ database: Database) async throws -> [String] {
        let logger = database.logger
        return try await database.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.advisoryLock))", logger: logger)
            do {
                let result = try await applyPending(on: connection, logger: logger)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.advisoryLock))", logger: logger)
                return result
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.advisoryLock))", logger: logger)
                throw error
            }
        }
    }

    /// Compares the database with the files without changing anything (for `/ready`).
    public func status(_ database: Database) async throws -> Status {
        try await database.withConnection { connection in
            let applied = try await tableExists(on: connection, logger: database.logger)
                ? try await appliedChecksums(on: connection, logger: database.logger) : [:]
            try verify(applied)
            return Status(
                applied: applied.keys.sorted(),
                pending: migrations.map(\.version).filter { applied[$0] == nil })
        }
    }

    private func applyPending(on connection: PostgresConnection, logger: Logger) async throws -> [String] {
        let role = try await connectedRole(on: connection, logger: logger)
        let exists = try await tableExists(on: connection, logger: logger)
        if !exists {
            guard role.mayCreate else { throw MigrationError.notOwner(role: role.name, pending: migrations.map(\.version)) }
            try await createTable(on: connection, logger: logger)
        }
        let applied = exists ? try await appliedChecksums(on: connection, logger: logger) : [:]
        try verify(applied)
        let pending = migrations.filter { applied[$0.version] == nil }
        if !pending.isEmpty && !role.mayCreate {
            throw MigrationError.notOwner(role: role.name, pending: pending.map(\.version))
        }
        var appliedNow: [String] = []
        for migration in pending {
            do {
                try await connection.withTransaction(logger: logger) { connection in
                    for statement in SQLScript.statements(in: migration.sql) {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query(
                        """
                        INSERT INTO schema_migrations (version, checksum, applied_at)
                        VALUES (\(migration.version), \(migration.checksum), now())
                        """, logger: logger)
                }
            } catch {
                // Said as the log may say it: a data migration's failing row must not reach the log either.
                throw MigrationError.failed(version: migration.version, reason: LoggedError(error).description)
            }
            logger.info("applied migration", metadata: ["version": "\(migration.version)"])
            appliedNow.append(migration.version)
        }
        return appliedNow
    }

    private func verify(_ applied: [String: String]) throws {
        let files = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0.checksum) })
        for (version, checksum) in applied.sorted(by: { $0.key < $1.key }) {
            guard let fileChecksum = files[version] else { throw MigrationError.unknownApplied(version: version) }
            if fileChecksum != checksum {
                throw MigrationError.checksumMismatch(version: version, applied: checksum, file: fileChecksum)
            }
        }
    }

    /// Who is connected, and whether it may create in the schema (the owner may; the application's role may not).
    private func connectedRole(on connection: PostgresConnection, logger: Logger) async throws -> (name: String, mayCreate: Bool) {
        try await connection.query(
            "SELECT current_user::text, has_schema_privilege('public', 'CREATE')", logger: logger
        ).collect().first!.decode((String, Bool).self)
    }

    /// Whether `schema_migrations` exists: looked up rather than `CREATE … IF NOT EXISTS`, which needs the right to
    /// create even when the table is there.
    private func tableExists(on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        try await connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger)
            .collect().first!.decode(Bool.self)
    }

    private func createTable(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version text PRIMARY KEY,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL
            )
            """, logger: logger)
    }

    private func appliedChecksums(on connection: PostgresConnection, logger: Logger) async throws -> [String: String] {
        var result: [String: String] = [:]
        let rows = try await connection.query("SELECT version, checksum FROM schema_migrations", logger: logger)
        for try await (version, checksum) in rows.decode((String, String).self) { result[version] = checksum }
        return result
    }
}
