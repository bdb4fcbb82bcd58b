import Logging
import NIOPosix
import PostgresNIO

/// The embedded cluster's roles (issue #16): Hub no longer serves as the cluster's superuser, which could switch the
/// audit triggers off. `hub_owner` owns Hub's database and schema and runs the migrations; `hub_app`, a member of
/// `hub_application` (the group role migration 037 grants to), owns nothing and is what `hub serve` connects as. The
/// superuser `hub` only makes the roles and databases. Every role logs in without a password, over the cluster's
/// private Unix socket only.
extension EmbeddedCluster {
    public enum Login: Sendable, CaseIterable {
        /// `hub`: makes roles and databases; never serves.
        case superuser
        /// `hub_owner`: owns the database and its schema, runs the migrations.
        case owner
        /// `hub_app`: what the server and the commands connect as.
        case application

        public var roleName: String {
            switch self {
            case .superuser: return EmbeddedCluster.superuser
            case .owner: return "hub_owner"
            case .application: return "hub_app"
            }
        }
    }

    /// The group role migration 037 grants the application's privileges to.
    public static let applicationGroup = "hub_application"

    /// The client configuration for a database in this cluster, connecting as `login`.
    public func configuration(database: String = EmbeddedCluster.defaultDatabase, as login: Login) -> PostgresClient.Configuration {
        PostgresClient.Configuration(unixSocketPath: socketPath, username: login.roleName, password: nil, database: database)
    }

    /// Opens one connection to a database of this cluster as `login`.
    public func connect(database: String, as login: Login, logger: Logger) async throws -> PostgresConnection {
        let configuration = PostgresConnection.Configuration(
            unixSocketPath: socketPath, username: login.roleName, password: nil, database: database)
        return try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: logger)
    }

    /// Makes the roles (when missing) and the database `name` owned by `hub_owner` (when missing); hands a database
    /// made before the roles existed, and everything the superuser made in its schema, over to `hub_owner`. Safe to
    /// run at every start, by several processes at once.
    public func prepareHubDatabase(_ name: String = EmbeddedCluster.defaultDatabase, logger: Logger) async throws {
        try await withSuperuser(database: "postgres", logger: logger) { connection in
            try await connection.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.rolesLock))", logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: EmbeddedClusterRoleSQL.createRoles), logger: logger)
            }
            let owner = try await connection.query(
                "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = \(name)", logger: logger
            ).collect().first?.decode(String.self)
            let quotedName = Self.quoteIdentifier(name)
            let ownerRole = Self.quoteIdentifier(Login.owner.roleName)
            if owner == nil {
                try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(quotedName) OWNER \(ownerRole)"), logger: logger)
            } else if owner != Login.owner.roleName {
                try await connection.query(PostgresQuery(unsafeSQL: "ALTER DATABASE \(quotedName) OWNER TO \(ownerRole)"), logger: logger)
            }
        }
        try await withSuperuser(database: name, logger: logger) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: EmbeddedClusterRoleSQL.handOverSchema), logger: logger)
        }
    }

    /// An arbitrary constant naming the lock under which roles are made.
    static let rolesLock: Int64 = 0x4855_425F_524F_4C45

    /// Runs `body` on a connection of its own as the superuser, closed afterwards.
    func withSuperuser(database: String, logger: Logger, _ body: (PostgresConnection) async throws -> Void) async throws {
        let connection = try await connect(database: database, as: .superuser, logger: logger)
        do {
            try await body(connection)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

/// The statements ``EmbeddedCluster/prepareHubDatabase(_:logger:)`` runs: constant text naming the roles of
/// ``EmbeddedCluster/Login`` (no value is ever put into it).
enum EmbeddedClusterRoleSQL {
    static let createRoles = """
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hub_owner') THEN
                CREATE ROLE hub_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hub_application') THEN
                CREATE ROLE hub_application NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hub_app') THEN
                CREATE ROLE hub_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS IN ROLE hub_application;
            END IF;
        END
        $$
        """

    /// Tables, views and sequences (those a table owns follow it), and functions in the schema that the superuser
    /// made (a cluster made before the roles existed, where the superuser ran the migrations), but not the
    /// extensions' own objects.
    static let handOverSchema = """
        DO $$
        DECLARE
            object record;
        BEGIN
            FOR object IN
                SELECT c.oid::regclass AS name FROM pg_class c
                WHERE c.relnamespace = 'public'::regnamespace AND c.relowner = 'hub'::regrole
                  AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
            LOOP
                EXECUTE format('ALTER TABLE %s OWNER TO hub_owner', object.name);
            END LOOP;
            FOR object IN
                SELECT p.oid::regprocedure AS name FROM pg_proc p
                WHERE p.pronamespace = 'public'::regnamespace AND p.proowner = 'hub'::regrole AND p.prokind IN ('f', 'p')
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                                  WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
            LOOP
                EXECUTE format('ALTER ROUTINE %s OWNER TO hub_owner', object.name);
            END LOOP;
        END
        $$
        """
}
