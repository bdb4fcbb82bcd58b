import Foundation
import HubWorkflow
import PostgresNIO

/// The sign-in throttle's state (`sign_in_throttles`, migration 034), shared by every server on the database.
/// Each attempt is counted against its username key and its address key in one transaction, with both rows
/// locked, before its password is checked: attempts sent at once are counted one after the other, and only those
/// that find no wait in force go on to have their password checked.
public struct SignInThrottleStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public enum Scope: String, Sendable, Hashable, CaseIterable {
        case username
        case address
    }

    /// What counting one attempt found.
    public enum Counted: Sendable, Equatable {
        /// A wait was in force on some key: nothing was counted and the password must not be checked.
        case refused(waitUntil: Date)
        /// Counted: the password may be checked. `waits` holds each key that must now wait (its failures counted
        /// so far, this one included, and until when), should the password prove wrong.
        case counted(waits: [Scope: Wait])
    }

    public struct Wait: Sendable, Equatable {
        public let failures: Int
        public let until: Date
    }

    /// Counts an attempt at `now` for `username` (already normalised) from `address`.
    public func count(username: String, address: String, now: Date, rules: [Scope: SignInThrottleRule]) async throws -> Counted {
        let keys: [(Scope, String)] = [(.address, Self.key(address)), (.username, Self.key(username))]
        return try await database.transaction { connection in
            // Both rows exist and are locked, always in the same order (address, then username): concurrent
            // attempts on either key queue here.
            for (scope, key) in keys {
                try await connection.query(
                    """
                    INSERT INTO sign_in_throttles (scope, key, failures, last_failure_at) VALUES (\(scope.rawValue), \(key), 0, \(now))
                    ON CONFLICT (scope, key) DO NOTHING
                    """, logger: database.logger)
            }
            var stored: [Scope: (failures: Int, last: Date, waitUntil: Date?)] = [:]
            for (scope, key) in keys {
                let rows = try await connection.query(
                    """
                    SELECT failures, last_failure_at, wait_until FROM sign_in_throttles
                    WHERE scope = \(scope.rawValue) AND key = \(key) FOR UPDATE
                    """, logger: database.logger
                ).collect()
                let (failures, last, waitUntil) = try rows[0].decode((Int, Date, Date?).self)
                stored[scope] = (failures, last, waitUntil)
            }
            let inForce = stored.values.compactMap(\.waitUntil).filter { $0 > now }
            if let latest = inForce.max() { return .refused(waitUntil: latest) }
            var waits: [Scope: Wait] = [:]
            for (scope, key) in keys {
                guard let rule = rules[scope], let row = stored[scope] else { continue }
                let failures = rule.failures(after: row.failures, lastFailureAt: row.last, now: now)
                let delay = rule.delay(afterFailures: failures)
                let waitUntil: Date? = delay > 0 ? now.addingTimeInterval(delay) : nil
                if let waitUntil { waits[scope] = Wait(failures: failures, until: waitUntil) }
                try await connection.query(
                    """
                    UPDATE sign_in_throttles SET failures = \(failures), last_failure_at = \(now), wait_until = \(waitUntil)
                    WHERE scope = \(scope.rawValue) AND key = \(key)
                    """, logger: database.logger)
            }
            return .counted(waits: waits)
        }
    }

    /// After a successful sign-in: the username's failures are forgotten, and the address's count loses the
    /// attempt that succeeded (its wait, if that attempt started one, with it).
    public func succeeded(username: String, address: String, rules: [Scope: SignInThrottleRule]) async throws {
        let free = rules[.address]?.freeFailures ?? 0
        try await database.query(
            """
            UPDATE sign_in_throttles SET failures = 0, wait_until = NULL
            WHERE scope = 'username' AND key = \(Self.key(username))
            """)
        try await database.query(
            """
            UPDATE sign_in_throttles SET failures = greatest(failures - 1, 0),
                wait_until = CASE WHEN failures - 1 > \(free) THEN wait_until END
            WHERE scope = 'address' AND key = \(Self.key(address))
            """)
    }

    /// Forgets a username's failures and wait (an administrator's unlock), with `audit` in the same transaction.
    /// Returns whether there was anything to forget.
    @discardableResult
    public func forget(username: String, audit: AuditEvent?) async throws -> Bool {
        try await database.transaction { connection in
            let rows = try await connection.query(
                "DELETE FROM sign_in_throttles WHERE scope = 'username' AND key = \(Self.key(username)) RETURNING failures",
                logger: database.logger
            ).collect()
            if let audit { try await connection.query(AuditTrail.insert(audit), logger: database.logger) }
            return !rows.isEmpty
        }
    }

    /// A key as stored: at most 200 code points, as the column's CHECK counts them (longer usernames cannot exist,
    /// so sharing a key costs nothing; a prefix of 200 characters could hold more code points than that).
    static func key(_ text: String) -> String {
        let trimmed = TextLength.prefix(text, 200)
        return trimmed.isEmpty ? "-" : trimmed
    }
}
