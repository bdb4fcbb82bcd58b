import Foundation
import PostgresNIO

/// The SQL of a feed import: the import's row, quarantined rows, one source's records and events.
/// Every method runs on the caller's connection, inside the import's single transaction.
public struct TrackerImportStore: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    /// The import that loaded a file with this SHA-256, if any.
    public func importId(sha256: String, on connection: PostgresConnection) async throws -> Int64? {
        try await connection.query("SELECT id FROM feed_imports WHERE sha256 = \(sha256)", logger: logger)
            .collect().first?.decode(Int64.self)
    }

    /// Event codes with a category (docs/feed-format.md).
    public func knownEventTypes(on connection: PostgresConnection) async throws -> Set<String> {
        Set(try await connection.query("SELECT code FROM event_type_categories", logger: logger).collect().map { try $0.decode(String.self) })
    }

    /// The latest extract date imported per source (`YYYY-MM-DD`).
    public func latestExtractDates(on connection: PostgresConnection) async throws -> [String: String] {
        var dates: [String: String] = [:]
        for row in try await connection.query("SELECT source_system, extract_date::text FROM tracker_sources", logger: logger).collect() {
            let (source, date) = try row.decode((String, String).self)
            dates[source] = date
        }
        return dates
    }

    /// Serialises imports and relinks: held until the transaction ends.
    public func lock(on connection: PostgresConnection) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(hashtext('hub.tracker'))", logger: logger)
    }

    /// Records the import and returns its id.
    public func beginImport(
        fileName: String, sha256: String, size: Int64, extractDate: String, receivedAt: Date, operator name: String?,
        on connection: PostgresConnection
    ) async throws -> Int64 {
        try await connection.query(
            """
            INSERT INTO feed_imports (file_name, sha256, size_bytes, extract_date, received_at, imported_by, status)
            VALUES (\(fileName), \(sha256), \(size), \(extractDate)::date, \(receivedAt), \(name), 'loaded') RETURNING id
            """, logger: logger
        ).collect().first!.decode(Int64.self)
    }

    /// Stores the import's counts and report (JSON, counts and codes only).
    public func finishImport(
        id: Int64, rowsRead: Int, rowsLoaded: Int, rowsQuarantined: Int, report: String, on connection: PostgresConnection
    ) async throws {
        try await connection.query(
            """
            UPDATE feed_imports SET rows_read = \(rowsRead), rows_loaded = \(rowsLoaded), rows_quarantined = \(rowsQuarantined),
                                    report = \(report)::jsonb
            WHERE id = \(id)
            """, logger: logger)
    }

    /// Marks each source as imported up to `extractDate`.
    public func recordSources(_ sources: [String], extractDate: String, importId: Int64, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO tracker_sources (source_system, extract_date, last_import_id)
            SELECT s, \(extractDate)::date, \(importId) FROM unnest(\(sources)::text[]) AS s
            ON CONFLICT (source_system) DO UPDATE SET extract_date = EXCLUDED.extract_date, last_import_id = EXCLUDED.last_import_id
            """, logger: logger)
    }

    public func quarantine(_ rows: [QuarantinedRowEntry], importId: Int64, on connection: PostgresConnection) async throws {
        for batch in rows.chunked(5_000) {
            try await connection.query(
                """
                INSERT INTO quarantined_rows (import_id, line, reason, source_system, source_record_id)
                SELECT \(importId), l, r, NULLIF(s, ''), NULLIF(i, '')
                FROM unnest(\(batch.map(\.line))::int[], \(batch.map(\.reason))::text[], \(batch.map(\.sourceSystem))::text[],
                            \(batch.map(\.sourceRecordId))::text[]) AS q(l, r, s, i)
                """, logger: logger)
        }
    }

    /// How many records the tracker holds, live or retired.
    public func recordCount(on connection: PostgresConnection) async throws -> Int {
        try await connection.query("SELECT count(*)::int FROM tracker_records", logger: logger).collect().first!.decode(Int.self)
    }

    /// For a load large against what is held: drops the records' and events' plain search indexes until
    /// ``restoreIndexes(on:)`` builds them again, in this transaction (migration 010), and gives index
    /// building more memory. Until the transaction ends, other sessions wait to read the two tables.
    /// Returns how many indexes were dropped.
    public func suspendIndexes(on connection: PostgresConnection) async throws -> Int {
        try await connection.query("SET LOCAL maintenance_work_mem = '256MB'", logger: logger)
        return try await connection.query(
            "SELECT tracker_suspend_indexes('tracker_records') + tracker_suspend_indexes('tracker_events')", logger: logger
        ).collect().first!.decode(Int.self)
    }

    /// Builds again the indexes ``suspendIndexes(on:)`` dropped; returns how many (none when none were dropped).
    public func restoreIndexes(on connection: PostgresConnection) async throws -> Int {
        try await connection.query("SELECT tracker_restore_indexes()", logger: logger).collect().first!.decode(Int.self)
    }

    /// Refreshes the planner's statistics of the records and events tables (after a large load, so the
    /// linking and alert queries that follow in the same transaction are planned for the rows now there).
    public func analyze(on connection: PostgresConnection) async throws {
        try await connection.query("ANALYZE tracker_records, tracker_events", logger: logger)
    }

    /// What is held for a source: each record's id, details hash and whether it is retired.
    public struct HeldRecord: Sendable {
        public let id: Int64
        public let detailsHash: String
        public let retired: Bool
    }

    public func heldRecords(source: String, on connection: PostgresConnection) async throws -> [String: HeldRecord] {
        var held: [String: HeldRecord] = [:]
        let rows = try await connection.query(
            "SELECT id, source_record_id, details_hash, retired_at IS NOT NULL FROM tracker_records WHERE source_system = \(source)",
            logger: logger)
        for try await (id, recordId, hash, retired) in rows.decode((Int64, String, String, Bool).self) {
            held[recordId] = HeldRecord(id: id, detailsHash: hash, retired: retired)
        }
        return held
    }

    /// Adds the batch's names and address keys to the distinct values search matches fuzzily
    /// (`tracker_names`, `tracker_addresses`; see migration 011).
    func addToSearchVocabulary(_ batch: ArraySlice<TrackerRecordRow>, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO tracker_names (name)
            SELECT DISTINCT name FROM unnest(\(batch.map(\.foldedForename))::text[] || \(batch.map(\.foldedSurname))::text[]) AS name
            WHERE name <> '' ORDER BY name
            ON CONFLICT (name) DO NOTHING
            """, logger: logger)
        try await connection.query(
            """
            INSERT INTO tracker_addresses (address_key)
            SELECT DISTINCT address_key FROM unnest(\(batch.map(\.addressKey))::text[]) AS address_key
            WHERE address_key <> '' ORDER BY address_key
            ON CONFLICT (address_key) DO NOTHING
            """, logger: logger)
    }

    /// Inserts or updates records (reinstating retired ones); returns each record's id by source record id.
    public func upsert(_ records: [TrackerRecordRow], importId: Int64, on connection: PostgresConnection) async throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        for batch in records.chunked(5_000) {
            let rows = try await connection.query(
                """
                INSERT INTO tracker_records (source_system, source_record_id, forename, surname, aliases, date_of_birth, gender,
                    address_line1, address_line2, town, postcode, nhs_number, supplied_uprn, details_hash, cleansed,
                    folded_forename, folded_surname, forename_phonetic, surname_phonetic, canonical_forenames, alias_names,
                    dob_year, dob_month, dob_day, norm_postcode, postcode_sector, postcode_district, address_key,
                    valid_nhs_number, uprn, household_key, last_import_id)
                SELECT ss, sid, NULLIF(fn, ''), NULLIF(sn, ''), CASE WHEN al = '' THEN '{}'::text[] ELSE string_to_array(al, '|') END,
                       NULLIF(dob, ''), NULLIF(g, ''), NULLIF(a1, ''), NULLIF(a2, ''), NULLIF(tw, ''), NULLIF(pc, ''),
                       NULLIF(nhs, ''), NULLIF(su, ''), dh, cl::jsonb, NULLIF(ffn, ''), NULLIF(fsn, ''), NULLIF(fp, ''),
                       NULLIF(sp, ''), CASE WHEN cf = '' THEN '{}'::text[] ELSE string_to_array(cf, '|') END, an,
                       NULLIF(y, 0), NULLIF(m, 0), NULLIF(d, 0), NULLIF(npc, ''), NULLIF(sec, ''), NULLIF(dis, ''),
                       NULLIF(ak, ''), NULLIF(vn, ''), NULLIF(u, 0), NULLIF(hk, ''), \(importId)
                FROM unnest(\(batch.map(\.sourceSystem))::text[], \(batch.map(\.sourceRecordId))::text[],
                            \(batch.map(\.forename))::text[], \(batch.map(\.surname))::text[], \(batch.map(\.aliases))::text[],
                            \(batch.map(\.dateOfBirth))::text[], \(batch.map(\.gender))::text[], \(batch.map(\.addressLine1))::text[],
                            \(batch.map(\.addressLine2))::text[], \(batch.map(\.town))::text[], \(batch.map(\.postcode))::text[],
                            \(batch.map(\.nhsNumber))::text[], \(batch.map(\.suppliedUPRN))::text[], \(batch.map(\.detailsHash))::text[],
                            \(batch.map(\.cleansed))::text[], \(batch.map(\.foldedForename))::text[], \(batch.map(\.foldedSurname))::text[],
                            \(batch.map(\.forenamePhonetic))::text[], \(batch.map(\.surnamePhonetic))::text[],
                            \(batch.map(\.canonicalForenames))::text[], \(batch.map(\.aliasNames))::text[],
                            \(batch.map(\.dobYear))::int[], \(batch.map(\.dobMonth))::int[], \(batch.map(\.dobDay))::int[],
                            \(batch.map(\.normalisedPostcode))::text[], \(batch.map(\.postcodeSector))::text[],
                            \(batch.map(\.postcodeDistrict))::text[], \(batch.map(\.addressKey))::text[],
                            \(batch.map(\.validNHSNumber))::text[], \(batch.map(\.uprn))::bigint[], \(batch.map(\.householdKey))::text[])
                     AS r(ss, sid, fn, sn, al, dob, g, a1, a2, tw, pc, nhs, su, dh, cl, ffn, fsn, fp, sp, cf, an, y, m, d, npc, sec,
                          dis, ak, vn, u, hk)
                ON CONFLICT (source_system, source_record_id) DO UPDATE SET
                    forename = EXCLUDED.forename, surname = EXCLUDED.surname, aliases = EXCLUDED.aliases,
                    date_of_birth = EXCLUDED.date_of_birth, gender = EXCLUDED.gender, address_line1 = EXCLUDED.address_line1,
                    address_line2 = EXCLUDED.address_line2, town = EXCLUDED.town, postcode = EXCLUDED.postcode,
                    nhs_number = EXCLUDED.nhs_number, supplied_uprn = EXCLUDED.supplied_uprn, details_hash = EXCLUDED.details_hash,
                    cleansed = EXCLUDED.cleansed, folded_forename = EXCLUDED.folded_forename, folded_surname = EXCLUDED.folded_surname,
                    forename_phonetic = EXCLUDED.forename_phonetic, surname_phonetic = EXCLUDED.surname_phonetic,
                    canonical_forenames = EXCLUDED.canonical_forenames, alias_names = EXCLUDED.alias_names,
                    dob_year = EXCLUDED.dob_year, dob_month = EXCLUDED.dob_month, dob_day = EXCLUDED.dob_day,
                    norm_postcode = EXCLUDED.norm_postcode, postcode_sector = EXCLUDED.postcode_sector,
                    postcode_district = EXCLUDED.postcode_district, address_key = EXCLUDED.address_key,
                    valid_nhs_number = EXCLUDED.valid_nhs_number, uprn = EXCLUDED.uprn, household_key = EXCLUDED.household_key,
                    retired_at = NULL, retired_by_import = NULL, last_import_id = EXCLUDED.last_import_id
                RETURNING id, source_record_id
                """, logger: logger)
            for try await (id, recordId) in rows.decode((Int64, String).self) { ids[recordId] = id }
            try await addToSearchVocabulary(batch, on: connection)
        }
        return ids
    }

    /// Retires the records with these ids that are live; returns how many. (The caller works out which from
    /// ``heldRecords(source:on:)``: a query here comparing the source's records with the file's ids depends on
    /// the planner's statistics, which are stale for rows written earlier in the same transaction.)
    public func retire(_ ids: [Int64], at now: Date, importId: Int64, on connection: PostgresConnection) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await connection.query(
            """
            WITH retired AS (
                UPDATE tracker_records SET retired_at = \(now), retired_by_import = \(importId)
                WHERE id = ANY(\(ids)::bigint[]) AND retired_at IS NULL
                RETURNING 1)
            SELECT count(*)::int FROM retired
            """, logger: logger
        ).collect().first!.decode(Int.self)
    }

    /// How many events a source holds.
    public func eventCount(source: String, on connection: PostgresConnection) async throws -> Int {
        try await connection.query("SELECT count(*)::int FROM tracker_events WHERE source_system = \(source)", logger: logger)
            .collect().first!.decode(Int.self)
    }

    /// Replaces the source's events by `events`, except those of records in `untouched` (named only by
    /// quarantined rows); returns how many were removed.
    public func replaceEvents(
        source: String, with events: [TrackerEventRow], recordIds: [String: Int64], untouched: [String],
        on connection: PostgresConnection
    ) async throws -> Int {
        let removed = try await connection.query(
            """
            WITH file AS (
                SELECT * FROM unnest(\(events.map(\.sourceRecordId))::text[], \(events.map(\.eventType))::text[],
                                     \(events.map(\.eventDate))::date[]) AS f(sid, et, ed)),
            removed AS (
                DELETE FROM tracker_events e
                WHERE e.source_system = \(source) AND NOT (e.source_record_id = ANY(\(untouched)::text[]))
                  AND NOT EXISTS (SELECT 1 FROM file f WHERE f.sid = e.source_record_id AND f.et = e.event_type AND f.ed = e.event_date)
                RETURNING 1)
            SELECT count(*)::int FROM removed
            """, logger: logger
        ).collect().first!.decode(Int.self)
        let withRecords = events.compactMap { event in recordIds[event.sourceRecordId].map { (event, $0) } }
        for batch in withRecords.chunked(5_000) {
            try await connection.query(
                """
                INSERT INTO tracker_events (record_id, source_system, source_record_id, event_type, category, event_date,
                                            lead_professional_name, lead_professional_phone, lead_professional_email)
                SELECT rid, \(source), sid, et, COALESCE(c.category, 'unknown'), ed, NULLIF(ln, ''), NULLIF(lp, ''), NULLIF(le, '')
                FROM unnest(\(batch.map(\.1))::bigint[], \(batch.map(\.0.sourceRecordId))::text[], \(batch.map(\.0.eventType))::text[],
                            \(batch.map(\.0.eventDate))::date[], \(batch.map(\.0.leadProfessionalName))::text[],
                            \(batch.map(\.0.leadProfessionalPhone))::text[], \(batch.map(\.0.leadProfessionalEmail))::text[])
                     AS f(rid, sid, et, ed, ln, lp, le)
                LEFT JOIN event_type_categories c ON c.code = f.et
                ON CONFLICT (source_system, source_record_id, event_type, event_date) DO UPDATE SET
                    record_id = EXCLUDED.record_id, lead_professional_name = EXCLUDED.lead_professional_name,
                    lead_professional_phone = EXCLUDED.lead_professional_phone, lead_professional_email = EXCLUDED.lead_professional_email
                WHERE (tracker_events.lead_professional_name, tracker_events.lead_professional_phone, tracker_events.lead_professional_email)
                      IS DISTINCT FROM (EXCLUDED.lead_professional_name, EXCLUDED.lead_professional_phone, EXCLUDED.lead_professional_email)
                """, logger: logger)
        }
        return removed
    }

    /// The ids of a source's live records, by source record id.
    public func liveRecordIds(source: String, on connection: PostgresConnection) async throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        let rows = try await connection.query(
            "SELECT id, source_record_id FROM tracker_records WHERE source_system = \(source) AND retired_at IS NULL", logger: logger)
        for try await (id, recordId) in rows.decode((Int64, String).self) { ids[recordId] = id }
        return ids
    }
}

extension Array {
    /// The array cut into consecutive slices of at most `size` elements.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
