import Foundation
import HTTPTypes
import HubTestSupport
import Testing

/// Every agency a referral or a strategy discussion names is one of the partnership's agencies: a code no agency
/// has is refused with 422 naming the field, and nothing is stored.
@Suite("Agency references")
struct AgencyReferenceTests {
    @Test func aReferrerOfNoAgencyIsRefused() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            var body = WorkflowFixtures.c1(receivedAt: hub.clock.now().addingTimeInterval(-60))
            body["referrer"] = ["name": "Morwen Ellis", "role": "Health visitor", "agency": "no_such_agency", "phone": "01632 960123"]
            let reply = try await hub.request(.post, "/api/v1/referrals", token: triage, json: body)
            #expect(reply.status == .unprocessableContent)
            let errors = try #require(reply.json["errors"] as? [[String: String]])
            #expect(errors == [["field": "referrer.agency", "message": "is not an agency of the partnership"]])
            let stored = try await hub.environment.database.query("SELECT count(*)::int FROM referrals")
            #expect(try stored.first?.decode(Int.self) == 0)
        }
    }

    @Test func aDiscussionNamingNoAgencyIsRefusedFieldByField() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let created = try await hub.request(.post, "/api/v1/referrals", token: triage,
                                                json: WorkflowFixtures.c1(receivedAt: hub.clock.now().addingTimeInterval(-600)))
            let id = try #require(created.json["id"] as? String)
            let decided = try await hub.request(.post, "/api/v1/referrals/\(id)/decision", token: triage, json: [
                "kind": "meets_threshold", "rationale": "Partners hold information.", "ragRating": "amber",
            ], headers: [.ifMatch: "\"1\""])
            let incident = try #require((decided.json["incident"] as? [String: Any])?["id"] as? String)
            hub.clock.advance(by: 600)
            let reply = try await hub.request(.post, "/api/v1/incidents/\(incident)/strategy-discussions", token: triage, json: [
                "kind": "strategy_discussion", "heldAt": WorkflowFixtures.instant(hub.clock.now().addingTimeInterval(-60)),
                "chair": ["name": "Morgan Ellis", "agency": "no_chair_agency"],
                "attendees": [["name": "PC Dylan Price", "agency": "piphire_police"], ["name": "Nobody", "agency": "no_attendee_agency"]],
                "informationConsidered": "What partners shared.", "decisions": "Section 47 enquiry.",
                "actions": [["ownerAgency": "no_owner_agency", "description": "Home visit", "dueDate": "2026-12-24"]],
            ], headers: [.ifMatch: "\"1\""])
            #expect(reply.status == .unprocessableContent, "\(reply.text)")
            let fields = (reply.json["errors"] as? [[String: String]] ?? []).compactMap { $0["field"] }
            #expect(fields == ["chair.agency", "attendees[1].agency", "actions[0].ownerAgency"])
            let discussions = try await hub.environment.database.query("SELECT count(*)::int FROM strategy_discussions")
            #expect(try discussions.first?.decode(Int.self) == 0)
        }
    }
}
