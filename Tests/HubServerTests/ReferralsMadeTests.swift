import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import Testing

/// Issue #20, first slice: every referral is acknowledged (reference, received time, what happens next; an
/// `acknowledged` timeline entry), and an agency lists the referrals it made with their decision, outcome and its own
/// actions, and nothing another agency shared.
@Suite("Referrals acknowledged, and the referrals an agency made")
struct ReferralsMadeTests {
    typealias F = WorkflowFixtures

    static var policeReferrer: [String: Any] { [
        "name": "PC Dylan Price", "role": "Response officer", "agency": "piphire_police", "phone": "01632 960999",
    ] }

    /// A C1 about Ceri Peters referred by the police.
    static func policeC1(receivedAt: Date, nhsNumber: String = "943 476 5919") -> [String: Any] {
        var body = F.c1(receivedAt: receivedAt, nhsNumber: nhsNumber)
        body["referrer"] = policeReferrer
        return body
    }

    static func items(_ reply: TestHub.Reply) -> [[String: Any]] { reply.json["items"] as? [[String: Any]] ?? [] }

    @Test func aPoliceReferralIsAcknowledgedAndListedToThePoliceOnly() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let admin = try await hub.signIn("admin")
            let created = try await hub.request(.post, "/api/v1/users", token: admin, json: [
                "username": "sian.lewis", "displayName": "PC Sian Lewis", "agency": "piphire_police", "role": "partner_responder",
                "password": "a long enough password",
            ])
            #expect(created.status == .created, "\(created.text)")
            let police = try await hub.signIn("police")
            let received = hub.clock.now().addingTimeInterval(-1800)

            // A partner refers only as its own agency.
            let asHealth = try await hub.request(.post, "/api/v1/referrals", token: police, json: F.c1(receivedAt: received))
            #expect(asHealth.status == .unprocessableContent)
            #expect(((asHealth.json["errors"] as? [[String: Any]])?.first?["field"] as? String) == "referrer.agency")

