import Foundation
import HubWorkflow
import PostgresNIO

/// Reads and writes users, their failed sign-ins and lockouts.
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
                agencyCode: agencyCode, role: role, disabled: false, lockedUntil: nil)
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
            SELECT u.id, u.username, u.display_name, a.code, u.role, u.disabled_at IS NOT NULL, u.locked_until
            FROM users u JOIN agencies a ON a.id = u.agency_id ORDER BY u.username
            """
        ).map { row in
            let (id, username, name, agency, role, disabled, locked) =
                try row.decode((UUID, String, String, String, Role, Bool, Date?).self)
            return UserAccount(id: id, username: username, displayName: name, agencyCode: agency,
                               role: role, disabled: disabled, lockedUntil: locked)
        }
    }

    public func signInCandidate(username: String) async throws -> SignInCandidate? {
        let rows = try await database.query(
            """
            SELECT u.id, u.username, u.display_name, u.agency_id, a.code, u.role, u.password_hash,
                   u.failed_attempts, u.locked_until, u.disabled_at IS NOT NULL
            FROM users u JOIN agencies a ON a.id = u.agency_id
            WHERE u.username = \(username)
            """)
        guard let row = rows.first else { return nil }
        let (id, name, display, agencyId, agencyCode, role, hash, failures, locked, disabled) =
            try row.decode((UUID, String, String, UUID, String, Role, String, Int, Date?, Bool).self)
        return SignInCandidate(
            identity: Identity(userId: id, username: name, displayName: display, agencyId: agencyId, agencyCode: agencyCode, role: role),
            passwordHash: hash, failedAttempts: failures, lockedUntil: locked, disabled: disabled)
    }

    /// Counts a failed sign-in; at `maxFailures` in a row the account locks until `now + lockout`.
    /// Returns the lock's end when this failure locked it.
    public func recordFailedSignIn(userId: UUID, now: Date, maxFailures: Int, lockout: TimeInterval) async throws -> Date? {
        let lockUntil = now.addingTimeInterval(lockout)
        let rows = try await database.query(
            """
            UPDATE users SET
                failed_attempts = CASE WHEN failed_attempts + 1 >= \(maxFailures) THEN 0 ELSE failed_attempts + 1 END,
                locked_until = CASE WHEN failed_attempts + 1 >= \(maxFailures) THEN \(lockUntil) ELSE locked_until END,
                updated_at = \(now)
            WHERE id = \(userId)
            RETURNING locked_until
            """)
        guard let locked = try rows.first?.decode(Date?.self), locked == lockUntil || abs(locked.timeIntervalSince(lockUntil)) < 0.001
        else { return nil }
        return locked
    }

    public func recordSuccessfulSignIn(userId: UUID, now: Date) async throws {
        try await database.query(
            "UPDATE users SET failed_attempts = 0, locked_until = NULL, updated_at = \(now) WHERE id = \(userId) AND (failed_attempts <> 0 OR locked_until IS NOT NULL)")
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
            SELECT u.id, u.username, u.display_name, a.code, u.role, u.disabled_at IS NOT NULL, u.locked_until
            FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = \(id)
            """, logger: database.logger
        ).collect()
        guard let row = rows.first else { throw AccountError.unknownUser }
        let (uid, username, name, agency, role, disabled, locked) =
            try row.decode((UUID, String, String, String, Role, Bool, Date?).self)
        return UserAccount(id: uid, username: username, displayName: name, agencyCode: agency,
                           role: role, disabled: disabled, lockedUntil: locked)
    }
}
