import Foundation
import HubWorkflow
import HTTPTypes
import HubData
import HubTestSupport
import HubTracker
import PostgresNIO
import Testing

/// Bulk loads (indexes suspended and rebuilt, a new source copied straight into the tables) store and link what the
/// ordinary path does; and when a load is bulk.
@Suite("Tracker bulk loads")
struct TrackerBulkLoadTests {
    typealias F = TrackerFixtures

    @Test func bulkLoadBuildsTheIndexesAgainAndLinksAlike() async throws {
        let everyLoad = BulkLoadPolicy(minimumChanged: 1, minimumShare: 0)
        // The tables' indexes and constraints (a bulk load suspends their plain indexes and foreign keys).
        let indexes: PostgresQuery = """
            SELECT (SELECT string_agg(indexname || ' ' || indexdef, E'\n' ORDER BY indexname) FROM pg_indexes
                    WHERE tablename IN ('tracker_records', 'tracker_events', 'tracker_names', 'tracker_addresses', 'tracker_streets'))
                || E'\n' || (SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), E'\n' ORDER BY conname) FROM pg_constraint
                              WHERE conrelid IN ('tracker_records'::regclass, 'tracker_events'::regclass))
            """
        let persons: PostgresQuery = """
            SELECT source_system || '/' || source_record_id,
                   COALESCE((SELECT min(o.source_system || '/' || o.source_record_id) FROM tracker_records o
                             WHERE o.person_id = t.person_id), '')
            FROM tracker_records t ORDER BY 1
            """
        // What search matches fuzzily.
        let vocabulary: PostgresQuery = """
            SELECT (SELECT string_agg(name, ',' ORDER BY name) FROM tracker_names) || ' | '
                || (SELECT string_agg(address_key || '>' || street, ',' ORDER BY address_key) FROM tracker_addresses) || ' | '
                || (SELECT string_agg(street, ',' ORDER BY street) FROM tracker_streets)
            """
        struct Outcome: Sendable { let indexes: String, vocabulary: String, persons: [[String]], events: Int, report: FeedImportReport }
        let before = try await TestHub.run { (hub: TestHub) async throws -> Outcome in
            let report = try await F.importText(hub, F.example)
            #expect(report.phaseSeconds["indexes"] == nil)
            return Outcome(
                indexes: try await F.scalar(hub, indexes, as: String.self),
                vocabulary: try await F.scalar(hub, vocabulary, as: String.self),
                persons: try await hub.environment.database.query(persons).map { let (a, b) = try $0.decode((String, String).self); return [a, b] },
                events: try await F.scalar(hub, "SELECT count(*)::int FROM tracker_events", as: Int.self), report: report)
        }
        try await TestHub.run { (hub: TestHub) async throws in
            let report = try await F.importText(hub, F.example, bulkLoadPolicy: everyLoad)
            #expect(report.phaseSeconds["indexes"] != nil)
            #expect(try await F.scalar(hub, indexes, as: String.self) == before.indexes)
            #expect(before.indexes.contains("tracker_addresses_trgm") && before.indexes.contains("tracker_streets_trgm"))
            #expect(before.indexes.contains("tracker_records_household"))  // the person view's household lookup (migration 047)
            #expect(try await F.scalar(hub, vocabulary, as: String.self) == before.vocabulary)
            #expect(before.vocabulary.contains("flat 2, 10 high street>high street"))
            #expect(try await hub.environment.database.query(persons).map { let (a, b) = try $0.decode((String, String).self); return [a, b] } == before.persons)
            #expect(try await F.scalar(hub, "SELECT count(*)::int FROM tracker_events", as: Int.self) == before.events)
            #expect(report.linking == before.report.linking)
            #expect(report.sources == before.report.sources)
            // A later bulk load over what is held (one record changed) also restores every index.
            let changed = F.example.replacingOccurrences(of: "Tomos,Peters", with: "Tomas,Peters")
            let later = try await F.importText(hub, changed, date: CalendarDate(year: 2026, month: 11, day: 2)!, bulkLoadPolicy: everyLoad)
            #expect(later.sources["PIP-CSC"]?.recordsUpdated == 1)
            #expect(try await F.scalar(hub, indexes, as: String.self) == before.indexes)
            // Nothing suspended: restoring is a no-op.
            #expect(try await hub.environment.database.query("SELECT tracker_restore_indexes()").first!.decode(Int.self) == 0)
        }
    }

    @Test func aNewSourceCopiedDirectlyIsStoredAsThroughStaging() async throws {
        // The example and a row of awkward values (quotes, a tab, backslashes, a line break, `\N` spelled out,
        // aliases with a backslash): copied straight into the tables, and through the staging tables.
        let awkward = #"PIP-CSC,C\9,"Siân ""Sî""","O'Nei"# + "\t" + #"ll",2010-01-08,"Flat 2"# + "\n"
            + #"The Row",\N,Tŵn,PP2 5GN,,,CSC_REFERRAL,2026-03-14,F,"Dai\Dafydd|Ŵil",Gwen \ Morgan,,"#
        let text = F.example + awkward + "\n"
        let records: PostgresQuery = "SELECT (to_jsonb(t) - 'id')::text FROM tracker_records t ORDER BY source_system, source_record_id"
        let events: PostgresQuery = """
            SELECT (to_jsonb(e) - 'id' - 'record_id')::text || r.source_record_id FROM tracker_events e JOIN tracker_records r ON r.id = e.record_id
            ORDER BY e.source_system, e.source_record_id, e.event_type, e.event_date
            """
        let vocabulary: PostgresQuery = """
            SELECT (SELECT string_agg(name, ',' ORDER BY name) FROM tracker_names) || ';'
                || (SELECT string_agg(address_key, ',' ORDER BY address_key) FROM tracker_addresses)
            """
        struct Stored: Sendable, Equatable { let records: [String], events: [String], vocabulary: String, report: FeedImportReport }
        func load(directly: Bool) async throws -> Stored {
            try await TestHub.run { (hub: TestHub) async throws -> Stored in
                let report = try await F.importText(hub, text, bulkLoadPolicy: BulkLoadPolicy(copiesNewSourcesDirectly: directly))
                let database = hub.environment.database
                return Stored(records: try await database.query(records).map { try $0.decode(String.self) },
                              events: try await database.query(events).map { try $0.decode(String.self) },
                              vocabulary: try await F.scalar(hub, vocabulary, as: String.self), report: report)
            }
        }
        let direct = try await load(directly: true)
        let staged = try await load(directly: false)
        // The example's 9 records (with its values set aside, issue #18) and the awkward one; 14 + 1 events.
        #expect(direct.records.count == 10 && direct.events.count == 15)
        #expect(direct.records == staged.records)
        #expect(direct.events == staged.events)
        #expect(direct.vocabulary == staged.vocabulary)
        #expect(direct.report.sources == staged.report.sources)
        #expect(direct.report.linking == staged.report.linking)
    }

    @Test func bulkLoadPolicy() {
        let policy = BulkLoadPolicy()
        #expect(policy.applies(changed: 546_000, held: 0))
        #expect(!policy.applies(changed: 10, held: 0))
        #expect(!policy.applies(changed: 60_000, held: 1_000_000))
        #expect(policy.applies(changed: 400_000, held: 1_000_000))
        #expect(!BulkLoadPolicy(minimumChanged: 0, minimumShare: 0).applies(changed: 0, held: 5))
    }
}
