import Foundation
import PostgresNIO

/// Reads and writes partner agencies.
public struct AgencyStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Creates an agency unless one with the code exists; returns it either way.
    @discardableResult
    public func upsert(code: String, name: String, kind: Agency.Kind, localAuthority: String?, now: Date) async throws -> Agency {
        let rows = try await database.query(
            """
            INSERT INTO agencies (code, name, kind, local_authority, created_at)
            VALUES (\(code), \(name), \(kind.rawValue), \(localAuthority), \(now))
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
                local_authority = EXCLUDED.local_authority
            RETURNING id, code, name, kind, local_authority, active
            """)
        return try Self.agency(rows[0])
    }

    public func all() async throws -> [Agency] {
        try await database.query("SELECT id, code, name, kind, local_authority, active FROM agencies ORDER BY name")
            .map(Self.agency)
    }

    public func find(code: String) async throws -> Agency? {
        try await database.query(
            "SELECT id, code, name, kind, local_authority, active FROM agencies WHERE code = \(code)"
        ).first.map(Self.agency)
    }

    static func agency(_ row: PostgresRow) throws -> Agency {
        let (id, code, name, kind, localAuthority, active) = try row.decode((UUID, String, String, Agency.Kind, String?, Bool).self)
        return Agency(id: id, code: code, name: name, kind: kind,
                      localAuthority: localAuthority, active: active)
    }
}
