import Foundation
import HubWorkflow
import PostgresNIO

/// What an SLA clock is for.
public enum SLAClockPurpose: String, Sendable, Codable {
    case shareRequest = "share_request"
    case strategyDiscussion = "strategy_discussion"
}

/// Stores SLA clocks. The clock's full history is kept as a `SLAClockRecord`; `due_at`/`warn_at` are derived
/// from it whenever it changes, so the sweep is an index range scan.
public struct SLAClockStore: Sendable {
    let database: Database
    let catalog: SLACalendarPolicyCatalog

    public init(database: Database, catalog: SLACalendarPolicyCatalog = .standard()) {
        self.database = database
        self.catalog = catalog
    }

    @discardableResult
    public func start(
        _ clock: SLAClock, incidentId: UUID, purpose: SLAClockPurpose, shareRequestId: UUID?, on connection: PostgresConnection
    ) async throws -> UUID {
        let id = UUID()
        let record = try DocumentCoding.encode(clock.record)
        try await connection.query(
            """
            INSERT INTO sla_clocks (id, incident_id, purpose, share_request_id, record, due_at, warn_at)
            VALUES (\(id), \(incidentId), \(purpose.rawValue), \(shareRequestId), \(record)::jsonb, \(clock.dueDate), \(clock.warningDate))
            """, logger: database.logger)
        return id
    }

    /// Gives every running share-request clock of an incident a new target (re-rating), keeping the time
    /// already counted. A clock whose new due time is still ahead may warn and breach again.
    public func retargetShareRequestClocks(
        of incidentId: UUID, to target: SLATarget, at now: Date, on connection: PostgresConnection
    ) async throws {
        let rows = try await connection.query(
            """
            SELECT id, share_request_id, record::text FROM sla_clocks
            WHERE incident_id = \(incidentId) AND purpose = 'share_request' AND outcome IS NULL
            FOR UPDATE
            """, logger: database.logger
        ).collect()
        for row in rows {
            let (id, shareRequestId, recordText) = try row.decode((UUID, UUID?, String).self)
            var clock = try SLAClock(record: DocumentCoding.decode(SLAClockRecord.self, from: recordText), catalog: catalog)
            try clock.retarget(to: target, at: now)
            let record = try DocumentCoding.encode(clock.record)
            let due = clock.dueDate
            try await connection.query(
                """
                UPDATE sla_clocks SET record = \(record)::jsonb, due_at = \(due), warn_at = \(clock.warningDate),
                    generation = generation + 1,
                    warned_at = CASE WHEN \(clock.warningDate)::timestamptz > \(now) THEN NULL ELSE warned_at END,
                    breached_at = CASE WHEN \(due)::timestamptz > \(now) THEN NULL ELSE breached_at END
                WHERE id = \(id)
                """, logger: database.logger)
            if let shareRequestId, let due {
                try await connection.query(
                    "UPDATE share_requests SET due_at = \(due) WHERE id = \(shareRequestId)", logger: database.logger)
            }
        }
    }

    /// Stops a clock; returns whether it was met or breached (nil when there was no running clock).
    @discardableResult
    public func stop(clockId: UUID, at now: Date, on connection: PostgresConnection) async throws -> SLAClockState? {
        let rows = try await connection.query(
            "SELECT record::text FROM sla_clocks WHERE id = \(clockId) AND outcome IS NULL FOR UPDATE", logger: database.logger
        ).collect()
        guard let row = rows.first else { return nil }
        var clock = try SLAClock(record: DocumentCoding.decode(SLAClockRecord.self, from: row.decode(String.self)), catalog: catalog)
        let outcome = try clock.stop(at: now)
        let record = try DocumentCoding.encode(clock.record)
        try await connection.query(
            """
            UPDATE sla_clocks SET record = \(record)::jsonb, outcome = \(outcome.rawValue), due_at = NULL, warn_at = NULL
            WHERE id = \(clockId)
            """, logger: database.logger)
        return outcome
    }

    /// Stops every clock of an incident still running (its share requests' and its strategy discussion's) because
    /// the incident closed: each is recorded as `withdrawn`, or as `breached` when it was already past its due
    /// instant (a breach that happened is not undone). Returns how many were withdrawn and how many breached.
    @discardableResult
    public func withdrawRunningClocks(
        ofIncident incidentId: UUID, at now: Date, on connection: PostgresConnection
    ) async throws -> (withdrawn: Int, breached: Int) {
        let rows = try await connection.query(
            "SELECT id, record::text FROM sla_clocks WHERE incident_id = \(incidentId) AND outcome IS NULL FOR UPDATE", logger: database.logger
        ).collect()
        var counts = (withdrawn: 0, breached: 0)
        for row in rows {
            let (id, recordText) = try row.decode((UUID, String).self)
            var clock = try SLAClock(record: DocumentCoding.decode(SLAClockRecord.self, from: recordText), catalog: catalog)
            let stopped = try clock.stop(at: now)
            let outcome = stopped == .breached ? "breached" : "withdrawn"
            if stopped == .breached { counts.breached += 1 } else { counts.withdrawn += 1 }
            let record = try DocumentCoding.encode(clock.record)
            try await connection.query(
                """
                UPDATE sla_clocks SET record = \(record)::jsonb, outcome = \(outcome), due_at = NULL, warn_at = NULL
                WHERE id = \(id)
                """, logger: database.logger)
        }
        return counts
    }

    public func clockId(ofShareRequest shareRequestId: UUID, on connection: PostgresConnection) async throws -> UUID? {
        try await connection.query(
            "SELECT id FROM sla_clocks WHERE share_request_id = \(shareRequestId)", logger: database.logger
        ).collect().first?.decode(UUID.self)
    }

    public func runningStrategyClock(of incidentId: UUID, on connection: PostgresConnection) async throws -> UUID? {
        try await connection.query(
            """
            SELECT id FROM sla_clocks WHERE incident_id = \(incidentId) AND purpose = 'strategy_discussion' AND outcome IS NULL
            """, logger: database.logger
        ).collect().first?.decode(UUID.self)
    }
}
