import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import HubTracker
import PostgresNIO
import Testing

/// The tracker through its importer and the API, on a real database, with fictional Piphire people.
@Suite("Tracker: import, linking, search and views")
struct TrackerTests {
    static let header = TrackerExtracts.header

    /// The example of docs/feed-format.md (extract date 2026-11-01).
    static let example = TrackerExtracts.example

    static let extractDate = TrackerExtracts.extractDate
    static let purpose: HTTPFields = [HTTPField.Name("X-Hub-Purpose")!: "MASH enquiry R-000001"]

    static func file(_ text: String) throws -> URL { try TrackerExtracts.file(text) }

    @discardableResult
    static func importText(
        _ hub: TestHub, _ text: String, date: CalendarDay = extractDate, bulkLoadPolicy: BulkLoadPolicy = BulkLoadPolicy()
    ) async throws -> FeedImportReport {
        try await TrackerExtracts.importText(hub, text, date: date, bulkLoadPolicy: bulkLoadPolicy)
    }

    static func scalar<T: PostgresDecodable & Sendable>(_ hub: TestHub, _ query: PostgresQuery, as type: T.Type) async throws -> T {
        try await hub.environment.database.query(query).first!.decode(T.self)
    }

    static func person(_ hub: TestHub, _ system: String, _ id: String) async throws -> Int64? {
        try await scalar(hub, "SELECT person_id FROM tracker_records WHERE source_system = \(system) AND source_record_id = \(id)", as: Int64?.self)
    }

