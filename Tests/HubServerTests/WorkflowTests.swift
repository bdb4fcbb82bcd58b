import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import Testing

@Suite("Workflow through the API")
struct WorkflowTests {
    typealias F = WorkflowFixtures

    func create(_ hub: TestHub, _ token: String, _ body: [String: Any]) async throws -> (id: String, etag: String) {
        let reply = try await hub.request(.post, "/api/v1/referrals", token: token, json: body)
        #expect(reply.status == .created, "\(reply.text)")
        return (try #require(reply.json["id"] as? String), try #require(reply.headers[.eTag]))
    }

    func incidentETag(_ hub: TestHub, _ token: String, _ id: String) async throws -> String {
        try #require(try await hub.request(.get, "/api/v1/incidents/\(id)", token: token).headers[.eTag])
    }

    @Test func aC1FromReceiptToClosed() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            var triage = try await hub.signIn("triage")
            let received = hub.clock.now().addingTimeInterval(-1800)
            let (referralId, etag) = try await create(hub, triage, F.c1(receivedAt: received))

            let read = try await hub.request(.get, "/api/v1/referrals/\(referralId)", token: triage, headers: [HTTPField.Name("X-Hub-Purpose")!: "triage"])
            #expect(read.json["status"] as? String == "received")
            #expect(read.json["service"] as? String == "children")
            #expect(read.json["reference"] as? String == "R-000001")

            let decided = try await hub.request(.post, "/api/v1/referrals/\(referralId)/decision", token: triage, json: [
                "kind": "meets_threshold", "rationale": "Repeated neglect indicators; partners hold information.", "ragRating": "amber",
                "shareWith": ["piphire_police", "piphire_uhb"], "holdStrategyDiscussion": true,
            ], headers: [.ifMatch: etag])
            #expect(decided.status == .ok, "\(decided.text)")
            #expect(decided.json["status"] as? String == "threshold_met")
            let incidentId = try #require((decided.json["incident"] as? [String: Any])?["id"] as? String)

            var incident = try await hub.request(.get, "/api/v1/incidents/\(incidentId)", token: triage)
            #expect(incident.json["state"] as? String == "sharing")
            #expect(incident.json["rag"] as? String == "amber")
            let requests = try #require(incident.json["shareRequests"] as? [[String: Any]])
            #expect(requests.count == 2)

            // Each partner sees and answers only its own agency's request.
            let police = try await hub.signIn("police")
            let policeInbox = try await hub.request(.get, "/api/v1/share-requests?state=requested", token: police)
            let policeItems = try #require(policeInbox.json["items"] as? [[String: Any]])
            #expect(policeItems.count == 1)
            #expect(policeItems.first?["agency"] as? String == "piphire_police")
            let policeRequestId = try #require(policeItems.first?["id"] as? String)
            let sharedSubjects = try #require(policeItems.first?["subjects"] as? [[String: Any]])
            #expect(sharedSubjects.first?["surname"] as? String == "Peters")
            #expect(policeInbox.text.contains("hungry") == false)  // the concern summary is not shared
            #expect(policeInbox.text.contains("Morwen") == false)  // nor the referrer

            let health = try await hub.signIn("health")
            let healthItems = try #require(try await hub.request(.get, "/api/v1/share-requests", token: health).json["items"] as? [[String: Any]])
            let healthRequestId = try #require(healthItems.first?["id"] as? String)
            #expect(try await hub.request(.get, "/api/v1/share-requests/\(healthRequestId)", token: police).status == .forbidden)
            let crossAnswer = try await hub.request(.post, "/api/v1/share-requests/\(healthRequestId)/response", token: police,
                                                    json: ["kind": "nothing_known"])
            #expect(crossAnswer.status == .forbidden)

            hub.clock.advance(by: 3600)  // sessions idle out after 30 minutes: sign in again
            let (police2, health2, triage2) = (try await hub.signIn("police"), try await hub.signIn("health"), try await hub.signIn("triage"))
            let answer = try await hub.request(.post, "/api/v1/share-requests/\(policeRequestId)/response", token: police2,
                                               json: ["kind": "information_shared", "information": "Two 101 calls from the address in October."])
            #expect(answer.status == .created)
            #expect(answer.json["answeredOnTime"] as? Bool == true)
            let healthAnswer = try await hub.request(.post, "/api/v1/share-requests/\(healthRequestId)/response", token: health2,
                                                     json: ["kind": "nothing_known"])
            #expect(healthAnswer.status == .created)
            let again = try await hub.request(.post, "/api/v1/share-requests/\(healthRequestId)/response", token: health2, json: ["kind": "nothing_known"])
            #expect(again.status == .conflict)

            // Strategy discussion with an outcome, then close.
            hub.clock.advance(by: 20 * 60)
            triage = triage2
            let discussion: [String: Any] = [
                "kind": "strategy_discussion", "heldAt": F.instant(hub.clock.now().addingTimeInterval(-600)),
                "chair": ["name": "Morgan Ellis", "agency": "pip_childrens"],
                "attendees": [["name": "PC Dylan Price", "agency": "piphire_police"], ["name": "Nia Howells", "agency": "piphire_uhb"]],
                "informationConsidered": "Police calls; health has nothing further.", "decisions": "Section 47 enquiry to start today.",
                "outcome": "child_protection_enquiry",
                "actions": [["ownerAgency": "pip_childrens", "description": "Home visit", "dueDate": "2026-12-01"]],
            ]
            let recorded = try await hub.request(.post, "/api/v1/incidents/\(incidentId)/strategy-discussions", token: triage, json: discussion,
                                                 headers: [.ifMatch: try await incidentETag(hub, triage, incidentId)])
            #expect(recorded.status == .created, "\(recorded.text)")
            #expect(recorded.json["state"] as? String == "outcome_recorded")

            let closed = try await hub.request(.patch, "/api/v1/incidents/\(incidentId)", token: triage, json: ["state": "closed"],
                                               headers: [.ifMatch: try await incidentETag(hub, triage, incidentId)])
            #expect(closed.status == .ok)
            #expect(closed.json["state"] as? String == "closed")

            incident = try await hub.request(.get, "/api/v1/incidents/\(incidentId)/timeline", token: triage)
            let kinds = (incident.json["events"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
            #expect(kinds == ["received", "acknowledged", "decided", "rated", "requests_sent", "requests_sent", "strategy_discussion_decided",
                              "answered", "answered", "discussed", "outcome", "closed"])
        }
    }

    @Test func aPPNWithDASH15GoesToADailyDiscussionAndMARAC() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let (referralId, etag) = try await create(hub, triage, F.ppn(receivedAt: hub.clock.now().addingTimeInterval(-600), dashScore: 15))
            let read = try await hub.request(.get, "/api/v1/referrals/\(referralId)", token: triage)
            #expect((read.json["dash"] as? [String: Any])?["riskLevel"] as? String == "high")
            #expect(read.json["service"] as? String == "adults")
            let decided = try await hub.request(.post, "/api/v1/referrals/\(referralId)/decision", token: triage, json: [
                "kind": "meets_threshold", "rationale": "High-risk DASH.", "ragRating": "red",
            ], headers: [.ifMatch: etag])
            let incidentId = try #require((decided.json["incident"] as? [String: Any])?["id"] as? String)
            let discussion: [String: Any] = [
                "kind": "domestic_abuse_daily_discussion", "heldAt": F.instant(hub.clock.now()),
                "chair": ["name": "Morgan Ellis", "agency": "piphire_mash"],
                "attendees": [["name": "PC Dylan Price", "agency": "piphire_police"], ["name": "IDVA", "agency": "piphire_marac"]],
                "informationConsidered": "DASH 15, previous call-outs.", "decisions": "Refer to MARAC.", "outcome": "marac_referral",
            ]
            let recorded = try await hub.request(.post, "/api/v1/incidents/\(incidentId)/strategy-discussions", token: triage, json: discussion,
                                                 headers: [.ifMatch: try await incidentETag(hub, triage, incidentId)])
            #expect(recorded.status == .created, "\(recorded.text)")
            #expect(recorded.json["state"] as? String == "outcome_recorded")
            let outcomes = (recorded.json["strategyDiscussions"] as? [[String: Any]])?.compactMap { ($0["discussion"] as? [String: Any])?["outcome"] as? String }
            #expect(outcomes == ["marac_referral"])
        }
    }

    @Test func anA1WithNoFurtherActionIsRatifiedByAManager() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let (referralId, etag) = try await create(hub, triage, F.a1(receivedAt: hub.clock.now().addingTimeInterval(-600)))
            let decided = try await hub.request(.post, "/api/v1/referrals/\(referralId)/decision", token: triage, json: [
                "kind": "no_further_action", "rationale": "Lodger is a family member; son manages finances with power of attorney.",
            ], headers: [.ifMatch: etag])
            #expect(decided.json["status"] as? String == "awaiting_ratification")
            #expect(decided.json["awaitingRatification"] as? Bool == true)
            let newTag = try #require(decided.headers[.eTag])
            // Triage may not ratify.
            let refused = try await hub.request(.post, "/api/v1/referrals/\(referralId)/ratification", token: triage,
                                                json: ["verdict": "ratified"], headers: [.ifMatch: newTag])
            #expect(refused.status == .forbidden)
            let manager = try await hub.signIn("manager")
            let ratified = try await hub.request(.post, "/api/v1/referrals/\(referralId)/ratification", token: manager,
                                                 json: ["verdict": "ratified", "note": "Agree."], headers: [.ifMatch: newTag])
            #expect(ratified.status == .ok, "\(ratified.text)")
            #expect(ratified.json["status"] as? String == "ratified")
            let decision = try #require((ratified.json["decisions"] as? [[String: Any]])?.first)
            #expect(decision["ratifiedBy"] as? String == "manager")
            #expect(decision["decidedBy"] as? String == "triage")
        }
    }

    @Test func invalidTransitionsAre409NamingTheState() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let (referralId, etag) = try await create(hub, triage, F.c1(receivedAt: hub.clock.now().addingTimeInterval(-600)))
            let decided = try await hub.request(.post, "/api/v1/referrals/\(referralId)/decision", token: triage, json: [
                "kind": "meets_threshold", "rationale": "Needs sharing.", "ragRating": "green",
            ], headers: [.ifMatch: etag])
            let incidentId = try #require((decided.json["incident"] as? [String: Any])?["id"] as? String)
            // Deciding again.
            let twice = try await hub.request(.post, "/api/v1/referrals/\(referralId)/decision", token: triage, json: [
                "kind": "no_further_action", "rationale": "Changed my mind.",
            ], headers: [.ifMatch: try #require(decided.headers[.eTag])])
            #expect(twice.status == .conflict)
            #expect(twice.json["currentState"] as? String == "threshold_met")
            // Closing an open incident with no strategy outcome needs the closure's outcome and reason (#15 item 12).
            let close = try await hub.request(.patch, "/api/v1/incidents/\(incidentId)", token: triage, json: ["state": "closed"],
                                              headers: [.ifMatch: try await incidentETag(hub, triage, incidentId)])
            #expect(close.status == .unprocessableContent)
            #expect(close.contentType == "application/problem+json")
            #expect(Set((close.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }) == ["closure.outcome", "closure.reason"])
            // Ratifying a referral that does not await ratification.
            let manager = try await hub.signIn("manager")
            let ratify = try await hub.request(.post, "/api/v1/referrals/\(referralId)/ratification", token: manager,
                                               json: ["verdict": "ratified"], headers: [.ifMatch: try #require(decided.headers[.eTag])])
            #expect(ratify.status == .conflict)
            // Re-rating without a rationale is a validation error; with one it keeps the history.
            let noReason = try await hub.request(.patch, "/api/v1/incidents/\(incidentId)", token: triage, json: ["rag": "red"],
                                                 headers: [.ifMatch: try await incidentETag(hub, triage, incidentId)])
            #expect(noReason.status == .unprocessableContent)
            let reRated = try await hub.request(.patch, "/api/v1/incidents/\(incidentId)", token: triage,
                                                json: ["rag": "red", "rationale": "New information: injury reported."],
                                                headers: [.ifMatch: try await incidentETag(hub, triage, incidentId)])
            #expect(reRated.status == .ok, "\(reRated.text)")
            #expect((reRated.json["ratings"] as? [Any])?.count == 2)
        }
    }

    @Test func staleAndMissingIfMatch() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let (referralId, etag) = try await create(hub, triage, F.c1(receivedAt: hub.clock.now().addingTimeInterval(-600)))
            let decided = try await hub.request(.post, "/api/v1/referrals/\(referralId)/decision", token: triage, json: [
                "kind": "meets_threshold", "rationale": "Needs sharing.", "ragRating": "amber",
            ], headers: [.ifMatch: etag])
            let incidentId = try #require((decided.json["incident"] as? [String: Any])?["id"] as? String)
            let current = try await incidentETag(hub, triage, incidentId)
            let missing = try await hub.request(.patch, "/api/v1/incidents/\(incidentId)", token: triage, json: ["rag": "red", "rationale": "r"])
            #expect(missing.status == .preconditionRequired)
            let first = try await hub.request(.patch, "/api/v1/incidents/\(incidentId)", token: triage,
                                              json: ["rag": "red", "rationale": "Escalating."], headers: [.ifMatch: current])
            #expect(first.status == .ok)
            let stale = try await hub.request(.patch, "/api/v1/incidents/\(incidentId)", token: triage,
                                              json: ["rag": "green", "rationale": "Lost update."], headers: [.ifMatch: current])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.headers[.eTag] == first.headers[.eTag])
            let staleDecision = try await hub.request(.post, "/api/v1/referrals/\(referralId)/decision", token: triage, json: [
                "kind": "meets_threshold", "rationale": "again", "ragRating": "amber",
            ], headers: [.ifMatch: etag])
            #expect(staleDecision.status == .preconditionFailed)
        }
    }

    @Test func referralValidationNamesEveryField() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            var referral = ReferralFixture.c1(receivedAt: hub.clock.now().addingTimeInterval(-600), childDateOfBirth: "2001-01-01",
                                              nhsNumber: "943 476 5910")
            referral.subjects[0].address?.postcode = "NOT A POSTCODE"
            let reply = try await hub.request(.post, "/api/v1/referrals", token: triage, json: referral.body)
            #expect(reply.status == .unprocessableContent)
            let fields = Set((reply.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["subjects[0].dateOfBirth", "subjects[0].nhsNumber", "subjects[0].postcode"])
            let count = try await hub.superuser { try await $0.query("SELECT count(*) FROM referrals", logger: hub.environment.logger).collect().first!.decode(Int.self) }
            #expect(count == 0)
            var unknown = F.c1(receivedAt: hub.clock.now().addingTimeInterval(-600))
            unknown["priority"] = "high"
            let unknownReply = try await hub.request(.post, "/api/v1/referrals", token: triage, json: unknown)
            #expect(unknownReply.status == .unprocessableContent)
            #expect((unknownReply.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "priority")
        }
    }

    @Test func idempotentCreation() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let referral = ReferralFixture.c1(receivedAt: hub.clock.now().addingTimeInterval(-600))
            let body = referral.body
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "c1-retry-0001"]
            let first = try await hub.request(.post, "/api/v1/referrals", token: triage, json: body, headers: key)
            let retry = try await hub.request(.post, "/api/v1/referrals", token: triage, json: body, headers: key)
            #expect(first.status == .created)
            #expect(retry.status == .created)
            #expect(retry.body == first.body)
            var other = referral
            other.channel = "email"
            let reused = try await hub.request(.post, "/api/v1/referrals", token: triage, json: other.body, headers: key)
            #expect(reused.status == .unprocessableContent)
            #expect(reused.json["type"] as? String == "https://hub.piphire.example/problems/idempotency-key-reused")

            // Concurrent duplicates create one referral.
            let concurrentKey: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "c1-concurrent"]
            let raw = String(decoding: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), as: UTF8.self)
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask { Int(try await hub.request(.post, "/api/v1/referrals", token: triage, rawBody: raw, headers: concurrentKey).status.code) }
                }
                for try await status in group { #expect(status == 201) }
            }
            let count = try await hub.superuser { try await $0.query("SELECT count(*) FROM referrals", logger: hub.environment.logger).collect().first!.decode(Int.self) }
            #expect(count == 2)
        }
    }

    @Test func boardAndPartnerRolesCannotReadReferrals() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let (referralId, _) = try await create(hub, triage, F.c1(receivedAt: hub.clock.now().addingTimeInterval(-600)))
            for user in ["board", "police", "admin"] {
                let token = try await hub.signIn(user)
                #expect(try await hub.request(.get, "/api/v1/referrals/\(referralId)", token: token).status == .forbidden)
                #expect(try await hub.request(.get, "/api/v1/referrals", token: token).status == .forbidden)
            }
            let board = try await hub.signIn("board")
            #expect(try await hub.request(.get, "/api/v1/share-requests", token: board).status == .forbidden)
            let reads = try await hub.environment.audit.events(objectType: "referral", objectId: referralId)
            #expect(reads.contains { $0.action == "referral.create" && $0.username == "triage" })
        }
    }

    @Test func referralListFiltersAndPages() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            var c1s: [String] = []
            for minutes in [50, 40, 30] {
                c1s.append(try await create(hub, triage, F.c1(receivedAt: hub.clock.now().addingTimeInterval(Double(-minutes * 60)))).id)
            }
            _ = try await create(hub, triage, F.a1(receivedAt: hub.clock.now().addingTimeInterval(-20 * 60)))
            // The C1s only, latest received first, two and then one, with no overlap and no cursor after the last.
            let page1 = try await hub.request(.get, "/api/v1/referrals?form=c1&limit=2", token: triage)
            #expect(page1.status == .ok)
            let items1 = try #require(page1.json["items"] as? [[String: Any]])
            #expect(items1.compactMap { $0["id"] as? String } == [c1s[2], c1s[1]])
            let cursor = try #require(page1.json["nextCursor"] as? String)
            let page2 = try await hub.request(.get, "/api/v1/referrals?form=c1&limit=2&cursor=\(cursor)", token: triage)
            #expect(page2.status == .ok)
            #expect((page2.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [c1s[0]])
            #expect(page2.json["nextCursor"] as? String == nil)
            let bad = try await hub.request(.get, "/api/v1/referrals?form=z9", token: triage)
            #expect(bad.status == .badRequest)
            #expect((bad.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "form")
        }
    }
}
