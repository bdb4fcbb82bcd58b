import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import HubTracker
import Testing

/// Issue #18: a household that moved together (``LinkRule/householdMovedTogether``), as stored: the import links the
/// daughter's records at the old and the new home because her mother's records are at both, and the person view and
/// `hub tracker export-links --explain` read the other persons' households so that they name the rule the import
/// applied.
@Suite("A household that moved together, as stored")
struct TrackerHouseholdMoveTests {
    typealias F = TrackerFixtures

    /// Carys Price's health records at her old and new homes, one NHS number; her daughter Seren's children's social
    /// care records at both homes, her forename keyed `Serne` on the second and no gender on either (so that the pair
    /// falls short of the auto-link threshold at two addresses).
    static let feed = """
        \(F.header)
        PIP-UHB,M00900001,Carys,Price,1985-04-12,4 Stoops Fold,Down Park,PIP Town,PP2 5GN,9991112227,,AE_ATTENDANCE,2026-05-02,F,,,,
        PIP-UHB,M00900002,Carys,Price,1985-04-12,17 Hill View,,PIP Town,PP7 1AB,9991112227,,AE_ATTENDANCE,2026-09-10,F,,,,
        PIP-CSC,CSC0900001,Seren,Price,2015-09-03,4 Stoops Fold,Down Park,PIP Town,PP2 5GN,,,CSC_REFERRAL,2026-04-01,,,,,
        PIP-CSC,CSC0900002,Serne,Price,2015-09-03,17 Hill View,,PIP Town,PP7 1AB,,,CSC_REFERRAL,2026-10-01,,,,,
        """

    @Test(.timeLimit(.minutes(5)))
    func theDaughtersRecordsAreJoinedAndExplainedThroughHerMothersHomes() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            // A fixed model (four records estimate none worth having), saved as the import's model.
            var configuration = LinkageConfiguration()
            configuration.model = .standard
            configuration.termFrequencyAdjustments = false
            let url = try F.file(Self.feed)
            defer { try? FileManager.default.removeItem(at: url) }
            _ = try await FeedImporter(database: hub.environment.database, configuration: configuration).importFile(
                at: url, extractDate: F.extractDate, actor: nil, operator: "test", now: hub.clock.now())

            let mother = try #require(try await F.person(hub, "PIP-UHB", "M00900001"))
            #expect(try await F.person(hub, "PIP-UHB", "M00900002") == mother)
            let seren = try #require(try await F.person(hub, "PIP-CSC", "CSC0900001"))
            #expect(try await F.person(hub, "PIP-CSC", "CSC0900002") == seren)
            #expect(seren != mother)
            let homes = try await hub.environment.database.query(
                "SELECT DISTINCT household_key FROM tracker_records WHERE person_id = \(mother) ORDER BY household_key"
            ).map { try $0.decode(String.self) }
            #expect(homes.count == 2)

            // What the person view reads: for Seren's records, her mother's two homes; for her mother's, Seren's.
            let store = TrackerPersonStore(database: hub.environment.database)
            func records(of person: Int64) async throws -> [Int64] {
                try await hub.environment.database.query("SELECT id FROM tracker_records WHERE person_id = \(person) ORDER BY id")
                    .map { try $0.decode(Int64.self) }
            }
            let serenRecords = try await records(of: seren)
            #expect(try await store.linkInputs(recordIds: serenRecords, householdsAtMost: HouseholdMoves.widestPerson).householdsOfOthers == [homes])
            #expect(try await store.linkInputs(recordIds: try await records(of: mother), householdsAtMost: HouseholdMoves.widestPerson)
                .householdsOfOthers == [homes])
            // A person at more households than the limit connects none.
            #expect(try await store.linkInputs(recordIds: serenRecords, householdsAtMost: 1).householdsOfOthers.isEmpty)

            // The person view names the rule.
            let triage = try await hub.signIn("triage")
            let view = try await hub.request(.get, "/api/v1/tracker/persons/\(seren)", token: triage, headers: F.purpose)
            #expect(view.status == .ok, "\(view.text)")
            let why = try #require(view.json["why"] as? [String: Any])
            #expect(why["unexplainedRecords"] as? [Int] == [])
            let link = try #require((why["links"] as? [[String: Any]])?.first)
            #expect(link["kind"] as? String == "auto")
            #expect(link["rules"] as? [String] == ["household_moved_together"])

            // So does the export.
            let maintenance = TrackerMaintenanceStore(database: hub.environment.database)
            let inputs = try await maintenance.explanationInputs(householdsAtMost: HouseholdMoves.widestPerson)
            #expect(inputs.households.filter { $0.households == homes }.map(\.person).sorted() == [seren, mother].sorted())
            let (explainer, confirmed) = try #require(try PersonLinkExplainer.forExport(
                model: inputs.model, confirmed: inputs.confirmed, carriers: inputs.carriers, households: inputs.households,
                referenceYear: 2026))
            let written = ExportedText()
            _ = try await maintenance.exportLinks(explain: { group in try explainer.exportColumns(group, confirmed: confirmed) }) {
                written.append($0)
            }
            let second = try #require(written.value.split(separator: "\n").first { $0.hasPrefix("PIP-CSC,CSC0900002,") })
            #expect(second.contains(",auto,PIP-CSC CSC0900001,rules=household_moved_together; weight="), "\(second)")
        }
    }
}
