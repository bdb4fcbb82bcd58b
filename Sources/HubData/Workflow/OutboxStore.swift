import Foundation
import PostgresNIO

/// A message waiting to leave Hub (an SLA warning or breach, an alert).
public struct OutboxMessage: Sendable, Hashable {
    public let id: Int64
    public let topic: String
    public let dedupeKey: String
    public let payload: String
    public let attempts: Int
}

/// The transactional outbox: messages are written in the same transaction as the event that caused them,
/// then delivered by a worker with retries. `dedupe_key` is unique, so an event is emitted exactly once however
/// many processes notice it.
public struct OutboxStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Enqueues a message; returns false when one with the same key already exists.
    @discardableResult
    public func enqueue(
        topic: String, dedupeKey: String, payload: [String: String], at instant: Date, on connection: PostgresConnection
    ) async throws -> Bool {
        let json = try DocumentCoding.encode(payload)
        return try await !connection.query(
            """
            INSERT INTO outbox (topic, dedupe_key, payload, created_at, next_attempt_at)
            VALUES (\(topic), \(dedupeKey), \(json)::jsonb, \(instant), \(instant))
            ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1
            """, logger: database.logger
        ).collect().isEmpty
    }

    /// Claims up to `limit` messages due for delivery; the caller must settle each with `delivered`/`retry`
    /// in the same transaction (rows stay locked, so other workers skip them).
    /// `topic` claims only that topic's messages (the mail delivery's `feedback.email`); `excluding` leaves one out
    /// (the webhook's delivery leaves the mail to the mail delivery).
    public func claimDue(
        now: Date, limit: Int, topic: String? = nil, excluding: String? = nil, on connection: PostgresConnection
    ) async throws -> [OutboxMessage] {
        try await connection.query(
            """
            SELECT id, topic, dedupe_key, payload::text, attempts FROM outbox
            WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= \(now)
              AND (\(topic)::text IS NULL OR topic = \(topic)) AND (\(excluding)::text IS NULL OR topic <> \(excluding))
            ORDER BY next_attempt_at, id LIMIT \(limit) FOR UPDATE SKIP LOCKED
            """, logger: database.logger
        ).collect().map { row in
            let (id, topic, key, payload, attempts) = try row.decode((Int64, String, String, String, Int).self)
            return OutboxMessage(id: id, topic: topic, dedupeKey: key, payload: payload, attempts: attempts)
        }
    }

    public func markDelivered(id: Int64, at instant: Date, on connection: PostgresConnection) async throws {
        try await connection.query(
            "UPDATE outbox SET delivered_at = \(instant), attempts = attempts + 1, last_error = NULL WHERE id = \(id)",
            logger: database.logger)
    }

    /// Records a failed attempt: retried at `retryAt`, or given up (`failed_at`) when `retryAt` is nil.
    public func markFailed(id: Int64, error: String, retryAt: Date?, now: Date, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            UPDATE outbox SET attempts = attempts + 1, last_error = \(String(error.prefix(500))),
                next_attempt_at = coalesce(\(retryAt), next_attempt_at),
                failed_at = CASE WHEN \(retryAt)::timestamptz IS NULL THEN \(now) ELSE NULL END
            WHERE id = \(id)
            """, logger: database.logger)
    }

    /// Messages by topic (for tests and operators).
    public func messages(topic: String) async throws -> [OutboxMessage] {
        try await database.query(
            "SELECT id, topic, dedupe_key, payload::text, attempts FROM outbox WHERE topic = \(topic) ORDER BY id"
        ).map { row in
            let (id, topic, key, payload, attempts) = try row.decode((Int64, String, String, String, Int).self)
            return OutboxMessage(id: id, topic: topic, dedupeKey: key, payload: payload, attempts: attempts)
        }
    }
}
