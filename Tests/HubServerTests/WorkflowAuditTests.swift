import Foundation
import HTTPTypes
import HubTestSupport
import Testing

/// docs/architecture.md, "The audit trail": every read or change of personal data writes an `audit_events` row
/// (who: user, agency, role; what: action, object type and id; why: the purpose; the request id and the outcome)
/// in the same transaction as the change. One case through the workflow's routes, each request followed by exactly
/// the events it wrote: one of its documented action, with every field; a refused or failed change writes none.
@Suite("The audit of the workflow's reads and changes")
struct WorkflowAuditTests {
    static let purposeHeader = HTTPField.Name("X-Hub-Purpose")!
    static let purpose = "Triage of referral R-000001"

    @Test func everyWorkflowRouteWritesExactlyItsDocumentedEvent() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let audit = AuditWatch(hub: hub)
            let (triage, manager, police, health, admin, board) = (
                try await hub.signIn("triage"), try await hub.signIn("manager"), try await hub.signIn("police"),
                try await hub.signIn("health"), try await hub.signIn("admin"), try await hub.signIn("board"))
            let imported = try await hub.request(.post, "/api/v1/feeds?fileName=example.csv&extractDate=2026-11-01", token: admin,
                                                 rawBody: TrackerFixtures.example)
            #expect(imported.status == .created || imported.status == .ok, "\(imported.text)")
            let purpose: HTTPFields = [Self.purposeHeader: Self.purpose]
            let now = hub.clock.now()

            // Referrals: creation, the list, a read with and without a purpose.
            let created = try await audit.expect(.created, writesFor: { reply in
                [.init(action: "referral.create", by: "triage", objectType: "referral", objectId: reply.json["id"] as? String,
                       detail: ["form": "c1", "subjects": "2"])]
            }) {
                try await hub.request(.post, "/api/v1/referrals", token: triage, json: WorkflowFixtures.c1(receivedAt: now.addingTimeInterval(-1800)))
            }
            let referralId = try #require(created.json["id"] as? String)
            try await audit.expect(.ok, writes: [.init(action: "referral.list", by: "triage", objectType: "referral", detail: ["count": "1"])]) {
                try await hub.request(.get, "/api/v1/referrals", token: triage)
            }
            try await audit.expect(.ok, writes: [.init(action: "referral.read", by: "triage", objectType: "referral", objectId: referralId,
                                                       purpose: Self.purpose)]) {
                try await hub.request(.get, "/api/v1/referrals/\(referralId)", token: triage, headers: purpose)
            }
            try await audit.expect(.ok, writes: [.init(action: "referral.read", by: "triage", objectType: "referral", objectId: referralId,
                                                       detail: ["tracker_candidates": "0", "person_ids": ""])]) {
                try await hub.request(.get, "/api/v1/referrals/\(referralId)", token: triage)
            }

            // The threshold decision (a stale version first: refused, nothing written), which opens the incident.
            let decision: [String: Any] = [
                "kind": "meets_threshold", "rationale": "Repeated neglect indicators.", "ragRating": "amber",
                "shareWith": ["piphire_police", "piphire_uhb"], "holdStrategyDiscussion": true,
            ]
            try await audit.expect(.preconditionFailed, writes: []) {
                try await hub.request(.post, "/api/v1/referrals/\(referralId)/decision", token: triage, json: decision, headers: [.ifMatch: "\"7\""])
            }
            let decided = try await audit.expect(.ok, writes: [.init(action: "referral.decide", by: "triage", objectType: "referral", objectId: referralId,
                                                                     detail: ["decision": "meets_threshold"])]) {
                try await hub.request(.post, "/api/v1/referrals/\(referralId)/decision", token: triage, json: decision, headers: [.ifMatch: "\"1\""])
            }
            let incidentId = try #require((decided.json["incident"] as? [String: Any])?["id"] as? String)

