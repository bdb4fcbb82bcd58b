import Foundation
import HubWorkflow
import PostgresNIO

/// A worker's watchlist: people (followed through one of their records, so relinking does not lose them) and
/// addresses (UPRNs). An import raises one alert per followed person or address that has new interactions.
public struct WatchlistStore: Sendable {
    let database: Database
    var logger: Logger { database.logger }

    public init(database: Database) { self.database = database }

    public struct Entry: Sendable, Hashable, Codable {
        public let id: UUID
        public let personId: Int64?
        public let uprn: Int64?
        public let reason: String
        public let createdAt: Date
    }

    public enum Target: Sendable, Hashable {
        case person(Int64)
        case address(Int64)
    }

    public enum AddError: Error, Equatable {
        case unknownPerson
        case unknownAddress
        case alreadyWatched
    }

    /// Follows a person or an address for `user`, in one transaction with `audit` (recorded once the entry is
    /// written; nothing is recorded when it is refused).
    public func add(_ target: Target, user: UUID, reason: String, at instant: Date, audit: AuditEvent) async throws -> Entry {
        try await database.transaction { connection in
            var anchor: Int64?
            var uprn: Int64?
            switch target {
            case .person(let person):
                anchor = try await connection.query(
                    "SELECT min(id) FROM tracker_records WHERE person_id = \(person)", logger: logger
                ).collect().first?.decode(Int64?.self)
                guard anchor != nil else { throw AddError.unknownPerson }
            case .address(let address):
                let known = try await connection.query(
                    """
                    SELECT EXISTS (SELECT 1 FROM tracker_records WHERE uprn = \(address))
                        OR EXISTS (SELECT 1 FROM gazetteer WHERE uprn = \(address))
                    """, logger: logger
                ).collect().first!.decode(Bool.self)
                guard known else { throw AddError.unknownAddress }
                uprn = address
            }
            let id = UUID()
            let inserted = try await connection.query(
                """
                INSERT INTO watchlist_entries (id, user_id, anchor_record_id, uprn, reason, created_at)
                VALUES (\(id), \(user), \(anchor), \(uprn), \(reason), \(instant))
                ON CONFLICT DO NOTHING RETURNING 1
                """, logger: logger
            ).collect()
            guard !inserted.isEmpty else { throw AddError.alreadyWatched }
            try await connection.query(AuditTrail.insert(audit), logger: logger)
            let person: Int64? = if case .person(let p) = target { p } else { nil }
            return Entry(id: id, personId: person, uprn: uprn, reason: reason, createdAt: instant)
        }
    }

    /// The user's watchlist; a person shows as they are linked now.
    public func entries(user: UUID) async throws -> [Entry] {
        try await database.query(
            """
            SELECT w.id, r.person_id, w.uprn, w.reason, w.created_at
            FROM watchlist_entries w LEFT JOIN tracker_records r ON r.id = w.anchor_record_id
            WHERE w.user_id = \(user) AND w.removed_at IS NULL ORDER BY w.created_at, w.id
            """
        ).map { row in
            let (id, person, uprn, reason, created) = try row.decode((UUID, Int64?, Int64?, String, Date).self)
            return Entry(id: id, personId: person, uprn: uprn, reason: reason, createdAt: created)
        }
    }

    /// Stops following, in one transaction with `audit`; false (and nothing recorded) when the entry is not the
    /// user's or was already removed.
    public func remove(_ id: UUID, user: UUID, at instant: Date, audit: AuditEvent) async throws -> Bool {
        try await database.transaction { connection in
            let removed = try await !connection.query(
                """
                UPDATE watchlist_entries SET removed_at = \(instant)
                WHERE id = \(id) AND user_id = \(user) AND removed_at IS NULL RETURNING 1
                """, logger: logger
            ).collect().isEmpty
            if removed { try await connection.query(AuditTrail.insert(audit), logger: logger) }
            return removed
        }
    }

    /// The highest event id so far: events above it were added by the import that read it.
    public func eventWatermark(on connection: PostgresConnection) async throws -> Int64 {
        try await connection.query("SELECT coalesce(max(id), 0)::bigint FROM tracker_events", logger: logger)
            .collect().first!.decode(Int64.self)
    }

    /// One alert per followed person or address with interactions added since `watermark` (by this import),
    /// for the follower only. Keyed by entry and import, so a re-import (which adds nothing) raises nothing.
    public func newInteractionAlerts(since watermark: Int64, importId: Int64, on connection: PostgresConnection) async throws -> [RaisedAlert] {
        let rows = try await connection.query(
            """
            WITH watched AS (
                SELECT w.id, w.user_id, w.reason, a.person_id, w.uprn
                FROM watchlist_entries w LEFT JOIN tracker_records a ON a.id = w.anchor_record_id
                WHERE w.removed_at IS NULL
            ), fresh AS (
                SELECT w.id AS entry_id, w.user_id, w.reason, w.person_id, w.uprn, e.event_type, e.event_date, e.source_system,
                       concat_ws(' ', r.forename, r.surname) AS name
                FROM watched w
                JOIN tracker_records r ON (w.person_id IS NOT NULL AND r.person_id = w.person_id) OR (w.uprn IS NOT NULL AND r.uprn = w.uprn)
                JOIN tracker_events e ON e.record_id = r.id AND e.id > \(watermark)
            )
            SELECT entry_id, user_id, reason, person_id, uprn, count(*)::int, min(name),
                   string_agg(event_type || ' ' || event_date || ' (' || source_system || ')', '; ' ORDER BY event_date, event_type)
            FROM fresh GROUP BY entry_id, user_id, reason, person_id, uprn
            """, logger: logger)
        var alerts: [RaisedAlert] = []
        for try await row in rows {
            let (entry, user, reason, person, uprn, count, name, events) =
                try row.decode((UUID, UUID, String, Int64?, Int64?, Int, String, String).self)
            let subject = uprn.map { "the address with UPRN \($0)" } ?? name
            let facts = ["subject": subject, "count": String(count), "interactions": events, "reason": reason]
            alerts.append(RaisedAlert(
                ruleCode: nil, title: "New interactions for someone you follow", dedupeKey: "watch:\(entry.uuidString.lowercased()):\(importId)",
                trigger: .import, personId: person, uprn: uprn, agencyCodes: [], watcherUserId: user, facts: facts,
                explanation: "\(count) new interaction\(count == 1 ? "" : "s") for \(subject), whom you follow (\(reason)): \(events)."))
        }
        return alerts
    }
}
