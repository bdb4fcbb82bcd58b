import Foundation
import PostgresNIO

/// The tracker's housekeeping: exporting links and purging old interaction detail.
public struct TrackerMaintenanceStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Writes `source_system,source_record_id,person_id` for every record (retired ones with their last person),
    /// in source order; returns how many rows were written.
    public func exportLinks(_ write: (String) throws -> Void) async throws -> Int {
        try await database.withConnection { connection in
            var count = 0
            try write("source_system,source_record_id,person_id\n")
            let rows = try await connection.query(
                """
                SELECT source_system, source_record_id, COALESCE(person_id::text, '') FROM tracker_records
                ORDER BY source_system, source_record_id
                """, logger: database.logger)
            for try await (system, id, person) in rows.decode((String, String, String).self) {
                try write(Self.csvField(system) + "," + Self.csvField(id) + "," + person + "\n")
                count += 1
            }
            return count
        }
    }

    /// Deletes events dated before `date` (`YYYY-MM-DD`), adding them to each record's purged count, in one
    /// transaction; returns how many were deleted.
    public func purgeEvents(before date: String, audit: AuditEvent) async throws -> Int {
        try await database.transaction { connection in
            let deleted = try await connection.query(
                """
                WITH gone AS (DELETE FROM tracker_events WHERE event_date < \(date)::date RETURNING record_id),
                counted AS (
                    INSERT INTO tracker_event_counts (record_id, purged)
                    SELECT record_id, count(*)::int FROM gone GROUP BY record_id
                    ON CONFLICT (record_id) DO UPDATE SET purged = tracker_event_counts.purged + EXCLUDED.purged
                    RETURNING purged)
                SELECT (SELECT count(*)::int FROM gone), (SELECT count(*)::int FROM counted)
                """, logger: database.logger
            ).collect().first!.decode((Int, Int).self).0
            var audit = audit
            audit.detail["events_deleted"] = String(deleted)
            try await AuditTrail(database: database).record(audit, on: connection)
            return deleted
        }
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