    @Test func exampleExtractQuarantinesEachReasonAndReports() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            _ = try await hub.signIn("admin")  // waits for start-up (migrations)
            let report = try await Self.importText(hub, Self.example)
            #expect(report.rowsRead == 16)
            #expect(report.rowsLoaded == 10)
            #expect(report.rowsQuarantined == 5)
            #expect(report.outsideWindow == 1)
            #expect(report.quarantined == ["missing_id": 1, "unparseable_date": 1, "impossible_date": 1, "bad_nhs_check_digit": 1,
                                           "malformed_postcode": 1])
            #expect(report.unknownEventCodes == ["PIP-CSC EARLY_HELP": 1])
            let stored = try await hub.environment.database.query("SELECT line, reason FROM quarantined_rows ORDER BY line")
                .map { try $0.decode((Int, String).self) }
            #expect(stored.map(\.0) == [11, 12, 14, 15, 16])
            #expect(stored.map(\.1) == ["bad_nhs_check_digit", "unparseable_date", "missing_id", "malformed_postcode", "impossible_date"])
            // Record NOM/00077125's only row was quarantined: not created. NOM/00077124 exists from line 13.
            #expect(try await Self.scalar(hub, "SELECT count(*)::int FROM tracker_records WHERE source_record_id = 'NOM/00077125'", as: Int.self) == 0)
            #expect(try await Self.scalar(hub, "SELECT nhs_number FROM tracker_records WHERE source_record_id = 'NOM/00077124'", as: String?.self) == "9994567896")
            #expect(try await Self.scalar(hub, "SELECT count(*)::int FROM tracker_records", as: Int.self) == 7)
            #expect(try await Self.scalar(hub, "SELECT count(*)::int FROM tracker_events", as: Int.self) == 10)
            #expect(try await Self.scalar(hub, "SELECT postcode FROM tracker_records WHERE source_record_id = 'CSC0010671'", as: String?.self) == "PP2 5GN")
            #expect(try await Self.scalar(hub, "SELECT event_type || ':' || category FROM tracker_events WHERE source_record_id = 'CSC0010673'", as: String.self) == "EARLY_HELP:unknown")
            // Margaret's details are those of her in-window row (line 7).
            #expect(try await Self.scalar(hub, "SELECT forename FROM tracker_records WHERE source_record_id = 'M00598812'", as: String?.self) == "Margaret")
            // Shira's children's and health records are one person (same NHS number and address).
            let shira = try await Self.person(hub, "PIP-CSC", "CSC0010670")
            #expect(shira != nil)
            #expect(shira == (try await Self.person(hub, "PIP-UHB", "M00412233")))
            #expect(shira != (try await Self.person(hub, "PIP-CSC", "CSC0010671")))
        }
    }

    @Test func wholeFileRejections() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            _ = try await hub.signIn("admin")
            await #expect(throws: FeedRejection.self) { try await Self.importText(hub, "source_system,source_record_id\nPIP-CSC,1\n") }
            await #expect(throws: FeedRejection.self) { try await Self.importText(hub, Self.header + "\n") }
            var invalid = Data((Self.header + "\nPIP-CSC,C1,").utf8)
            invalid.append(contentsOf: [0xFF, 0xFE])
            invalid.append(contentsOf: Data(",Peters,,,,,,,,CSC_REFERRAL,2026-03-14,F,,,,\n".utf8))
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("tracker-test-\(UUID().uuidString).csv")
            try invalid.write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            await #expect(throws: FeedRejection.self) {
                try await FeedImporter(database: hub.environment.database).importFile(
                    at: url, extractDate: Self.extractDate, actor: nil, operator: "test", now: hub.clock.now())
            }
            #expect(try await Self.scalar(hub, "SELECT count(*)::int FROM feed_imports", as: Int.self) == 0)
        }
    }

    @Test func reimportingChangesNothing() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            _ = try await hub.signIn("admin")
            let first = try await Self.importText(hub, Self.example)
            let persons = try await hub.environment.database.query("SELECT source_record_id, person_id FROM tracker_records ORDER BY 1")
                .map { try $0.decode((String, Int64?).self) }
            let again = try await Self.importText(hub, Self.example)
            #expect(again.alreadyImported)
            #expect(again.importId == first.importId)
            // The same content with other bytes (CRLF line endings): recognised record by record.
            let crlf = try await Self.importText(hub, Self.example.replacingOccurrences(of: "\n", with: "\r\n"))
            #expect(!crlf.alreadyImported)
            #expect(crlf.rowsRead == 16)
            for report in crlf.sources.values {
                #expect(report.recordsAdded == 0 && report.recordsUpdated == 0 && report.recordsRetired == 0 && report.recordsReinstated == 0)
                #expect(report.eventsAdded == 0 && report.eventsRemoved == 0)
            }
            let after = try await hub.environment.database.query("SELECT source_record_id, person_id FROM tracker_records ORDER BY 1")
                .map { try $0.decode((String, Int64?).self) }
            #expect(after.map(\.0) == persons.map(\.0))
            #expect(after.map(\.1) == persons.map(\.1))
            #expect(try await Self.scalar(hub, "SELECT count(*)::int FROM tracker_events", as: Int.self) == 10)
        }
    }

    @Test func awkwardValuesAreStoredAsSuppliedAndReimportAsUnchanged() async throws {
        // Quotes, a tab, backslashes, a line break inside a quoted field, non-ASCII, `\N` spelled out and empty
        // values (stored as NULL): each goes through the staging COPY and comes back as the file gave it.
        let row = #"PIP-CSC,C\1,"Siân ""Sî""","O'Nei"# + "\t" + #"ll",2010-01-08,"Flat 2"# + "\n"
            + #"The Row",\N,Tŵn,PP2 5GN,,,CSC_REFERRAL,2026-03-14,F,"Dai\Dafydd|Ŵil",Gwen \ Morgan,,"#
        let text = Self.header + "\n" + row + "\n"
        try await TestHub.run { (hub: TestHub) async throws in
            let first = try await Self.importText(hub, text)
            #expect(first.rowsLoaded == 1 && first.rowsQuarantined == 0)
            let stored = try await hub.environment.database.query(
                """
                SELECT source_record_id, forename, surname, address_line1, address_line2, town, aliases, nhs_number, folded_forename
                FROM tracker_records
                """).first!.decode((String, String?, String?, String?, String?, String?, [String], String?, String?).self)
            #expect(stored.0 == "C\\1")
            #expect(stored.1 == "Siân \"Sî\"")
            #expect(stored.2 == "O'Nei\tll")
            #expect(stored.3 == "Flat 2\nThe Row")
            #expect(stored.4 == "\\N")
            #expect(stored.5 == "Tŵn")
            #expect(stored.6 == ["Dai\\Dafydd", "Ŵil"])
            #expect(stored.7 == nil)
            #expect(stored.8 != nil)
            let lead = try await Self.scalar(hub, "SELECT lead_professional_name FROM tracker_events", as: String?.self)
            #expect(lead == "Gwen \\ Morgan")
            #expect(try await Self.scalar(hub, "SELECT lead_professional_phone IS NULL FROM tracker_events", as: Bool.self))
            let again = try await Self.importText(hub, text + "\n")
            #expect(!again.alreadyImported)
            let report = try #require(again.sources["PIP-CSC"])
            #expect(report.recordsUnchanged == 1 && report.recordsUpdated == 0 && report.eventsUnchanged == 1 && report.eventsAdded == 0)
        }
    }

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
            let report = try await Self.importText(hub, Self.example)
            #expect(report.phaseSeconds["indexes"] == nil)
            return Outcome(
                indexes: try await Self.scalar(hub, indexes, as: String.self),
                vocabulary: try await Self.scalar(hub, vocabulary, as: String.self),
                persons: try await hub.environment.database.query(persons).map { let (a, b) = try $0.decode((String, String).self); return [a, b] },
                events: try await Self.scalar(hub, "SELECT count(*)::int FROM tracker_events", as: Int.self), report: report)
        }
        try await TestHub.run { (hub: TestHub) async throws in
            let report = try await Self.importText(hub, Self.example, bulkLoadPolicy: everyLoad)
            #expect(report.phaseSeconds["indexes"] != nil)
            #expect(try await Self.scalar(hub, indexes, as: String.self) == before.indexes)
            #expect(before.indexes.contains("tracker_addresses_trgm") && before.indexes.contains("tracker_streets_trgm"))
            #expect(try await Self.scalar(hub, vocabulary, as: String.self) == before.vocabulary)
            #expect(before.vocabulary.contains("flat 2, 10 high street>high street"))
            #expect(try await hub.environment.database.query(persons).map { let (a, b) = try $0.decode((String, String).self); return [a, b] } == before.persons)
            #expect(try await Self.scalar(hub, "SELECT count(*)::int FROM tracker_events", as: Int.self) == before.events)
            #expect(report.linking == before.report.linking)
            #expect(report.sources == before.report.sources)
            // A later bulk load over what is held (one record changed) also restores every index.
            let changed = Self.example.replacingOccurrences(of: "Tomos,Peters", with: "Tomas,Peters")
            let later = try await Self.importText(hub, changed, date: CalendarDay(year: 2026, month: 11, day: 2)!, bulkLoadPolicy: everyLoad)
            #expect(later.sources["PIP-CSC"]?.recordsUpdated == 1)
            #expect(try await Self.scalar(hub, indexes, as: String.self) == before.indexes)
            // Nothing suspended: restoring is a no-op.
            #expect(try await hub.environment.database.query("SELECT tracker_restore_indexes()").first!.decode(Int.self) == 0)
        }
    }

    @Test func aNewSourceCopiedDirectlyIsStoredAsThroughStaging() async throws {
        // The example and a row of awkward values (quotes, a tab, backslashes, a line break, `\N` spelled out,
        // aliases with a backslash): copied straight into the tables, and through the staging tables.
        let awkward = #"PIP-CSC,C\9,"Siân ""Sî""","O'Nei"# + "\t" + #"ll",2010-01-08,"Flat 2"# + "\n"
            + #"The Row",\N,Tŵn,PP2 5GN,,,CSC_REFERRAL,2026-03-14,F,"Dai\Dafydd|Ŵil",Gwen \ Morgan,,"#
        let text = Self.example + awkward + "\n"
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
                let report = try await Self.importText(hub, text, bulkLoadPolicy: BulkLoadPolicy(copiesNewSourcesDirectly: directly))
                let database = hub.environment.database
                return Stored(records: try await database.query(records).map { try $0.decode(String.self) },
                              events: try await database.query(events).map { try $0.decode(String.self) },
                              vocabulary: try await Self.scalar(hub, vocabulary, as: String.self), report: report)
            }
        }
        let direct = try await load(directly: true)
        let staged = try await load(directly: false)
        #expect(direct.records.count == 8 && direct.events.count == 11)
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

    @Test func laterExtractReplacesTheSourceSnapshot() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            _ = try await hub.signIn("admin")
            try await Self.importText(hub, Self.example)
            // PIP-CSC sends again without Tomos (CSC0010671) and with one more event for Shira.
            let later = """
                \(Self.header)
                PIP-CSC,CSC0010670,Shira,Peters,2010-01-08,1 Stoops Fold,Down Park,PIP Town,PP2 5GN,9992345675,100100012345,CSC_REFERRAL,2026-03-14,F,,Gwen Morgan,01632 960412,gwen.morgan@piphire-council.example
                PIP-CSC,CSC0010670,Shira,Peters,2010-01-08,1 Stoops Fold,Down Park,PIP Town,PP2 5GN,9992345675,100100012345,CHILD_PROTECTION_PLAN,2026-11-10,F,,Gwen Morgan,01632 960412,gwen.morgan@piphire-council.example
                PIP-CSC,CSC0010673,Rhys,Peters,2016-04-11,1 Stoops Fold,Down Park,PIP Town,PP2 5GN,,100100012345,EARLY_HELP,2026-06-01,M,,Gwen Morgan,01632 960412,gwen.morgan@piphire-council.example

                """
            let report = try await Self.importText(hub, later, date: CalendarDay(year: 2026, month: 11, day: 15)!)
            let csc = try #require(report.sources["PIP-CSC"])
            #expect(csc.recordsRetired == 1)
            #expect(csc.recordsUnchanged == 2)
            #expect(csc.eventsAdded == 1)
            #expect(csc.eventsRemoved == 2)  // Shira's CHILD_IN_NEED and Tomos's referral
            #expect(report.sources["PIP-UHB"] == nil)
            #expect(try await Self.scalar(hub, "SELECT retired_at IS NOT NULL FROM tracker_records WHERE source_record_id = 'CSC0010671'", as: Bool.self))
            #expect(try await Self.scalar(hub, "SELECT count(*)::int FROM tracker_records WHERE source_system = 'PIP-UHB' AND retired_at IS NULL", as: Int.self) == 2)
            // A stale extract for PIP-CSC is refused whole.
            await #expect(throws: FeedRejection.self) { try await Self.importText(hub, Self.example + "\n") }
            // Tomos comes back: reinstated under the same identity.
            let back = try await Self.importText(hub, later + Self.example.split(separator: "\n")[3] + "\n", date: CalendarDay(year: 2026, month: 11, day: 16)!)
            #expect(back.sources["PIP-CSC"]?.recordsReinstated == 1)
            #expect(try await Self.scalar(hub, "SELECT retired_at IS NULL FROM tracker_records WHERE source_record_id = 'CSC0010671'", as: Bool.self))
        }
    }

    @Test func rejectedReviewKeepsRecordsApartAfterRelinking() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            try await Self.importText(hub, Self.example)
            let a = try await Self.scalar(hub, "SELECT id FROM tracker_records WHERE source_record_id = 'CSC0010670'", as: Int64.self)
            let b = try await Self.scalar(hub, "SELECT id FROM tracker_records WHERE source_record_id = 'M00412233'", as: Int64.self)
            #expect(try await Self.person(hub, "PIP-CSC", "CSC0010670") == (try await Self.person(hub, "PIP-UHB", "M00412233")))
            try await hub.environment.database.query(
                """
                INSERT INTO link_reviews (record_a, record_b, score, probability, explanation, created_at)
                VALUES (\(min(a, b)), \(max(a, b)), 3.0, 0.9, '{}'::jsonb, now())
                """)
            let list = try await hub.request(.get, "/api/v1/tracker/reviews", token: triage)
            #expect(list.status == .ok, "\(list.text)")
            let items = try #require(list.json["items"] as? [[String: Any]])
            let reviewId = try #require(items.first?["id"] as? Int)
            let rejected = try await hub.request(.post, "/api/v1/tracker/reviews/\(reviewId)", token: triage, json: ["decision": "reject"])
            #expect(rejected.status == .noContent, "\(rejected.text)")
            let again = try await hub.request(.post, "/api/v1/tracker/reviews/\(reviewId)", token: triage, json: ["decision": "confirm"])
            #expect(again.status == .conflict)
            #expect(try await Self.scalar(hub, "SELECT count(*)::int FROM do_not_link", as: Int.self) == 1)
            #expect(try await Self.person(hub, "PIP-CSC", "CSC0010670") != (try await Self.person(hub, "PIP-UHB", "M00412233")))
            // A full relink honours the pair.
            _ = try await hub.environment.database.transaction { connection in
                try await TrackerLinking(logger: hub.environment.logger).relinkAll(at: hub.clock.now(), on: connection)
            }
            #expect(try await Self.person(hub, "PIP-CSC", "CSC0010670") != (try await Self.person(hub, "PIP-UHB", "M00412233")))
        }
    }

    func search(_ hub: TestHub, _ token: String, _ criteria: [String: Any]) async throws -> [[String: Any]] {
        var body = criteria
        body["purpose"] = "MASH enquiry R-000001"
        let reply = try await hub.request(.post, "/api/v1/tracker/search", token: token, json: body)
        #expect(reply.status == .ok, "\(reply.text)")
        return reply.json["persons"] as? [[String: Any]] ?? []
    }

    func topRecordIds(_ persons: [[String: Any]]) -> [String] {
        ((persons.first?["records"] as? [[String: Any]]) ?? []).compactMap { $0["sourceRecordId"] as? String }
    }

    @Test func searchByEachCriterion() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            try await Self.importText(hub, Self.example)
            // A typo in both names.
            #expect(topRecordIds(try await search(hub, triage, ["forename": "Shirra", "surname": "Petres"])).contains("CSC0010670"))
            // A whole name, phonetically spelt.
            #expect(topRecordIds(try await search(hub, triage, ["name": "Margret Howels"])).contains("M00598812"))
            // A nickname.
            #expect(topRecordIds(try await search(hub, triage, ["forename": "Peggy", "surname": "Howells"])).contains("M00598812"))
            // Forename and surname swapped.
            #expect(topRecordIds(try await search(hub, triage, ["forename": "Howells", "surname": "Margaret"])).contains("M00598812"))
            // Partial dates of birth.
            #expect(topRecordIds(try await search(hub, triage, ["dateOfBirth": "1941"])) == ["M00598812"])
            #expect(topRecordIds(try await search(hub, triage, ["dateOfBirth": "1985-11"])) == ["NOM/00077123"])
            #expect(topRecordIds(try await search(hub, triage, ["dateOfBirth": "2013-06-21"])) == ["CSC0010671"])
            // Part of an address, a postcode, a postcode prefix.
            let flat = try await search(hub, triage, ["address": "10 High St"])
            #expect(topRecordIds(flat).contains("M00598812"))
            #expect(try await search(hub, triage, ["postcode": "pp25gn"]).count == 5)
            let prefix = try await search(hub, triage, ["postcode": "PP1"])
            #expect(prefix.count == 1 && topRecordIds(prefix) == ["M00598812"])
            // Reference id and NHS number.
            #expect(topRecordIds(try await search(hub, triage, ["referenceId": "NOM/00077123"])) == ["NOM/00077123"])
            let nhs = topRecordIds(try await search(hub, triage, ["nhsNumber": "999 234 5675"]))
            #expect(Set(nhs) == ["CSC0010670", "M00412233"])
            // Combined: the name and date of birth put the right Peters first.
            #expect(topRecordIds(try await search(hub, triage, ["surname": "Peters", "dateOfBirth": "2016"])) == ["CSC0010673"])
            // Addresses come back too.
            let reply = try await hub.request(.post, "/api/v1/tracker/search", token: triage,
                                              json: ["purpose": "MASH enquiry", "postcode": "PP2 5GN"])
            let addresses = try #require(reply.json["addresses"] as? [[String: Any]])
            #expect(addresses.contains { ($0["uprn"] as? Int) == 100100012345 })
            // The search is audited with its purpose and the criteria used (not their values).
            let events = try await hub.environment.audit.recent(limit: 50).filter { $0.action == "tracker.search" }
            #expect(events.count == 14)
            #expect(events.allSatisfy { $0.purpose?.hasPrefix("MASH enquiry") == true })
            // ... and the persons it showed.
            let shown = (reply.json["persons"] as? [[String: Any]] ?? []).compactMap { $0["personId"] as? Int }.map(String.init)
            let recorded = try await hub.environment.database.query(
                """
                SELECT detail->>'person_ids', detail->>'persons' FROM audit_events
                WHERE action = 'tracker.search' AND detail->>'criteria' = 'postcode' ORDER BY id DESC LIMIT 1
                """).first!.decode((String, String).self)
            #expect(!shown.isEmpty)
            #expect(recorded.0 == shown.joined(separator: ","))
            #expect(recorded.1 == String(shown.count))
        }
    }

    @Test func searchAmongManyOfACommonSurnameRanksTheBestFirst() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            // More Joneses than search looks at for one name alone, then one Nia Jones imported last.
            let forenames = ["Alun", "Bethan", "Carys", "Dylan", "Eleri", "Ffion", "Gareth", "Huw", "Iwan", "Lowri"]
            var lines = [Self.header]
            for i in 0..<240 {
                let dateOfBirth = String(format: "%04d-%02d-15", 1950 + i / 12, i % 12 + 1)
                lines.append("PIP-UHB,M9\(String(format: "%06d", i)),\(forenames[i % 10]),Jones,\(dateOfBirth),\(i + 1) Long Row,,PIP Town,"
                             + "PP3 1AB,,,AE_ATTENDANCE,2026-10-01,F,,,,")
            }
            lines.append("PIP-UHB,M9999999,Nia,Jones,1990-05-17,7 Short Row,,PIP Town,PP3 1AB,,,AE_ATTENDANCE,2026-10-01,F,,,,")
            try await Self.importText(hub, lines.joined(separator: "\n") + "\n")
            // The surname alone: a page of Joneses.
            let joneses = try await search(hub, triage, ["surname": "Jones"])
            #expect(joneses.count == 20)
            #expect(joneses.allSatisfy { (($0["records"] as? [[String: Any]]) ?? []).allSatisfy { $0["surname"] as? String == "Jones" } })
            // The full name with a typo, or the surname and a partial date of birth, put her first.
            #expect(topRecordIds(try await search(hub, triage, ["forename": "Nia", "surname": "Jonse"])) == ["M9999999"])
            #expect(topRecordIds(try await search(hub, triage, ["forename": "Jones", "surname": "Nia"])) == ["M9999999"])
            #expect(topRecordIds(try await search(hub, triage, ["surname": "Jones", "dateOfBirth": "1990-05"])) == ["M9999999"])
            #expect(topRecordIds(try await search(hub, triage, ["forename": "Nia"])) == ["M9999999"])
            // A name and an address first seen in a later extract are matched fuzzily too.
            let later = """
                \(Self.header)
                PIP-EDU,EDU-70001,Zephaniah,Quillfeather,2012-02-02,99 Lighthouse Approach,,PIP Town,PP3 1AB,,,WAS_NOT_BROUGHT,2026-11-05,M,,,,

                """
            try await Self.importText(hub, later, date: CalendarDay(year: 2026, month: 11, day: 10)!)
            #expect(topRecordIds(try await search(hub, triage, ["forename": "Zefaniah", "surname": "Quilfeather"])) == ["EDU-70001"])
            #expect(topRecordIds(try await search(hub, triage, ["address": "99 Lighthous Approach"])) == ["EDU-70001"])
            #expect(try await Self.scalar(hub, "SELECT count(*) FROM tracker_names WHERE name IN ('nia', 'jones', 'zephaniah', 'quillfeather')",
                                          as: Int64.self) == 4)
        }
    }

    @Test(arguments: [true, false])
    func searchByAddressLooksOnTheNearestStreets(copiesNewSourcesDirectly: Bool) async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            // Twenty-four households on one street (more than contain a house number, so a text that contains none
            // of them is looked for nearly), one on a street of the same type, one flat.
            let forenames = ["Alun", "Bethan", "Carys", "Dylan", "Eleri", "Ffion", "Gareth", "Huw"]
            var lines = [Self.header]
            for number in 1...24 {
                lines.append("PIP-UHB,N\(number),\(forenames[number % 8]),Nantes\(String(UnicodeScalar(UInt8(64 + number)))),"
                             + "1980-01-\(String(format: "%02d", number)),\(number) Nant Cres,,PIP Town,PP3 1AB,,,AE_ATTENDANCE,2026-10-01,F,,,,")
            }
            lines.append("PIP-UHB,OAK4,Owain,Derwen,1975-05-05,4 Oak Crescent,,PIP Town,PP3 1AC,,,AE_ATTENDANCE,2026-10-01,M,,,,")
            lines.append("PIP-UHB,FLAT2,Margaret,Howells,1941-02-17,\"Flat 2, 10 High St\",,PIP Town,PP1 3QT,,,AE_ATTENDANCE,2026-10-01,F,,,,")
            try await Self.importText(hub, lines.joined(separator: "\n") + "\n",
                                      bulkLoadPolicy: BulkLoadPolicy(copiesNewSourcesDirectly: copiesNewSourcesDirectly))
            // The distinct streets, whichever way the records were written.
            let streets = try await hub.environment.database.query("SELECT street FROM tracker_streets ORDER BY street")
                .map { try $0.decode(String.self) }
            #expect(streets == ["high street", "nant crescent", "oak crescent"])
            // A typo in the street: the address on the nearest street comes first, not 4 Oak Crescent.
            let typo = try await search(hub, triage, ["address": "4 Nant Cresent"])
            #expect(topRecordIds(typo) == ["N4"])
            #expect(typo.allSatisfy { (($0["records"] as? [[String: Any]]) ?? []).allSatisfy { $0["sourceRecordId"] as? String != "OAK4" } })
            // An address typed the way a feed wrote it, in another layout than its key's, scores in full.
            let flat = try await search(hub, triage, ["address": "Flat 2 10 High Street"])
            #expect(topRecordIds(flat) == ["FLAT2"])
            #expect((flat.first?["score"] as? NSNumber)?.doubleValue == 3)
            #expect(topRecordIds(try await search(hub, triage, ["address": "2/10 high st"])) == ["FLAT2"])
        }
    }

    @Test func theStreetOfAnAddressKeyIsTheCleansersStreet() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            _ = try await hub.signIn("admin")  // waits for start-up (migrations)
            let cleanser = AddressCleanser()
            // Each layout of CleansedAddress.key, and what migration 019 reads as its street.
            let cases: [([String], String)] = [
                (["Flat 2, 10 High St"], "high street"), (["2/10 High Street"], "high street"), (["10 High St"], "high street"),
                (["10-12 Mill Ln"], "mill lane"), (["10a Saint Marys Rd"], "saint marys road"),
                (["Rose Cottage", "High Street"], "high street"), (["Flat 3", "Rose Cottage", "Mill Lane"], "mill lane"),
                (["Rose Cottage"], "rose cottage"), (["Flat A", "10"], ""), (["5"], ""),
            ]
            for (lines, street) in cases {
                let address = cleanser.cleanse(lines: lines)
                let key = try #require(address.key, "\(lines)")
                let read = try await Self.scalar(hub, "SELECT tracker_street_of(\(key))", as: String.self)
                #expect(read == street, "\(lines) → \(key)")
                if let cleansed = address.street { #expect(read == cleansed, "\(lines)") }
            }
        }
    }

    @Test func searchNeedsAPurposeAndTheRightRole() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let noPurpose = try await hub.request(.post, "/api/v1/tracker/search", token: triage, json: ["surname": "Peters"])
            #expect(noPurpose.status == .unprocessableContent)
            #expect(noPurpose.text.contains("purpose"))
            let nothing = try await hub.request(.post, "/api/v1/tracker/search", token: triage, json: ["purpose": "enquiry"])
            #expect(nothing.status == .unprocessableContent)
            let unknownField = try await hub.request(.post, "/api/v1/tracker/search", token: triage,
                                                     json: ["purpose": "enquiry", "surname": "Peters", "shoeSize": 9])
            #expect(unknownField.status == .unprocessableContent)
            let anonymous = try await hub.request(.post, "/api/v1/tracker/search", json: ["purpose": "enquiry", "surname": "Peters"])
            #expect(anonymous.status == .unauthorized)
            for user in ["board", "police", "admin"] {
                let token = try await hub.signIn(user)
                let reply = try await hub.request(.post, "/api/v1/tracker/search", token: token, json: ["purpose": "enquiry", "surname": "Peters"])
                #expect(reply.status == .forbidden, "\(user)")
                #expect(try await hub.request(.get, "/api/v1/tracker/persons/1", token: token, headers: Self.purpose).status == .forbidden)
            }
            let manager = try await hub.signIn("manager")
            #expect(try await hub.request(.post, "/api/v1/tracker/search", token: manager,
                                          json: ["purpose": "enquiry", "surname": "Peters"]).status == .ok)
            // Feeds: administrators only.
            let upload = try await hub.request(.post, "/api/v1/feeds?extractDate=2026-11-01", token: triage, rawBody: Self.example)
            #expect(upload.status == .forbidden)
            #expect(try await hub.request(.post, "/api/v1/feeds", rawBody: Self.example).status == .unauthorized)
        }
    }

    @Test func adminUploadsAnExtract() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let admin = try await hub.signIn("admin")
            let upload = try await hub.request(.post, "/api/v1/feeds?extractDate=2026-11-01&fileName=example.csv", token: admin, rawBody: Self.example)
            #expect(upload.status == .created, "\(upload.text)")
            #expect(upload.json["rowsLoaded"] as? Int == 10)
            #expect(upload.json["rowsQuarantined"] as? Int == 5)
            let again = try await hub.request(.post, "/api/v1/feeds?extractDate=2026-11-01", token: admin, rawBody: Self.example)
            #expect(again.status == .ok)
            #expect(again.json["alreadyImported"] as? Bool == true)
            let bad = try await hub.request(.post, "/api/v1/feeds", token: admin, rawBody: "just,a,header\n")
            #expect(bad.status == .unprocessableContent)
            let audited = try await hub.environment.audit.recent(limit: 20).filter { $0.action == "tracker.feed_import" }
            #expect(audited.count == 2)
            #expect(audited.allSatisfy { $0.username == "admin" })
        }
    }

    @Test func personAndAddressViews() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            try await Self.importText(hub, Self.example)
            let shira = try #require(try await Self.person(hub, "PIP-CSC", "CSC0010670"))
            let missingPurpose = try await hub.request(.get, "/api/v1/tracker/persons/\(shira)", token: triage)
            #expect(missingPurpose.status == .unprocessableContent)
            let reply = try await hub.request(.get, "/api/v1/tracker/persons/\(shira)", token: triage, headers: Self.purpose)
            #expect(reply.status == .ok, "\(reply.text)")
            let identities = try #require(reply.json["identities"] as? [[String: Any]])
            #expect(Set(identities.compactMap { $0["sourceRecordId"] as? String }) == ["CSC0010670", "M00412233"])
            let agencies = try #require(reply.json["agencies"] as? [[String: Any]])
            #expect(agencies.compactMap { $0["sourceSystem"] as? String } == ["PIP-CSC", "PIP-UHB"])
            #expect(agencies.compactMap { $0["interactions"] as? Int } == [2, 2])
            let csc = try #require(agencies.first?["events"] as? [[String: Any]])
            #expect(csc.first?["leadProfessionalName"] as? String == "Gwen Morgan")
            #expect(csc.first?["leadProfessionalPhone"] as? String == "01632 960412")
            let months = try #require(reply.json["activityByMonth"] as? [[String: Any]])
            #expect(months.compactMap { $0["month"] as? String } == ["2026-03", "2026-04", "2026-09", "2026-10"])
            #expect(try await hub.request(.get, "/api/v1/tracker/persons/999999", token: triage, headers: Self.purpose).status == .notFound)
            let audit = try await hub.environment.audit.events(objectType: "person", objectId: String(shira))
            #expect(audit.first?.action == "tracker.person.read")
            #expect(audit.first?.purpose == "MASH enquiry R-000001")
            #expect(audit.first?.username == "triage")

            let house = try await hub.request(.get, "/api/v1/tracker/addresses/100100012345", token: triage, headers: Self.purpose)
            #expect(house.status == .ok, "\(house.text)")
            let members = try #require(house.json["members"] as? [[String: Any]])
            let ids = Set(members.flatMap { ($0["identities"] as? [[String: Any]] ?? []).compactMap { $0["sourceRecordId"] as? String } })
            #expect(ids.isSuperset(of: ["CSC0010670", "CSC0010671", "NOM/00077123", "NOM/00077124", "CSC0010673"]))
            #expect(try await hub.environment.audit.events(objectType: "address", objectId: "100100012345").first?.purpose == "MASH enquiry R-000001")
        }
    }

    @Test func newRecordsInALaterExtractJoinTheirPersonIncrementally() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            _ = try await hub.signIn("admin")
            let first = try await Self.importText(hub, Self.example)
            #expect(first.linking.fullRun)
            let education = """
                \(Self.header)
                PIP-EDU,EDU-55512,Shira,Peters,2010-01-08,1 Stoops Fold,Down Park,PIP Town,PP2 5GN,9992345675,,WAS_NOT_BROUGHT,2026-11-05,F,,Ms Ffion Hughes,01632 960777,ffion.hughes@piphire-schools.example

                """
            // The model from 7 records is trusted here, so that the incremental path is what is tested.
            var configuration = LinkageConfiguration()
            configuration.smallestIncrementalModelSample = 7
            let url = try Self.file(education)
            defer { try? FileManager.default.removeItem(at: url) }
            let report = try await FeedImporter(database: hub.environment.database, configuration: configuration).importFile(
                at: url, extractDate: CalendarDay(year: 2026, month: 11, day: 10)!, actor: nil, operator: "test", now: hub.clock.now())
            #expect(!report.linking.fullRun)
            #expect(report.linking.recordsLinked == 1)
            #expect(try await Self.person(hub, "PIP-EDU", "EDU-55512") == (try await Self.person(hub, "PIP-CSC", "CSC0010670")))
        }
    }

    @Test func gazetteerExportAndPurge() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let gazetteer = try Self.file("""
                uprn,address_line1,address_line2,town,postcode
                100100020017,"Flat 2, 10 High Street",Town Centre,PIP Town,PP1 3QT
                100100012345,1 Stoops Fold,Down Park,PIP Town,PP2 5GN

                """)
            let loaded = try await GazetteerImporter(database: hub.environment.database).importFile(at: gazetteer)
            #expect(loaded.loaded == 2)
            // Margaret's other layout of the address, without a UPRN, is given the gazetteer's.
            let moved = """
                \(Self.header)
                PIP-ASC,ASC-0042,Peggy,Howells,1941-02-17,2/10 High St,,PIP Town,PP1 3QT,9993456780,,ASC_OPEN_CASE,2026-06-10,F,,Alun Price,01632 960300,alun.price@piphire-council.example
                PIP-ASC,ASC-0042,Peggy,Howells,1941-02-17,2/10 High St,,PIP Town,PP1 3QT,9993456780,,ADULT_SAFEGUARDING_ENQUIRY,2026-03-02,F,,Alun Price,01632 960300,alun.price@piphire-council.example

                """
            try await Self.importText(hub, Self.example)
            try await Self.importText(hub, moved)
            #expect(try await Self.scalar(hub, "SELECT uprn FROM tracker_records WHERE source_record_id = 'ASC-0042'", as: Int64?.self) == 100100020017)

            var exported = ""
            let count = try await TrackerMaintenanceStore(database: hub.environment.database).exportLinks { exported += $0 }
            #expect(count == 8)
            #expect(exported.hasPrefix("source_system,source_record_id,person_id\n"))
            #expect(exported.split(separator: "\n").count == 9)

            let margaret = try #require(try await Self.person(hub, "PIP-ASC", "ASC-0042"))
            let deleted = try await TrackerMaintenanceStore(database: hub.environment.database).purgeEvents(
                before: "2026-05-01",
                audit: AuditEvent(occurredAt: hub.clock.now(), requestId: nil, actor: nil, action: "tracker.purge", objectType: "tracker", objectId: nil))
            #expect(deleted == 4)  // Shira's two, Tomos's one, Peggy's enquiry
            let view = try await hub.request(.get, "/api/v1/tracker/persons/\(margaret)", token: triage, headers: Self.purpose)
            #expect(view.json["purgedInteractions"] as? Int == 1)
        }
    }

    @Test func referralShowsTrackerCandidatesPerSubject() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            try await Self.importText(hub, Self.example)
            let created = try await hub.request(.post, "/api/v1/referrals", token: triage,
                                                json: WorkflowFixtures.c1(receivedAt: hub.clock.now().addingTimeInterval(-600)))
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.json["id"] as? String)
            let read = try await hub.request(.get, "/api/v1/referrals/\(id)", token: triage, headers: Self.purpose)
            let panels = try #require(read.json["tracker"] as? [[String: Any]])
            #expect(panels.count == 2)
            // Subject 1 is Shira Peters: the tracker's Shira is among her candidates, with a score.
            let candidates = try #require(panels[1]["candidates"] as? [[String: Any]])
            #expect(candidates.contains { $0["forename"] as? String == "Shira" && ($0["score"] as? Double ?? 0) > 0 })
        }
    }
}
