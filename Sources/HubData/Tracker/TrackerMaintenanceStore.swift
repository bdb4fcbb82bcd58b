import Foundation
import PostgresNIO

/// The tracker's housekeeping: exporting links and purging old interaction detail.
public struct TrackerMaintenanceStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// A live record as the export explains it: its id, its person's other live records come with it.
    public struct ExportedRecord: Sendable {
        public let id: Int64
        public let label: String
        public let cleansed: String
        /// The record's person.
        public let personId: Int64?
    }

    /// Writes `source_system,source_record_id,person_id,household_id,household_basis` for every record (retired ones
    /// with their last person), in source order; returns how many rows were written. The household is the person's
    /// (`tracker_person_households`, migration 046): empty for a record with no person, or a person with none.
    ///
    /// With `explain` (`--explain`), rows come person by person and three more columns say how each live record
    /// joined its person (issue #18): `link_kind` (`deterministic`, `auto`, `confirmed`; `unexplained` when no link
    /// of the current model joins it; empty for the person's first record), `linked_to` (`SOURCE ID` of the record it
    /// is linked to) and `link_explanation` (rules, match weight, and per field its level, weight and rules).
    /// `explain` gets one person's live records (lowest id first) and returns those columns per record id.
    public func exportLinks(
        explain: (@Sendable ([ExportedRecord]) async throws -> [Int64: [String]])? = nil, _ write: @escaping @Sendable (String) throws -> Void
    ) async throws -> Int {
        try await database.withConnection { connection in
            var count = 0
            var header = "source_system,source_record_id,person_id,household_id,household_basis"
            if explain != nil { header += ",link_kind,linked_to,link_explanation" }
            try write(header + "\n")
            let rows = try await connection.query(
                """
                SELECT r.id, r.source_system, r.source_record_id, COALESCE(r.person_id::text, ''), COALESCE(h.household_id, ''),
                       COALESCE(h.basis, ''), CASE WHEN \(explain != nil) AND r.retired_at IS NULL AND r.person_id IS NOT NULL
                                                   THEN r.cleansed END
                FROM tracker_records r LEFT JOIN tracker_person_households h ON h.person_id = r.person_id
                ORDER BY CASE WHEN \(explain != nil) THEN r.person_id END, CASE WHEN \(explain != nil) THEN r.id END,
                         r.source_system, r.source_record_id
                """, logger: database.logger)
            var group: [(row: String, record: ExportedRecord?)] = []
            var groupPerson = ""
            func flush() async throws {
                let live = group.compactMap(\.record)
                let extra = live.count > 1 ? try await explain?(live) ?? [:] : [:]
                for (row, record) in group {
                    let columns = record.flatMap { extra[$0.id] } ?? ["", "", ""]
                    try write(row + (explain == nil ? "" : "," + columns.map(Self.csvField).joined(separator: ",")) + "\n")
                }
                group.removeAll(keepingCapacity: true)
            }
            for try await (recordId, system, id, person, household, basis, cleansed) in rows.decode(
                (Int64, String, String, String, String, String, String?).self) {
                if person != groupPerson || person.isEmpty { try await flush() }
                groupPerson = person
                let row = Self.csvField(system) + "," + Self.csvField(id) + "," + person + "," + household + "," + basis
                group.append((row, cleansed.map { ExportedRecord(id: recordId, label: system + " " + id, cleansed: $0, personId: Int64(person)) }))
                count += 1
            }
            try await flush()
            return count
        }
    }

    /// What `--explain` needs besides each person's records: the saved linkage model (JSON; nil before any linking),
    /// every reviewer-confirmed pair with its review's explanation (JSON) when there is one, and the ids and cleansed
    /// forms of the live records of every valid NHS number more than one person holds (from which the numbers clearly different
    /// people carry are found: `nhs_number_shared_by_different_people`), and the households (keys) of every person with
    /// live records at two to `householdsAtMost` of them (a household that moved together: `household_moved_together`).
    public func explanationInputs(householdsAtMost: Int) async throws
        -> (model: String?, confirmed: [(a: Int64, b: Int64, explanation: String?)], carriers: [(id: Int64, cleansed: String)],
            households: [(person: Int64, households: [String])]) {
        let model = try await database.query("SELECT model::text FROM linkage_models ORDER BY id DESC LIMIT 1").first?.decode(String.self)
        let confirmed = try await database.query(
            """
            SELECT c.record_a, c.record_b, r.explanation::text FROM confirmed_links c
            LEFT JOIN link_reviews r ON r.record_a = c.record_a AND r.record_b = c.record_b AND r.status = 'confirmed'
            """
        ).map { row -> (a: Int64, b: Int64, explanation: String?) in
            let (a, b, explanation) = try row.decode((Int64, Int64, String?).self)
            return (a, b, explanation)
        }
        let carriers = try await database.query(
            """
            SELECT id, cleansed FROM tracker_records WHERE retired_at IS NULL AND valid_nhs_number IN (
                SELECT valid_nhs_number FROM tracker_records
                WHERE retired_at IS NULL AND valid_nhs_number IS NOT NULL AND valid_nhs_number <> ''
                GROUP BY valid_nhs_number HAVING count(DISTINCT person_id) > 1)
            ORDER BY id
            """
        ).map { row -> (id: Int64, cleansed: String) in
            let (id, text) = try row.decode((Int64, String).self)
            return (id, text)
        }
        let households = try await database.query(
            """
            SELECT person_id, array_agg(DISTINCT household_key ORDER BY household_key) FROM tracker_records
            WHERE retired_at IS NULL AND person_id IS NOT NULL AND household_key IS NOT NULL AND household_key <> ''
            GROUP BY person_id HAVING count(DISTINCT household_key) BETWEEN 2 AND \(householdsAtMost)
            """
        ).map { row -> (person: Int64, households: [String]) in
            let (person, keys) = try row.decode((Int64, [String]).self)
            return (person, keys)
        }
        return (model, confirmed, carriers, households)
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
