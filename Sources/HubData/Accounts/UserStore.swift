import Foundation
import HubWorkflow
import PostgresNIO

/// Reads and writes users (their sign-in throttle is ``SignInThrottleStore``'s).
public struct UserStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Creates a user under `id`; the password arrives already hashed (bcrypt). `audit` is recorded in the same
    /// transaction.
    @discardableResult
    public func create(
        id: UUID, username: String, displayName: String, agencyCode: String, role: Role, passwordHash: String, now: Date,
        audit: AuditEvent?
    ) async throws -> UserAccount {
        try await database.transaction { connection in
            let agency = try await connection.query(
                "SELECT id FROM agencies WHERE code = \(agencyCode)", logger: database.logger
            ).collect()
            guard let agencyRow = agency.first else { throw AccountError.unknownAgency(agencyCode) }
            let agencyId = try agencyRow.decode(UUID.self)
            let inserted = try await connection.query(
                """
                INSERT INTO users (id, username, display_name, agency_id, role, password_hash, created_at, updated_at)
                VALUES (\(id), \(username), \(displayName), \(agencyId), \(role.rawValue), \(passwordHash), \(now), \(now))
                ON CONFLICT (username) DO NOTHING
                RETURNING id
                """, logger: database.logger
            ).collect()
            guard !inserted.isEmpty else { throw AccountError.usernameTaken(username) }
            if let audit { try await connection.query(AuditTrail.insert(audit), logger: database.logger) }
            return UserAccount(
                id: id, username: username, displayName: displayName,
                agencyCode: agencyCode, role: role, disabled: false)
        }
    }

    /// The id of the user with this username.
    public func id(of username: String) async throws -> UUID? {
        try await database.query("SELECT id FROM users WHERE username = \(username)").first?.decode(UUID.self)
    }

    public func exists(username: String) async throws -> Bool {
        try await !database.query("SELECT 1 FROM users WHERE username = \(username)").isEmpty
    }

    public func all() async throws -> [UserAccount] {
        try await database.query(
            """
            SELECT u.id, u.username, u.display_name, a.code, u.role, u.disabled_at IS NOT NULL, coalesce(t.failures, 0), t.wait_until
            FROM users u JOIN agencies a ON a.id = u.agency_id
            LEFT JOIN sign_in_throttles t ON t.scope = 'username' AND t.key = u.username ORDER BY u.username
            """
        ).map { row in
            let (id, username, name, agency, role, disabled, failures, waitUntil) =
                try row.decode((UUID, String, String, String, Role, Bool, Int, Date?).self)
            return UserAccount(id: id, username: username, displayName: name, agencyCode: agency,
                               role: role, disabled: disabled, failedSignIns: failures, throttledUntil: waitUntil)
        }
    }

    public func signInCandidate(username: String) async throws -> SignInCandidate? {
        let rows = try await database.query(
            """
            SELECT u.id, u.username, u.display_name, u.agency_id, a.code, u.role, u.password_hash, u.disabled_at IS NOT NULL
            FROM users u JOIN agencies a ON a.id = u.agency_id
            WHERE u.username = \(username)
            """)
        guard let row = rows.first else { return nil }
        let (id, name, display, agencyId, agencyCode, role, hash, disabled) =
            try row.decode((UUID, String, String, UUID, String, Role, String, Bool).self)
        return SignInCandidate(
            identity: Identity(userId: id, username: name, displayName: display, agencyId: agencyId, agencyCode: agencyCode, role: role),
            passwordHash: hash, disabled: disabled)
    }

    /// A user as an administrator sees it.
    public func account(id: UUID) async throws -> UserAccount {
        try await database.transaction { connection in try await account(id: id, on: connection) }
    }

    /// Disables a user and ends every live session of theirs, in one transaction with `audit`.
    public func disable(id: UUID, now: Date, audit: AuditEvent?) async throws -> UserAccount {
        try await database.transaction { connection in
            let rows = try await connection.query(
                "UPDATE users SET disabled_at = coalesce(disabled_at, \(now)), updated_at = \(now) WHERE id = \(id) RETURNING id",
                logger: database.logger
            ).collect()
            guard !rows.isEmpty else { throw AccountError.unknownUser }
            try await connection.query(
                """
                UPDATE sessions SET ended_at = \(now), ended_reason = 'user_disabled'
                WHERE user_id = \(id) AND ended_at IS NULL
                """, logger: database.logger)
            if let audit { try await connection.query(AuditTrail.insert(audit), logger: database.logger) }
            return try await account(id: id, on: connection)
        }
    }

    func account(id: UUID, on connection: PostgresConnection) async throws -> UserAccount {
        let rows = try await connection.query(
            """
            SELECT u.id, u.username, u.display_name, a.code, u.role, u.disabled_at IS NOT NULL, coalesce(t.failures, 0), t.wait_until
            FROM users u JOIN agencies a ON a.id = u.agency_id
            LEFT JOIN sign_in_throttles t ON t.scope = 'username' AND t.key = u.username WHERE u.id = \(id)
            """, logger: database.logger
        ).collect()
        guard let row = rows.first else { throw AccountError.unknownUser }
        let (uid, username, name, agency, role, disabled, failures, waitUntil) =
            try row.decode((UUID, String, String, String, Role, Bool, Int, Date?).self)
        return UserAccount(id: uid, username: username, displayName: name, agencyCode: agency,
                           role: role, disabled: disabled, failedSignIns: failures, throttledUntil: waitUntil)
    }
}
