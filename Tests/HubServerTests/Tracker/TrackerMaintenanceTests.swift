import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import HubTracker
import PostgresNIO
import Testing

/// The gazetteer import, the export of links and the purge of old interactions.
@Suite("Tracker gazetteer, link export and purge")
struct TrackerMaintenanceTests {
    typealias F = TrackerFixtures

    @Test func gazetteerExportAndPurge() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let gazetteer = try F.file("""
                uprn,address_line1,address_line2,town,postcode
                100100020017,"Flat 2, 10 High Street",Town Centre,PIP Town,PP1 3QT
                100100012345,1 Stoops Fold,Down Park,PIP Town,PP2 5GN

                """)
            let loaded = try await GazetteerImporter(database: hub.environment.database).importFile(at: gazetteer)
            #expect(loaded.loaded == 2)
            // Margaret's other layout of the address, without a UPRN, is given the gazetteer's.
            let moved = """
                \(F.header)
                PIP-ASC,ASC-0042,Peggy,Howells,1941-02-17,2/10 High St,,PIP Town,PP1 3QT,9993456780,,ASC_OPEN_CASE,2026-06-10,F,,Alun Price,01632 960300,alun.price@piphire-council.example
                PIP-ASC,ASC-0042,Peggy,Howells,1941-02-17,2/10 High St,,PIP Town,PP1 3QT,9993456780,,ADULT_SAFEGUARDING_ENQUIRY,2026-03-02,F,,Alun Price,01632 960300,alun.price@piphire-council.example

                """
            try await F.importText(hub, F.example)
            try await F.importText(hub, moved)
            #expect(try await F.scalar(hub, "SELECT uprn FROM tracker_records WHERE source_record_id = 'ASC-0042'", as: Int64?.self) == 100100020017)

            let written = ExportedText()
            let count = try await TrackerMaintenanceStore(database: hub.environment.database).exportLinks { written.append($0) }
            let exported = written.value
            #expect(count == 10)  // the example's 9 records (2 more since values are set aside, not quarantined) and Peggy's
            #expect(exported.hasPrefix("source_system,source_record_id,person_id,household_id,household_basis\n"))
            #expect(exported.split(separator: "\n").count == 11)

            let margaret = try #require(try await F.person(hub, "PIP-ASC", "ASC-0042"))
            let deleted = try await TrackerMaintenanceStore(database: hub.environment.database).purgeEvents(
                before: "2026-05-01",
                audit: AuditEvent(occurredAt: hub.clock.now(), requestId: nil, actor: nil, action: "tracker.purge", objectType: "tracker", objectId: nil))
            #expect(deleted == 4)  // Shira's two, Tomos's one, Peggy's enquiry
            let view = try await hub.request(.get, "/api/v1/tracker/persons/\(margaret)", token: triage, headers: F.purpose)
            #expect(view.json["purgedInteractions"] as? Int == 1)
        }
    }
}
