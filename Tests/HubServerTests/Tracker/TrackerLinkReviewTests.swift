import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import HubTracker
import PostgresNIO
import Testing

/// A link review decided through the API, and what a full relink does with it.
@Suite("Tracker link reviews")
struct TrackerLinkReviewTests {
    typealias F = TrackerFixtures

    @Test func rejectedReviewKeepsRecordsApartAfterRelinking() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            try await F.importText(hub, F.example)
            let a = try await F.scalar(hub, "SELECT id FROM tracker_records WHERE source_record_id = 'CSC0010670'", as: Int64.self)
            let b = try await F.scalar(hub, "SELECT id FROM tracker_records WHERE source_record_id = 'M00412233'", as: Int64.self)
            #expect(try await F.person(hub, "PIP-CSC", "CSC0010670") == (try await F.person(hub, "PIP-UHB", "M00412233")))
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
            #expect(try await F.scalar(hub, "SELECT count(*)::int FROM do_not_link", as: Int.self) == 1)
            #expect(try await F.person(hub, "PIP-CSC", "CSC0010670") != (try await F.person(hub, "PIP-UHB", "M00412233")))
            // A full relink honours the pair.
            _ = try await hub.environment.database.transaction { connection in
                try await TrackerLinking(logger: hub.environment.logger).relinkAll(at: hub.clock.now(), on: connection)
            }
            #expect(try await F.person(hub, "PIP-CSC", "CSC0010670") != (try await F.person(hub, "PIP-UHB", "M00412233")))
        }
    }
}
