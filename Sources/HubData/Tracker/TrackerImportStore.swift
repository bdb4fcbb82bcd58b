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

    /// For a load large against what is held: drops the plain search indexes of the records and events, and of
    /// the names, address keys and streets search matches fuzzily (their trigram indexes above all: adding 184,000
    /// address keys to the one of `tracker_addresses` took 4 s, building it afterwards 1.3 s), and the records'
    /// and events' foreign keys, until ``restoreIndexes(on:)`` builds and adds them again, in this transaction
    /// (migrations 010 and 017), and gives index building more memory. The functions run with the tables' owner's
    /// rights, for the tracker's tables only (migration 037). With `uniqueConstraints`, for a load that
    /// only copies new sources and upserts nothing, the records' and events' unique constraints other than the
    /// primary keys go too (migration 018). Until the transaction ends, other sessions wait to read these tables.
    /// Returns how many indexes, keys and constraints were dropped.
    public func suspendIndexes(uniqueConstraints: Bool = false, on connection: PostgresConnection) async throws -> Int {
        try await connection.query("SET LOCAL maintenance_work_mem = '256MB'", logger: logger)
        return try await connection.query(
            """
            SELECT tracker_suspend_indexes('tracker_records') + tracker_suspend_indexes('tracker_events')
                 + tracker_suspend_indexes('tracker_names') + tracker_suspend_indexes('tracker_addresses')
                 + tracker_suspend_indexes('tracker_streets')
                 + tracker_suspend_foreign_keys('tracker_records') + tracker_suspend_foreign_keys('tracker_events')
                 + CASE WHEN \(uniqueConstraints) THEN tracker_suspend_unique_constraints('tracker_records')
                                                    + tracker_suspend_unique_constraints('tracker_events') ELSE 0 END
            """, logger: logger
        ).collect().first!.decode(Int.self)
    }

    /// Builds again the indexes and adds again the keys ``suspendIndexes(on:)`` dropped; returns how many (none
    /// when none were dropped).
    public func restoreIndexes(on connection: PostgresConnection) async throws -> Int {
        try await connection.query("SELECT tracker_restore_indexes()", logger: logger).collect().first!.decode(Int.self)
    }

    /// Refreshes the planner's statistics of the records and events tables (after a large load, so the
    /// linking and alert queries that follow in the same transaction are planned for the rows now there). ANALYZE
    /// is the tables' owner's: the application's role asks the owner's function (migration 037).
    public func analyze(on connection: PostgresConnection) async throws {
        try await connection.query("SELECT tracker_analyze()", logger: logger)
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

    /// Makes the import's empty staging tables (temporary, dropped when the transaction ends): records and
    /// events are copied there (`COPY … FROM STDIN`, ``TrackerStagingText``), then written to the tracker's
    /// tables by one statement each (``upsertStagedRecords(importId:on:)``, ``replaceEventsFromStaging(source:untouched:on:)``).
    public func prepareStaging(on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            CREATE TEMPORARY TABLE IF NOT EXISTS tracker_record_staging (
                ss text, sid text, fn text, sn text, al text, dob text, g text, a1 text, a2 text, tw text, pc text, nhs text,
                su text, dh text, cl text, ffn text, fsn text, fp text, sp text, cf text, an text, y int, m int, d int, npc text,
                sec text, dis text, ak text, vn text, u bigint, hk text, id bigint, pid bigint, sa text) ON COMMIT DROP
            """, logger: logger)
        try await connection.query(
            """
            CREATE TEMPORARY TABLE IF NOT EXISTS tracker_event_staging (
                sid text, et text, ed date, ln text, lp text, le text) ON COMMIT DROP
            """, logger: logger)
        try await connection.query("TRUNCATE tracker_record_staging, tracker_event_staging", logger: logger)
    }

    /// Copies records into the empty record staging table: `writeData` writes ``TrackerStagingText`` text.
    public func stageRecords(on connection: PostgresConnection, _ writeData: (PostgresCopyFromWriter) async throws -> Void) async throws {
        try await connection.copyFrom(table: "tracker_record_staging", columns: TrackerStagingText.recordColumns,
                                      logger: logger, writeData: writeData)
    }

    /// Copies a new source's records straight into `tracker_records`: `writeData` writes
    /// ``TrackerStagingText/appendStored(_:importId:to:)`` text. Only for a source that holds no record yet, so
    /// none can conflict; the caller adds the names and address keys (``addSearchVocabulary(names:addressKeys:on:)``).
    public func copyRecords(on connection: PostgresConnection, _ writeData: (PostgresCopyFromWriter) async throws -> Void) async throws {
        try await connection.copyFrom(table: "tracker_records", columns: TrackerStagingText.storedRecordColumns,
                                      logger: logger, writeData: writeData)
    }

    /// Copies a new source's events straight into `tracker_events` (``TrackerStagingText/appendStored(_:recordId:sourceSystem:category:to:)``).
    public func copyEvents(on connection: PostgresConnection, _ writeData: (PostgresCopyFromWriter) async throws -> Void) async throws {
        try await connection.copyFrom(table: "tracker_events", columns: TrackerStagingText.storedEventColumns,
                                      logger: logger, writeData: writeData)
    }

    /// Adds names, address keys and the streets of those keys to the distinct values search matches fuzzily
    /// (migrations 011 and 019).
    public func addSearchVocabulary(names: [String], addressKeys: [String], on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO tracker_names (name) SELECT DISTINCT n FROM unnest(\(names)::text[]) AS n WHERE n <> '' ORDER BY n
            ON CONFLICT (name) DO NOTHING
            """, logger: logger)
        try await connection.query(
            """
            WITH added AS (
                INSERT INTO tracker_addresses (address_key) SELECT DISTINCT a FROM unnest(\(addressKeys)::text[]) AS a WHERE a <> '' ORDER BY a
                ON CONFLICT (address_key) DO NOTHING RETURNING street)
            INSERT INTO tracker_streets (street) SELECT DISTINCT street FROM added WHERE street <> '' ORDER BY street
            ON CONFLICT (street) DO NOTHING
            """, logger: logger)
    }

    /// Each event code's category (docs/feed-format.md); a code not here is in category `unknown`.
    public func eventCategories(on connection: PostgresConnection) async throws -> [String: String] {
        var categories: [String: String] = [:]
        for try await (code, category) in try await connection.query(
            "SELECT code, category FROM event_type_categories", logger: logger
        ).decode((String, String).self) {
            categories[code] = category
        }
        return categories
    }

    /// Copies events into the empty event staging table: `writeData` writes ``TrackerStagingText`` text.
    public func stageEvents(on connection: PostgresConnection, _ writeData: (PostgresCopyFromWriter) async throws -> Void) async throws {
        try await connection.copyFrom(table: "tracker_event_staging", columns: TrackerStagingText.eventColumns,
                                      logger: logger, writeData: writeData)
    }

    /// Inserts or updates the staged records (reinstating retired ones), in the order they were staged, and adds
    /// their names, address keys and streets to the distinct values search matches fuzzily (`tracker_names`,
    /// `tracker_addresses`, `tracker_streets`; migrations 011 and 019); returns each record's id by source record id. A staged id (one of
    /// ``reserveRecordIds(_:on:)``) is the new record's; a staged person is the record's (a record staged
    /// without one keeps the person it had, or has none until it is linked).
    public func upsertStagedRecords(importId: Int64, on connection: PostgresConnection) async throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        // A plain scan of a temporary table returns its rows in the order they were copied (never a synchronised
        // or parallel scan), so ids are given in that order.
        let rows = try await connection.query(
            """
            INSERT INTO tracker_records (id, person_id, source_system, source_record_id, forename, surname, aliases, date_of_birth, gender,
                address_line1, address_line2, town, postcode, nhs_number, supplied_uprn, details_hash, cleansed,
                folded_forename, folded_surname, forename_phonetic, surname_phonetic, canonical_forenames, alias_names,
                dob_year, dob_month, dob_day, norm_postcode, postcode_sector, postcode_district, address_key,
                valid_nhs_number, uprn, household_key, last_import_id, set_aside)
            SELECT COALESCE(NULLIF(id, 0), nextval('tracker_records_id_seq')), NULLIF(pid, 0),
                   ss, sid, NULLIF(fn, ''), NULLIF(sn, ''), CASE WHEN al = '' THEN '{}'::text[] ELSE string_to_array(al, '|') END,
                   NULLIF(dob, ''), NULLIF(g, ''), NULLIF(a1, ''), NULLIF(a2, ''), NULLIF(tw, ''), NULLIF(pc, ''),
                   NULLIF(nhs, ''), NULLIF(su, ''), dh, cl, NULLIF(ffn, ''), NULLIF(fsn, ''), NULLIF(fp, ''),
                   NULLIF(sp, ''), CASE WHEN cf = '' THEN '{}'::text[] ELSE string_to_array(cf, '|') END, an,
                   NULLIF(y, 0), NULLIF(m, 0), NULLIF(d, 0), NULLIF(npc, ''), NULLIF(sec, ''), NULLIF(dis, ''),
                   NULLIF(ak, ''), NULLIF(vn, ''), NULLIF(u, 0), NULLIF(hk, ''), \(importId),
                   CASE WHEN sa = '' THEN '{}'::text[] ELSE string_to_array(sa, '|') END
            FROM tracker_record_staging
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
                set_aside = EXCLUDED.set_aside,
                retired_at = NULL, retired_by_import = NULL, last_import_id = EXCLUDED.last_import_id,
                person_id = COALESCE(EXCLUDED.person_id, tracker_records.person_id)
            RETURNING id, source_record_id
            """, logger: logger)
        for try await (id, recordId) in rows.decode((Int64, String).self) { ids[recordId] = id }
        try await connection.query(
            """
            INSERT INTO tracker_names (name)
            SELECT name FROM (SELECT ffn AS name FROM tracker_record_staging UNION SELECT fsn FROM tracker_record_staging) n
            WHERE name <> '' ORDER BY name
            ON CONFLICT (name) DO NOTHING
            """, logger: logger)
        try await connection.query(
            """
            WITH added AS (
                INSERT INTO tracker_addresses (address_key)
                SELECT DISTINCT ak FROM tracker_record_staging
                WHERE ak <> '' ORDER BY ak
                ON CONFLICT (address_key) DO NOTHING RETURNING street)
            INSERT INTO tracker_streets (street) SELECT DISTINCT street FROM added WHERE street <> '' ORDER BY street
            ON CONFLICT (street) DO NOTHING
            """, logger: logger)
        return ids
    }

    /// `count` new record ids, consecutive, from the records' own sequence: for records linked before they are
    /// written (``upsertStagedRecords(importId:on:)`` stores them). Under the tracker's lock (``lock(on:)``),
    /// held by everything that writes records, nothing else draws from the sequence meanwhile.
    public func reserveRecordIds(_ count: Int, on connection: PostgresConnection) async throws -> [Int64] {
        guard count > 0 else { return [] }
        let last = try await connection.query(
            "SELECT setval('tracker_records_id_seq', nextval('tracker_records_id_seq') + \(count) - 1)", logger: logger
        ).collect().first!.decode(Int64.self)
        return Array((last - Int64(count) + 1)...last)
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

    /// How many events a source holds. (A scan of the events' own source column: joining the source's records, as
    /// the key of events by record (migration 021) might suggest, took 0.7 s against 0.15 s for a source of
    /// 1.3M events.)
    public func eventCount(source: String, on connection: PostgresConnection) async throws -> Int {
        try await connection.query("SELECT count(*)::int FROM tracker_events WHERE source_system = \(source)", logger: logger)
            .collect().first!.decode(Int.self)
    }

    /// Replaces the source's events by the staged ones, except those of records in `untouched` (named only by
    /// quarantined rows); a staged event whose record is not live is left out. Returns how many were removed.
    public func replaceEventsFromStaging(source: String, untouched: [String], on connection: PostgresConnection) async throws -> Int {
        // Statistics for the staged rows, so the anti-join and the join below are planned for their real size.
        try await connection.query("ANALYZE tracker_event_staging", logger: logger)
        let removed = try await connection.query(
            """
            WITH removed AS (
                DELETE FROM tracker_events e
                WHERE e.source_system = \(source) AND NOT (e.source_record_id = ANY(\(untouched)::text[]))
                  AND NOT EXISTS (SELECT 1 FROM tracker_event_staging f
                                  WHERE f.sid = e.source_record_id AND f.et = e.event_type AND f.ed = e.event_date)
                RETURNING 1)
            SELECT count(*)::int FROM removed
            """, logger: logger
        ).collect().first!.decode(Int.self)
        try await connection.query(
            """
            INSERT INTO tracker_events (record_id, source_system, source_record_id, event_type, category, event_date,
                                        lead_professional_name, lead_professional_phone, lead_professional_email)
            SELECT r.id, \(source), f.sid, f.et, COALESCE(c.category, 'unknown'), f.ed, NULLIF(f.ln, ''), NULLIF(f.lp, ''), NULLIF(f.le, '')
            FROM tracker_event_staging f
            JOIN tracker_records r ON r.source_system = \(source) AND r.source_record_id = f.sid AND r.retired_at IS NULL
            LEFT JOIN event_type_categories c ON c.code = f.et
            ON CONFLICT (record_id, event_type, event_date) DO UPDATE SET
                lead_professional_name = EXCLUDED.lead_professional_name,
                lead_professional_phone = EXCLUDED.lead_professional_phone, lead_professional_email = EXCLUDED.lead_professional_email
            WHERE (tracker_events.lead_professional_name, tracker_events.lead_professional_phone, tracker_events.lead_professional_email)
                  IS DISTINCT FROM (EXCLUDED.lead_professional_name, EXCLUDED.lead_professional_phone, EXCLUDED.lead_professional_email)
            """, logger: logger)
        return removed
    }
}
