import Foundation
import HubData
@testable import HubBench
import HubServer
import HubTestSupport
import HubTracker
import Testing

/// What `hub bench tracker` sends: its searches are ones the API accepts, and the API finds what the store does.
@Suite("Tracker search benchmark")
struct TrackerSearchBenchTests {
    @Test func everyCriterionsSearchesGoThroughTheAPIAndFindWhatTheStoreFinds() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            try await TrackerFixtures.importText(hub, TrackerFixtures.example)
            let criteria = try await TrackerSearchBenchCriterion.all(hub.environment.database, count: 4)
            #expect(criteria.map(\.label) == [
                "name (typo)", "name swapped", "surname + birth year", "date of birth", "birth year-month", "address part", "postcode",
                "postcode sector", "reference id", "NHS number",
            ])
            let store = TrackerSearchStore(database: hub.environment.database)
            for criterion in criteria {
                #expect((1...4).contains(criterion.searches.count), "\(criterion.label)")
                for search in criterion.searches {
                    let body = try JSONSerialization.jsonObject(with: JSONEncoder().encode(TrackerSearchRequest(purpose: "benchmark", criteria: search)))
                    let reply = try await hub.request(.post, "/api/v1/tracker/search", token: triage, json: body)
                    #expect(reply.status == .ok, "\(criterion.label) \(search.searchedFor): \(reply.text)")
                    let persons = (reply.json["persons"] as? [[String: Any]] ?? []).compactMap { ($0["personId"] as? Int).map(Int64.init) }
                    let found = try await store.search(try search.terms())
                    #expect(persons == found.map(\.personId), "\(criterion.label) \(search.searchedFor)")
                }
            }
        }
    }
}
