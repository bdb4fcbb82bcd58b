import Foundation
import HubWorkflow
import PostgresNIO

/// Signed-in sessions. Tokens are opaque; only their SHA-256 is stored.
public struct SessionStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Starts a session and records `audit` in the same transaction.
    public func create(tokenHash: Data, userId: UUID, now: Date, expiresAt: Date, audit: AuditEvent) async throws {
        try await database.transaction { connection in
            try await connection.query(
                """
                INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at)
                VALUES (\(tokenHash), \(userId), \(now), \(now), \(expiresAt))
                """, logger: database.logger)
            try await connection.query(AuditTrail.insert(audit), logger: database.logger)
        }
    }

    public struct Live: Sendable {
        public let identity: Identity
        public let expiresAt: Date
        public let lastSeenAt: Date
    }

    /// The identity behind a token, if its session is live: not ended, not past its absolute lifetime, not idle
    /// longer than `idleTimeout`, and its user not disabled. Touches `last_seen_at` (at most
    /// once every `touchInterval`, so a busy client does not write on every request).
    public func authenticate(tokenHash: Data, now: Date, idleTimeout: TimeInterval, touchInterval: TimeInterval = 30) async throws -> Live? {
        let idleCutoff = now.addingTimeInterval(-idleTimeout)
        let rows = try await database.query(
            """
            SELECT u.id, u.username, u.display_name, u.agency_id, a.code, u.role, s.expires_at, s.last_seen_at
            FROM sessions s
            JOIN users u ON u.id = s.user_id
            JOIN agencies a ON a.id = u.agency_id
            WHERE s.token_hash = \(tokenHash) AND s.ended_at IS NULL
              AND s.expires_at > \(now) AND s.last_seen_at > \(idleCutoff)
              AND u.disabled_at IS NULL
            """)
        guard let row = rows.first else { return nil }
        let (id, username, display, agencyId, agencyCode, role, expiresAt, lastSeen) =
            try row.decode((UUID, String, String, UUID, String, Role, Date, Date).self)
        if now.timeIntervalSince(lastSeen) >= touchInterval {
            try await database.query(
                "UPDATE sessions SET last_seen_at = \(now) WHERE token_hash = \(tokenHash) AND ended_at IS NULL")
        }
        return Live(
            identity: Identity(userId: id, username: username, displayName: display, agencyId: agencyId, agencyCode: agencyCode, role: role),
            expiresAt: expiresAt, lastSeenAt: lastSeen)
    }

    /// Ends a session (sign-out). Returns false when it was not live.
    @discardableResult
    public func end(tokenHash: Data, now: Date, audit: AuditEvent) async throws -> Bool {
        try await database.transaction { connection in
            let ended = try await connection.query(
                """
                UPDATE sessions SET ended_at = \(now), ended_reason = 'signed_out'
                WHERE token_hash = \(tokenHash) AND ended_at IS NULL RETURNING 1
                """, logger: database.logger
            ).collect()
            try await connection.query(AuditTrail.insert(audit), logger: database.logger)
            return !ended.isEmpty
        }
    }
}
