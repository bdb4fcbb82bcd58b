import PostgresNIO

/// The PostgreSQL role a database client connects as, and what it may do that a server should not (issue #16): a
/// superuser can switch the audit triggers off (`SET session_replication_role = replica`), and a role that owns Hub's
/// tables (itself or through a role it belongs to) can disable or drop them. `hub serve` warns at start when its role
/// can do either; it should be a member of `hub_application` that owns nothing.
public struct ConnectedRole: Sendable, Equatable {
    public let name: String
    public let isSuperuser: Bool
    /// How many of the schema's tables the role owns, or could act as the owner of.
    public let ownedTables: Int

    public init(name: String, isSuperuser: Bool, ownedTables: Int) {
        self.name = name
        self.isSuperuser = isSuperuser
        self.ownedTables = ownedTables
    }

    public static func read(_ database: Database) async throws -> ConnectedRole {
        let row = try await database.query(
            """
            SELECT r.rolname::text, r.rolsuper,
                   (SELECT count(*)::int FROM pg_class c
                    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
                      AND pg_has_role(r.oid, c.relowner, 'MEMBER'))
            FROM pg_roles r WHERE r.rolname = current_user
            """)
        let (name, isSuperuser, ownedTables) = try row[0].decode((String, Bool, Int).self)
        return ConnectedRole(name: name, isSuperuser: isSuperuser, ownedTables: ownedTables)
    }

    /// What to tell the operator, or nil when the role is as it should be.
    public var warning: String? {
        let advice = "Serve as a role that owns nothing and is a member of hub_application, and migrate with "
            + "HUB_MIGRATION_DATABASE_URL naming the owner (README, \"Your own PostgreSQL\")."
        if isSuperuser {
            return "Warning: Hub is connected as the PostgreSQL superuser \(name), which can switch off the audit trail's "
                + "triggers and rewrite it. " + advice
        }
        if ownedTables > 0 {
            return "Warning: Hub is connected as the PostgreSQL role \(name), which owns \(ownedTables) of its tables and "
                + "can disable the audit trail's triggers or drop it. " + advice
        }
        return nil
    }
}