            let reply = try await hub.request(.post, "/api/v1/referrals", token: police, json: Self.policeC1(receivedAt: received))
            #expect(reply.status == .created, "\(reply.text)")
            let referralId = try #require(reply.json["id"] as? String)
            let reference = try #require(reply.json["reference"] as? String)
            #expect(reference == "R-000001")
            let acknowledgement = try #require(reply.json["acknowledgement"] as? [String: Any])
            #expect(acknowledgement["reference"] as? String == reference)
            #expect(acknowledgement["nextStep"] as? String == "children_threshold_decision")
            #expect(acknowledgement["whatHappensNext"] as? String
                == "Children's services in the MASH will decide whether the concern meets the threshold for multi-agency information sharing.")
            #expect(acknowledgement["receivedAt"] as? String == F.instant(received))
            #expect(acknowledgement["acknowledgedAt"] as? String == F.instant(hub.clock.now()))

            let kinds = try await hub.environment.database.query(
                "SELECT kind FROM timeline_events WHERE referral_id = \(UUID(uuidString: referralId)!) ORDER BY occurred_at, id"
            ).map { try $0.decode(String.self) }
            #expect(kinds == ["received", "acknowledged"])

            // Another user of the same agency sees it at once.
            let sian = try await hub.signIn("sian.lewis", password: "a long enough password")
            var listed = try await hub.request(.get, "/api/v1/referrals-made", token: sian)
            #expect(listed.status == .ok, "\(listed.text)")
            var items = Self.items(listed)
            #expect(items.count == 1)
            #expect(items.first?["reference"] as? String == reference)
            #expect(items.first?["form"] as? String == "c1")
            #expect(items.first?["status"] as? String == "received")
            #expect(items.first?["decision"] == nil)
            #expect((items.first?["outcomes"] as? [Any])?.count == 0)
            #expect(listed.json["nextCursor"] == nil)

            // The MASH decides, the partners share, a discussion records its outcome and actions for both agencies.
            let triage = try await hub.signIn("triage")
            let etag = try #require(try await hub.request(.get, "/api/v1/referrals/\(referralId)", token: triage).headers[.eTag])
            let decided = try await hub.request(.post, "/api/v1/referrals/\(referralId)/decision", token: triage, json: [
                "kind": "meets_threshold", "rationale": "Partners hold information about the family.", "ragRating": "amber",
                "shareWith": ["piphire_police", "piphire_uhb"], "holdStrategyDiscussion": true,
            ], headers: [.ifMatch: etag])
            #expect(decided.status == .ok, "\(decided.text)")
            let decidedAt = F.instant(hub.clock.now())
            let incidentId = try #require((decided.json["incident"] as? [String: Any])?["id"] as? String)
            let health = try await hub.signIn("health")
            let healthRequest = try #require(Self.items(try await hub.request(.get, "/api/v1/share-requests", token: health)).first?["id"] as? String)
            let answered = try await hub.request(.post, "/api/v1/share-requests/\(healthRequest)/response", token: health,
                                                 json: ["kind": "information_shared", "information": "Zebra-health-answer: two A&E visits."])
            #expect(answered.status == .created, "\(answered.text)")
            hub.clock.advance(by: 600)
            let incidentETag = try #require(try await hub.request(.get, "/api/v1/incidents/\(incidentId)", token: triage).headers[.eTag])
            let heldAt = F.instant(hub.clock.now())
            let recorded = try await hub.request(.post, "/api/v1/incidents/\(incidentId)/strategy-discussions", token: triage, json: [
                "kind": "strategy_discussion", "heldAt": heldAt,
                "chair": ["name": "Morgan Ellis", "agency": "pip_childrens"],
                "attendees": [["name": "PC Dylan Price", "agency": "piphire_police"], ["name": "Nia Howells", "agency": "piphire_uhb"]],
                "informationConsidered": "Police calls to the address; health's answer.",
                "decisions": "Section 47 enquiry.", "outcome": "child_protection_enquiry",
                "actions": [
                    ["ownerAgency": "piphire_police", "description": "Visit the address with children's services", "dueDate": "2026-12-20"],
                    ["ownerAgency": "piphire_uhb", "description": "Zebra-health-action: review the clinic notes", "dueDate": "2026-12-18"],
                ],
            ], headers: [.ifMatch: incidentETag])
            #expect(recorded.status == .created, "\(recorded.text)")

            let sianAgain = try await hub.signIn("sian.lewis", password: "a long enough password")
            listed = try await hub.request(.get, "/api/v1/referrals-made", token: sianAgain)
            items = Self.items(listed)
            #expect(items.count == 1)
            #expect(items.first?["status"] as? String == "threshold_met")
            let decision = try #require(items.first?["decision"] as? [String: Any])
            #expect(decision["kind"] as? String == "meets_threshold")
            #expect(decision["decidedAt"] as? String == decidedAt)
            let outcomes = try #require(items.first?["outcomes"] as? [[String: Any]])
            #expect(outcomes.map { $0["outcome"] as? String } == ["child_protection_enquiry"])
            #expect(outcomes.first?["heldAt"] as? String == heldAt)
            let actions = try #require(items.first?["actions"] as? [[String: Any]])
            #expect(actions.map { $0["description"] as? String } == ["Visit the address with children's services"])
            #expect(actions.first?["dueDate"] as? String == "2026-12-20")
            #expect(actions.first?["state"] as? String == "open")
            // Nothing another agency shared or owns, and no subject (the reference identifies the referral).
            #expect(listed.text.contains("Zebra") == false)
            #expect(listed.text.contains("Ceri") == false)
            #expect(listed.text.contains("Peters") == false)
            #expect(listed.text.contains("hungry") == false)

            // Health made no referral: police's is not in its list.
            let healthList = try await hub.request(.get, "/api/v1/referrals-made", token: try await hub.signIn("health"))
            #expect(healthList.status == .ok)
            #expect(Self.items(healthList).count == 0)

            // The board and administrators see no casework.
            #expect(try await hub.request(.get, "/api/v1/referrals-made", token: try await hub.signIn("board")).status == .forbidden)
            #expect(try await hub.request(.get, "/api/v1/referrals-made", token: try await hub.signIn("admin")).status == .forbidden)

            // Every read is audited: sian twice, health once (the refusals are audited as denied, not as reads).
            let reads = try await hub.environment.database.query(
                "SELECT agency_code, outcome, detail->>'count' FROM audit_events WHERE action = 'referral.list_made' ORDER BY id"
            ).map { try $0.decode((String, String, String?).self) }
            #expect(reads.map(\.0) == ["piphire_police", "piphire_police", "piphire_uhb"])
            #expect(reads.map(\.1) == ["success", "success", "success"])
            #expect(reads.map(\.2) == ["1", "1", "0"])
        }
    }

    @Test func pagesNewestReceivedFirstWithoutOverlap() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            // The MASH takes five referrals from the police by phone; one from health.
            let triage = try await hub.signIn("triage")
            let now = hub.clock.now()
            var references: [(Date, String)] = []
            for minutes in [50, 10, 40, 20, 30] {
                let received = now.addingTimeInterval(Double(-60 * minutes))
                let reply = try await hub.request(.post, "/api/v1/referrals", token: triage, json: Self.policeC1(receivedAt: received))
                #expect(reply.status == .created, "\(reply.text)")
                references.append((received, try #require(reply.json["reference"] as? String)))
            }
            #expect(try await hub.request(.post, "/api/v1/referrals", token: triage, json: F.c1(receivedAt: now.addingTimeInterval(-60))).status == .created)
            let newestFirst = references.sorted { $0.0 > $1.0 }.map(\.1)

            let police = try await hub.signIn("police")
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let uri = "/api/v1/referrals-made?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await hub.request(.get, uri, token: police)
                #expect(page.status == .ok, "\(page.text)")
                seen += Self.items(page).compactMap { $0["reference"] as? String }
                cursor = page.json["nextCursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(seen == newestFirst)
            #expect(Set(seen).count == 5)

            let bad = try await hub.request(.get, "/api/v1/referrals-made?limit=0", token: police)
            #expect(bad.status == .badRequest)
        }
    }

    @Test func thePartnersScreensOpenTheIntakeAndAnEmptyListButTheBoardIsRefused() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let cookie = ScreenSecurityTests.cookie
            let (police, _) = try await ScreenSecurityTests.signIn(hub, "police")
            let home = try await hub.request(.get, "/inbox", headers: [cookie: police])
            #expect(home.text.contains(#"href="/referrals-made""#))
            #expect(home.text.contains(#"href="/referrals/new""#))
            let intake = try await hub.request(.get, "/referrals/new", headers: [cookie: police])
            #expect(intake.status == .ok)
            #expect(intake.text.contains(#"<option value="piphire_police" selected"#), "the referrer's agency starts as the user's")
            let empty = try await hub.request(.get, "/referrals-made", headers: [cookie: police])
            #expect(empty.status == .ok)
            #expect(empty.text.contains("Your agency has not made any referrals yet."))
            let (board, _) = try await ScreenSecurityTests.signIn(hub, "board")
            #expect(try await hub.request(.get, "/referrals-made", headers: [cookie: board]).status == .forbidden)
        }
    }
}
