import Foundation
import HTTPTypes
import HubTestSupport
import Testing

/// `GET /api/v1/audit-events` (docs/openapi.yaml): administrators read the trail newest first, all of it or about
/// one object, up to `limit` (1–1000, default 100); the read is itself audited; nobody else reads it.
@Suite("Reading the audit trail")
struct AuditTrailRouteTests {
    static let purposeHeader = HTTPField.Name("X-Hub-Purpose")!

    static func items(_ reply: TestHub.Reply) -> [[String: Any]] { reply.json["items"] as? [[String: Any]] ?? [] }

    @Test func anAdministratorReadsTheTrailNewestFirstWholeOrAboutOneObject() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let created = try await hub.request(.post, "/api/v1/referrals", token: triage,
                                                json: WorkflowFixtures.c1(receivedAt: hub.clock.now().addingTimeInterval(-1800)))
            let referralId = try #require(created.json["id"] as? String)
            let read = try await hub.request(.get, "/api/v1/referrals/\(referralId)", token: triage, headers: [Self.purposeHeader: "Triage"])
            let admin = try await hub.signIn("admin")
            let audit = AuditWatch(hub: hub)

            // About one object: exactly its events, newest first, every documented field.
            let about = try await audit.expect(.ok, writes: [.init(action: "audit.read", by: "admin", objectType: "audit_event", detail: ["count": "2"])]) {
                try await hub.request(.get, "/api/v1/audit-events?objectType=referral&objectId=\(referralId)", token: admin)
            }
            let events = Self.items(about)
            #expect(events.compactMap { $0["action"] as? String } == ["referral.read", "referral.create"])
            let readEvent = try #require(events.first)
            #expect(readEvent["username"] as? String == "triage")
            #expect(readEvent["agencyCode"] as? String == "pip_childrens")
            #expect(readEvent["role"] as? String == "mash_triage")
            #expect(readEvent["objectType"] as? String == "referral")
            #expect(readEvent["objectId"] as? String == referralId)
            #expect(readEvent["purpose"] as? String == "Triage")
            #expect(readEvent["outcome"] as? String == "success")
            #expect(readEvent["requestId"] as? String == read.headers[AuditWatch.requestIdHeader])
            #expect(readEvent["occurredAt"] as? String == WorkflowFixtures.instant(hub.clock.now()))
            #expect(Set(readEvent.keys) == ["id", "occurredAt", "username", "agencyCode", "role", "action", "objectType", "objectId", "purpose",
                                            "outcome", "requestId"])
            #expect(events[1]["purpose"] == nil)  // a change has no purpose: left out, not an empty string

            // The whole trail: newest first, as many as asked (100 by default), starting at the newest event.
            let stored = try await hub.environment.database.query("SELECT count(*)::int, max(id) FROM audit_events").first!
                .decode((Int, Int64).self)
            let whole = Self.items(try await hub.request(.get, "/api/v1/audit-events", token: admin))
            #expect(whole.count == min(stored.0, 100))
            #expect(whole.first?["id"] as? Int64 == stored.1)
            let ids = whole.compactMap { $0["id"] as? Int64 }
            #expect(ids == ids.sorted(by: >) && Set(ids).count == ids.count)
            let two = Self.items(try await hub.request(.get, "/api/v1/audit-events?limit=2", token: admin))
            #expect(two.count == 2)
            #expect(two.first?["action"] as? String == "audit.read")  // the read just before is the newest

            // A limit out of range is 400 naming it; anyone but an administrator is refused (and that is audited).
            for limit in ["0", "1001", "many"] {
                let refused = try await hub.request(.get, "/api/v1/audit-events?limit=\(limit)", token: admin)
                #expect(refused.status == .badRequest, "limit=\(limit)")
                #expect((refused.json["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } == ["limit"], "limit=\(limit)")
            }
            for username in ["triage", "manager", "board", "police"] {
                let token = try await hub.signIn(username)
                try await audit.expect(.forbidden, writes: [.init(action: "access.denied", by: username, objectType: "route",
                                                                  objectId: "GET /api/v1/audit-events", outcome: "denied")]) {
                    try await hub.request(.get, "/api/v1/audit-events", token: token)
                }
            }
            #expect(try await hub.request(.get, "/api/v1/audit-events").status == .unauthorized)
        }
    }
}
