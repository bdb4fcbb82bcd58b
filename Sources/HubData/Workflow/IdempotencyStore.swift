import Crypto
import Foundation
import PostgresNIO

/// Idempotency keys: a client's retry of a request with the same key and body gets the first response, and
/// concurrent duplicates wait on the key's row, so the change is made exactly once.
public struct IdempotencyStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// A key sent with a request, with the SHA-256 of the request's body.
    public struct Key: Sendable {
        public let key: String
        public let requestHash: Data

        public init(key: String, body: Data) {
            self.key = key
            self.requestHash = Data(SHA256.hash(data: body))
        }
    }

    /// The response first given for a key.
    public struct Replay: Sendable {
        public let status: Int
        public let body: Data
    }

    /// Claims the key for `userId` (nil: claimed now, go on) or returns the response given the first time. A key
    /// used before with another body, or whose first request never finished, is `idempotencyKeyReused`.
    public func claim(_ key: Key, userId: UUID, now: Date, on connection: PostgresConnection) async throws -> Replay? {
        let logger = database.logger
        let claimed = try await connection.query(
            """
            INSERT INTO idempotency_keys (user_id, key, request_hash, created_at)
            VALUES (\(userId), \(key.key), \(key.requestHash), \(now))
            ON CONFLICT (user_id, key) DO NOTHING RETURNING 1
            """, logger: logger
        ).collect()
        guard claimed.isEmpty else { return nil }
        let row = try await connection.query(
            """
            SELECT request_hash, response_status, response_body FROM idempotency_keys
            WHERE user_id = \(userId) AND key = \(key.key)
            """, logger: logger
        ).collect().first
        guard let row else { throw WorkflowStoreError.idempotencyKeyReused }
        let (hash, status, body) = try row.decode((Data, Int?, Data?).self)
        guard hash == key.requestHash, let status, let body else { throw WorkflowStoreError.idempotencyKeyReused }
        return Replay(status: status, body: body)
    }

    /// Keeps the response given for a claimed key, for its retries.
    public func recordResponse(status: Int, body: Data, for key: Key, userId: UUID, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            UPDATE idempotency_keys SET response_status = \(status), response_body = \(body)
            WHERE user_id = \(userId) AND key = \(key.key)
            """, logger: database.logger)
    }
}
