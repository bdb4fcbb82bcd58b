import Foundation
import HTTPTypes
import HubTestSupport
import Testing

/// A decision is ratified by another person than the one who made it (four eyes).
@Suite("Ratification: four eyes")
struct FourEyesTests {
    @Test func aManagerCannotRatifyTheirOwnDecisionButAnotherCan() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let admin = try await hub.signIn("admin")
            let added = try await hub.request(.post, "/api/v1/users", token: admin, json: [
                "username": "second.manager", "displayName": "Rhian Lloyd (MASH manager)", "agency": "pip_childrens",
                "role": "mash_manager", "password": "another long password",
            ])
            #expect(added.status == .created)
            let manager = try await hub.signIn("manager")
            let created = try await hub.request(.post, "/api/v1/referrals", token: manager,
                                                json: WorkflowFixtures.c1(receivedAt: hub.clock.now().addingTimeInterval(-60)))
            let id = try #require(created.json["id"] as? String)
            let decided = try await hub.request(.post, "/api/v1/referrals/\(id)/decision", token: manager, json: [
                "kind": "no_further_action", "rationale": "Needs met by the school's pastoral support.",
            ], headers: [.ifMatch: "\"1\""])
            #expect(decided.json["status"] as? String == "awaiting_ratification")
            let own = try await hub.request(.post, "/api/v1/referrals/\(id)/ratification", token: manager, json: ["verdict": "ratified"],
                                            headers: [.ifMatch: "\"2\""])
            #expect(own.status == .forbidden)
            #expect(own.json["detail"] as? String == "A decision is ratified by another person than the one who made it (four eyes).")
            let other = try await hub.request(.post, "/api/v1/referrals/\(id)/ratification", token: try await hub.signIn("second.manager", password: "another long password"),
                                              json: ["verdict": "ratified"], headers: [.ifMatch: "\"2\""])
            #expect(other.status == .ok, "\(other.text)")
            #expect(other.json["status"] as? String == "ratified")
        }
    }
}
