import Foundation
import HubWorkflow
import Logging
import PostgresNIO

/// Raised alerts: stored once each (by dedupe key) with a message in the outbox in the same transaction, listed
/// for a user's agency (and their own watchlist alerts), and acknowledged once per agency with a note.
public struct AlertStore: Sendable {
    let database: Database
    var logger: Logger { database.logger }

    public init(database: Database) { self.database = database }

    /// Stores the alerts not stored before; returns how many were new. Each new alert also goes to the outbox
    /// (topic `alert.raised`), with ids and codes only: the receiver reads the words through the API.
    @discardableResult
    public func raise(_ alerts: [RaisedAlert], importId: Int64? = nil, at instant: Date, on connection: PostgresConnection) async throws -> Int {
        var raised = 0
        for alert in alerts {
            let id = UUID()
            let facts = try DocumentCoding.encode(alert.facts)
            let inserted = try await connection.query(
                """
                INSERT INTO alerts (id, rule_code, dedupe_key, trigger, raised_at, person_id, uprn, referral_id, feed_import_id,
                                    agency_codes, watcher_user_id, title, explanation, facts)
                VALUES (\(id), \(alert.ruleCode), \(alert.dedupeKey), \(alert.trigger.rawValue), \(instant), \(alert.personId),
                        \(alert.uprn), \(alert.referralId), \(importId), \(alert.agencyCodes), \(alert.watcherUserId), \(alert.title),
                        \(alert.explanation), \(facts)::jsonb)
                ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1
                """, logger: logger
            ).collect()
            guard !inserted.isEmpty else { continue }
            raised += 1
            var payload = ["alertId": id.uuidString.lowercased(), "title": alert.title, "trigger": alert.trigger.rawValue,
                           "agencies": alert.agencyCodes.joined(separator: ","), "raisedAt": instant.formatted(.iso8601)]
            payload["rule"] = alert.ruleCode ?? "watchlist"
            if let referralId = alert.referralId { payload["referralId"] = referralId.uuidString.lowercased() }
            try await OutboxStore(database: database).enqueue(
                topic: "alert.raised", dedupeKey: "alert:\(alert.dedupeKey)", payload: payload, at: instant, on: connection)
        }
        return raised
    }

    /// Which alerts a list shows, from the reader's agency's point of view.
    public enum ListState: String, Sendable, CaseIterable {
        case open, acknowledged, all
    }

    /// The alerts for `agency` (and the user's own watchlist alerts), newest first, `limit` at a time;
    /// `before` is the last alert of the previous page.
    public func list(
        agency: String, user: UUID, state: ListState, limit: Int, before: KeysetPosition?, on connection: PostgresConnection
    ) async throws -> [StoredAlert] {
        try await visibleAlerts(agency: agency, user: user, filter: AlertFilter(state: state, before: before), limit: limit, on: connection)
    }

    /// One alert, if the reader may see it.
    public func alert(_ id: UUID, agency: String, user: UUID, on connection: PostgresConnection) async throws -> StoredAlert? {
        try await visibleAlerts(agency: agency, user: user, filter: AlertFilter(id: id), limit: 1, on: connection).first
    }

    /// Records the agency's acknowledgement; false when the agency had already acknowledged the alert.
    public func acknowledge(
        _ id: UUID, agency: String, user: UUID, note: String, at instant: Date, on connection: PostgresConnection
    ) async throws -> Bool {
        try await !connection.query(
            """
            INSERT INTO alert_acknowledgements (alert_id, agency_code, acknowledged_by, acknowledged_at, note)
            VALUES (\(id), \(agency), \(user), \(instant), \(note))
            ON CONFLICT (alert_id, agency_code) DO NOTHING RETURNING 1
            """, logger: logger
        ).collect().isEmpty
    }

    /// The alerts about these persons that `agency` (or `user`, for watchlist alerts) may see, raised since
    /// `since`, newest first.
    public func alerts(aboutPersons personIds: [Int64], agency: String, user: UUID, since: Date, limit: Int = 20) async throws -> [StoredAlert] {
        guard !personIds.isEmpty else { return [] }
        return try await database.withConnection { connection in
            try await visibleAlerts(agency: agency, user: user, filter: AlertFilter(personIds: personIds, since: since), limit: limit,
                                    on: connection)
        }
    }

    /// What narrows ``visibleAlerts(agency:user:filter:limit:on:)``; each part left nil does not narrow.
    private struct AlertFilter {
        var id: UUID?
        var personIds: [Int64]?
        var since: Date?
        var state: ListState = .all
        var before: KeysetPosition?
    }

    /// The one query every read of alerts runs: the alerts `agency` may see (and `user`'s own watchlist alerts), with
    /// the agency's acknowledgement, newest first.
    private func visibleAlerts(
        agency: String, user: UUID, filter: AlertFilter, limit: Int, on connection: PostgresConnection
    ) async throws -> [StoredAlert] {
        let (beforeMicroseconds, beforeId) = (filter.before?.microseconds, filter.before?.id)
        return try await decode(connection.query(
            """
            SELECT a.id, a.rule_code, a.title, a.trigger, a.raised_at, a.person_id, a.uprn, a.referral_id, a.feed_import_id,
                   a.watcher_user_id IS NOT NULL, a.explanation, a.facts::text, u.display_name, k.acknowledged_at, k.note
            FROM alerts a
            LEFT JOIN alert_acknowledgements k ON k.alert_id = a.id AND k.agency_code = \(agency)
            LEFT JOIN users u ON u.id = k.acknowledged_by
            WHERE (a.watcher_user_id = \(user) OR (a.watcher_user_id IS NULL AND \(agency) = ANY(a.agency_codes)))
              AND (\(filter.id)::uuid IS NULL OR a.id = \(filter.id))
              AND (\(filter.personIds)::bigint[] IS NULL OR a.person_id = ANY(\(filter.personIds)))
              AND (\(filter.since)::timestamptz IS NULL OR a.raised_at >= \(filter.since))
              AND (\(filter.state.rawValue) = 'all' OR (\(filter.state.rawValue) = 'open') = (k.alert_id IS NULL))
              AND (\(beforeMicroseconds)::bigint IS NULL
                   OR (a.raised_at, a.id) < ('epoch'::timestamptz + \(beforeMicroseconds)::bigint * interval '1 microsecond', \(beforeId)::uuid))
            ORDER BY a.raised_at DESC, a.id DESC
            LIMIT \(limit)
            """, logger: logger))
    }

    private func decode(_ rows: PostgresRowSequence) async throws -> [StoredAlert] {
        var alerts: [StoredAlert] = []
        for try await row in rows {
            let columns = try row.decode(
                (UUID, String?, String, String, Date, Int64?, Int64?, UUID?, Int64?, Bool, String, String, String?, Date?, String?).self)
            let facts = try DocumentCoding.decode([String: String].self, from: columns.11)
            var acknowledgement: StoredAlert.Acknowledgement?
            if let at = columns.13 {
                acknowledgement = .init(by: columns.12 ?? "unknown", at: at, note: columns.14 ?? "")
            }
            alerts.append(StoredAlert(
                id: columns.0, rule: columns.1, title: columns.2, trigger: columns.3, raisedAt: columns.4, personId: columns.5,
                uprn: columns.6, referralId: columns.7, feedImportId: columns.8, watchlist: columns.9, explanation: columns.10,
                facts: facts, acknowledgement: acknowledgement))
        }
        return alerts
    }
}