            // Ratification: a child's no-further-action decision, ratified by a manager.
            let second = try #require(try await hub.request(.post, "/api/v1/referrals", token: triage, json: WorkflowFixtures.c1(
                receivedAt: now.addingTimeInterval(-600), nhsNumber: "401 023 2137")).json["id"] as? String)
            try await audit.expect(.ok, writes: [.init(action: "referral.decide", by: "triage", objectType: "referral", objectId: second,
                                                       detail: ["decision": "no_further_action"])]) {
                try await hub.request(.post, "/api/v1/referrals/\(second)/decision", token: triage,
                                      json: ["kind": "no_further_action", "rationale": "Seen by the school nurse."], headers: [.ifMatch: "\"1\""])
            }
            try await audit.expect(.ok, writes: [.init(action: "referral.ratify", by: "manager", objectType: "referral", objectId: second,
                                                       detail: ["verdict": "ratified"])]) {
                try await hub.request(.post, "/api/v1/referrals/\(second)/ratification", token: manager, json: ["verdict": "ratified", "note": "Agreed."],
                                      headers: [.ifMatch: "\"2\""])
            }

            // Feedback to the referrer (issue #20): recorded by triage, who it went to and how; a time in the future is
            // refused and writes nothing.
            try await audit.expect(.created, writes: [.init(action: "referral.feedback", by: "triage", objectType: "referral", objectId: second,
                                                            detail: ["channel": "letter", "summary": "no_further_action", "delivery": "recorded",
                                                                     "clock": "met", "to": "referrer", "referrer_agency": "piphire_uhb"])]) {
                try await hub.request(.post, "/api/v1/referrals/\(second)/feedback", token: triage,
                                      json: ["channel": "letter", "givenAt": WorkflowFixtures.instant(now), "summary": "no_further_action"])
            }
            try await audit.expect(.unprocessableContent, writes: []) {
                try await hub.request(.post, "/api/v1/referrals/\(second)/feedback", token: triage,
                                      json: ["channel": "letter", "givenAt": WorkflowFixtures.instant(now.addingTimeInterval(86_400)),
                                             "summary": "no_further_action"])
            }

            // The incident: the board, a read, a re-rating, asking another agency, the timeline.
            try await audit.expect(.ok, writes: [.init(action: "incident.list", by: "triage", objectType: "incident", detail: ["count": "1"])]) {
                try await hub.request(.get, "/api/v1/incidents", token: triage)
            }
            try await audit.expect(.ok, writes: [.init(action: "incident.read", by: "triage", objectType: "incident", objectId: incidentId,
                                                       purpose: Self.purpose)]) {
                try await hub.request(.get, "/api/v1/incidents/\(incidentId)", token: triage, headers: purpose)
            }
            try await audit.expect(.ok, writes: [.init(action: "incident.update", by: "triage", objectType: "incident", objectId: incidentId,
                                                       detail: ["rag": "red", "state": ""])]) {
                try await hub.request(.patch, "/api/v1/incidents/\(incidentId)", token: triage, json: ["rag": "red", "rationale": "Disclosure."],
                                      headers: [.ifMatch: "\"1\""])
            }
            try await audit.expect(.created, writes: [.init(action: "incident.request_shares", by: "triage", objectType: "incident",
                                                            objectId: incidentId, detail: ["agencies": "pip_education"])]) {
                try await hub.request(.post, "/api/v1/incidents/\(incidentId)/share-requests", token: triage, json: ["agencies": ["pip_education"]],
                                      headers: [.ifMatch: "\"2\""])
            }
            try await audit.expect(.ok, writes: [.init(action: "incident.timeline", by: "triage", objectType: "incident", objectId: incidentId)]) {
                try await hub.request(.get, "/api/v1/incidents/\(incidentId)/timeline", token: triage)
            }

            // Share requests: the police's inbox and one read, a chase, an answer; a second answer and a chase of an
            // answered request are refused and write nothing.
            let inbox = try await audit.expect(.ok, writes: [.init(action: "share_request.list", by: "police", objectType: "share_request",
                                                                   detail: ["count": "1"])]) {
                try await hub.request(.get, "/api/v1/share-requests", token: police)
            }
            let policeRequest = try #require((inbox.json["items"] as? [[String: Any]])?.first?["id"] as? String)
            try await audit.expect(.ok, writes: [.init(action: "share_request.read", by: "police", objectType: "share_request",
                                                       objectId: policeRequest, purpose: Self.purpose)]) {
                try await hub.request(.get, "/api/v1/share-requests/\(policeRequest)", token: police, headers: purpose)
            }
            try await audit.expect(.noContent, writes: [.init(action: "share_request.chase", by: "triage", objectType: "share_request",
                                                              objectId: policeRequest)]) {
                try await hub.request(.post, "/api/v1/share-requests/\(policeRequest)/chase", token: triage)
            }
            try await audit.expect(.created, writes: [.init(action: "share_request.respond", by: "police", objectType: "share_request",
                                                            objectId: policeRequest, detail: ["response": "information_shared"])]) {
                try await hub.request(.post, "/api/v1/share-requests/\(policeRequest)/response", token: police,
                                      json: ["kind": "information_shared", "information": "Two 101 calls from the address."])
            }
            try await audit.expect(.conflict, writes: []) {
                try await hub.request(.post, "/api/v1/share-requests/\(policeRequest)/response", token: police, json: ["kind": "nothing_known"])
            }
            try await audit.expect(.conflict, writes: []) {
                try await hub.request(.post, "/api/v1/share-requests/\(policeRequest)/chase", token: triage)
            }
            // Another agency's request: refused, and the refusal is what is written.
            let healthRequest = try #require((try await hub.request(.get, "/api/v1/share-requests", token: health).json["items"] as? [[String: Any]])?
                .first?["id"] as? String)
            try await audit.expect(.forbidden, writes: [.init(action: "access.denied", by: "police", objectType: "route",
                                                              objectId: "GET /api/v1/share-requests/{id}", outcome: "denied")]) {
                try await hub.request(.get, "/api/v1/share-requests/\(healthRequest)", token: police, headers: purpose)
            }
            // The MASH answering health's request directly: refused as the other denials are; what health said by phone
            // is recorded on its behalf instead (a distinct action, naming the recorder and the agency). A bad body
            // writes nothing.
            try await audit.expect(.forbidden, writes: [.init(action: "access.denied", by: "triage", objectType: "route",
                                                              objectId: "POST /api/v1/share-requests/{id}/response", outcome: "denied")]) {
                try await hub.request(.post, "/api/v1/share-requests/\(healthRequest)/response", token: triage, json: ["kind": "nothing_known"])
            }
            let onBehalf: [String: Any] = ["kind": "nothing_known", "channel": "phone", "contactName": "Nia Howells, health visitor",
                                           "receivedAt": WorkflowFixtures.instant(hub.clock.now())]
            try await audit.expect(.unprocessableContent, writes: []) {
                try await hub.request(.post, "/api/v1/share-requests/\(healthRequest)/response-on-behalf", token: triage,
                                      json: onBehalf.merging(["channel": "pigeon"]) { $1 })
            }
            try await audit.expect(.created, writes: [.init(
                action: "share_request.answer_on_behalf", by: "triage", objectType: "share_request", objectId: healthRequest,
                detail: ["agency": "piphire_uhb", "response": "nothing_known", "channel": "phone", "receivedAt": WorkflowFixtures.instant(hub.clock.now()),
                         "recordedBy": "triage", "onTime": "yes"])]) {
                try await hub.request(.post, "/api/v1/share-requests/\(healthRequest)/response-on-behalf", token: triage, json: onBehalf)
            }

            // The strategy discussion (an invalid one first: refused, nothing written), its action, and completing it.
            let discussion: [String: Any] = [
                "kind": "strategy_discussion", "heldAt": WorkflowFixtures.instant(now),
                "chair": ["name": "Morgan Ellis", "agency": "pip_childrens"],
                "attendees": [["name": "PC Dylan Price", "agency": "piphire_police"]],
                "informationConsidered": "Police calls.", "decisions": "Section 47 enquiry.", "outcome": "child_protection_enquiry",
                "actions": [["ownerAgency": "pip_childrens", "description": "Home visit", "dueDate": "2026-12-01"]],
            ]
            try await audit.expect(.unprocessableContent, writes: []) {
                try await hub.request(.post, "/api/v1/incidents/\(incidentId)/strategy-discussions", token: triage,
                                      json: discussion.merging(["outcome": "tea"]) { $1 }, headers: [.ifMatch: "\"3\""])
            }
            try await audit.expect(.created, writes: [.init(action: "incident.discuss", by: "triage", objectType: "incident", objectId: incidentId,
                                                            detail: ["kind": "strategy_discussion", "outcome": "child_protection_enquiry"])]) {
                try await hub.request(.post, "/api/v1/incidents/\(incidentId)/strategy-discussions", token: triage, json: discussion,
                                      headers: [.ifMatch: "\"3\""])
            }
            let actions = try await audit.expect(.ok, writes: [.init(action: "action.list", by: "manager", objectType: "action", purpose: Self.purpose,
                                                                     detail: ["count": "1", "state": "open"])]) {
                try await hub.request(.get, "/api/v1/actions", token: manager, headers: purpose)
            }
            let actionId = try #require((actions.json["items"] as? [[String: Any]])?.first?["id"] as? String)
            try await audit.expect(.ok, writes: [.init(action: "action.read", by: "manager", objectType: "action", objectId: actionId,
                                                       purpose: Self.purpose)]) {
                try await hub.request(.get, "/api/v1/actions/\(actionId)", token: manager, headers: purpose)
            }
            try await audit.expect(.ok, writes: [.init(action: "action.complete", by: "manager", objectType: "action", objectId: actionId,
                                                       detail: ["agency": "pip_childrens", "onTime": "yes"])]) {
                try await hub.request(.post, "/api/v1/actions/\(actionId)/completion", token: manager, json: ["note": "Visited."],
                                      headers: [.ifMatch: "\"1\""])
            }

            // A board report, the audit trail itself, and a tracker search (the criteria it used, never their values).
            try await audit.expect(.ok, writes: [.init(action: "report.read", by: "board", objectType: "report", objectId: "sla",
                                                       detail: ["from": "2026-01-01T00:00:00.000Z", "to": "2027-01-01T00:00:00.000Z"])]) {
                try await hub.request(.get, "/api/v1/reports/sla?from=2026-01-01&to=2027-01-01", token: board)
            }
            let trail = try await audit.expect(.ok, writesFor: { reply in
                [.init(action: "audit.read", by: "admin", objectType: "audit_event",
                       detail: ["count": "\((reply.json["items"] as? [Any])?.count ?? -1)"])]
            }) {
                try await hub.request(.get, "/api/v1/audit-events?objectType=referral&objectId=\(referralId)", token: admin)
            }
            // The referral's events, newest first: create, two reads, the decision (the refused one wrote nothing).
            #expect((trail.json["items"] as? [[String: Any]])?.compactMap { $0["action"] as? String }
                    == ["referral.decide", "referral.read", "referral.read", "referral.create"])
            let before = try await audit.mark()
            let search = try await audit.expect(.ok, writes: [.init(action: "tracker.search", by: "triage", objectType: "person",
                                                                    purpose: "MASH enquiry")]) {
                try await hub.request(.post, "/api/v1/tracker/search", token: triage,
                                      json: ["purpose": "MASH enquiry", "surname": "Peters", "postcode": "PP2 5GN", "dateOfBirth": "2010"])
            }
            let persons = try #require(search.json["persons"] as? [[String: Any]])
            #expect(persons.count >= 1)
            let row = try #require(try await audit.rows(after: before).first)
            #expect(row.detail == ["criteria": "surname,dateOfBirth,postcode", "persons": "\(persons.count)",
                                   "person_ids": persons.compactMap { $0["personId"] as? Int }.map(String.init).joined(separator: ",")])
            let stored = "\(row)"
            for value in ["Peters", "PETERS", "peters", "PP2", "pp2", "2010"] {
                #expect(!stored.contains(value), "the search's audit event quotes \(value): \(stored)")
            }
        }
    }

    /// The tracker's imports, reads and link reviews, the watchlist and alerts, the same way: each writes exactly its event, with the purpose
    /// where the route takes one; a refused change (already following, already acknowledged, already removed)
    /// writes none.
    @Test func trackerWatchlistAndAlertRoutesWriteExactlyTheirDocumentedEvents() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let audit = AuditWatch(hub: hub)
            let (triage, manager, admin) = (try await hub.signIn("triage"), try await hub.signIn("manager"), try await hub.signIn("admin"))
            let purpose: HTTPFields = [Self.purposeHeader: Self.purpose]
            let feed = "/api/v1/feeds?fileName=example.csv&extractDate=2026-11-01"
            // An import, and the same file again (refused as already imported), each one event about the import.
            for status in [HTTPResponse.Status.created, .ok] {
                try await audit.expect(status, writes: [.init(action: "tracker.feed_import", by: "admin", objectType: "feed_import", objectId: "1")]) {
                    try await hub.request(.post, feed, token: admin, rawBody: TrackerFixtures.example)
                }
            }
            let found = try await hub.request(.post, "/api/v1/tracker/search", token: triage, json: ["purpose": "MASH enquiry", "nhsNumber": "999 234 5675"])
            let personId = try #require((found.json["persons"] as? [[String: Any]])?.first?["personId"] as? Int)

            try await audit.expect(.ok, writesFor: { reply in
                [.init(action: "tracker.person.read", by: "triage", objectType: "person", objectId: String(personId), purpose: Self.purpose,
                       detail: ["records": "\((reply.json["identities"] as? [Any])?.count ?? -1)"])]
            }) { try await hub.request(.get, "/api/v1/tracker/persons/\(personId)", token: triage, headers: purpose) }
            try await audit.expect(.ok, writesFor: { reply in
                [.init(action: "tracker.address.read", by: "triage", objectType: "address", objectId: "100100012345", purpose: Self.purpose,
                       detail: ["persons": "\((reply.json["members"] as? [Any])?.count ?? -1)"])]
            }) { try await hub.request(.get, "/api/v1/tracker/addresses/100100012345", token: triage, headers: purpose) }
            try await audit.expect(.ok, writesFor: { reply in
                [.init(action: "tracker.high_frequency.read", by: "manager", objectType: "person", purpose: Self.purpose,
                       detail: ["band": "1-5", "count": "\((reply.json["items"] as? [Any])?.count ?? -1)"])]
            }) {
                try await hub.request(.get, "/api/v1/tracker/high-frequency?unit=person&band=1-5&from=2025-11-01&to=2026-11-30", token: manager,
                                      headers: purpose)
            }
            try await hub.environment.database.query(
                """
                INSERT INTO link_reviews (record_a, record_b, score, probability, explanation, created_at)
                SELECT min(id), max(id), 3.0, 0.9, '{}'::jsonb, now() FROM tracker_records
                WHERE source_record_id IN ('CSC0010670', 'M00412233')
                """)
            let reviews = try await audit.expect(.ok, writes: [.init(action: "tracker.review.list", by: "triage", objectType: "link_review",
                                                                     purpose: Self.purpose, detail: ["count": "1"])]) {
                try await hub.request(.get, "/api/v1/tracker/reviews", token: triage, headers: purpose)
            }
            let review = try #require((reviews.json["items"] as? [[String: Any]])?.first?["id"] as? Int)
            try await audit.expect(.noContent, writes: [.init(action: "tracker.review.confirm", by: "triage", objectType: "link_review",
                                                              objectId: String(review))]) {
                try await hub.request(.post, "/api/v1/tracker/reviews/\(review)", token: triage, json: ["decision": "confirm"])
            }
            try await audit.expect(.conflict, writes: []) {
                try await hub.request(.post, "/api/v1/tracker/reviews/\(review)", token: triage, json: ["decision": "reject"])
            }

            // The watchlist: following (once), the list, and (after the next import's alert) stopping (once).
            let followed = try await audit.expect(.created, writes: [.init(action: "watchlist.add", by: "triage", objectType: "person",
                                                                           objectId: String(personId), purpose: "CP plan review")]) {
                try await hub.request(.post, "/api/v1/watchlist", token: triage, json: ["personId": personId, "reason": "CP plan review"])
            }
            let entry = try #require(followed.json["id"] as? String)
            try await audit.expect(.conflict, writes: []) {
                try await hub.request(.post, "/api/v1/watchlist", token: triage, json: ["personId": personId, "reason": "Again"])
            }
            try await audit.expect(.ok, writes: [.init(action: "watchlist.list", by: "triage", objectType: "watchlist_entry", detail: ["count": "1"])]) {
                try await hub.request(.get, "/api/v1/watchlist", token: triage)
            }

            // Alerts raised by the next day's extract: the list, one read, its acknowledgement (once).
            let later = "/api/v1/feeds?fileName=later.csv&extractDate=2026-11-02"
            #expect(try await hub.request(.post, later, token: admin, rawBody: TrackerFixtures.later).status == .created)
            let alerts = try await audit.expect(.ok, writesFor: { reply in
                [.init(action: "alert.list", by: "triage", objectType: "alert", purpose: Self.purpose,
                       detail: ["state": "all", "count": "\((reply.json["items"] as? [Any])?.count ?? -1)"])]
            }) { try await hub.request(.get, "/api/v1/alerts?state=all", token: triage, headers: purpose) }
            let alertId = try #require((alerts.json["items"] as? [[String: Any]])?.first?["id"] as? String)
            try await audit.expect(.ok, writes: [.init(action: "alert.read", by: "triage", objectType: "alert", objectId: alertId, purpose: Self.purpose)]) {
                try await hub.request(.get, "/api/v1/alerts/\(alertId)", token: triage, headers: purpose)
            }
            try await audit.expect(.ok, writes: [.init(action: "alert.acknowledge", by: "triage", objectType: "alert", objectId: alertId)]) {
                try await hub.request(.post, "/api/v1/alerts/\(alertId)/acknowledgement", token: triage, json: ["note": "Seen at triage."])
            }
            try await audit.expect(.conflict, writes: []) {
                try await hub.request(.post, "/api/v1/alerts/\(alertId)/acknowledgement", token: triage, json: ["note": "Again."])
            }
            try await audit.expect(.noContent, writes: [.init(action: "watchlist.remove", by: "triage", objectType: "watchlist_entry", objectId: entry)]) {
                try await hub.request(.delete, "/api/v1/watchlist/\(entry)", token: triage)
            }
            try await audit.expect(.notFound, writes: []) {
                try await hub.request(.delete, "/api/v1/watchlist/\(entry)", token: triage)
            }
        }
    }
}
