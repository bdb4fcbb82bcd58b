import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import Testing

/// `POST /api/v1/incidents/{id}/share-requests` (asking more agencies once an incident is open) and
/// `POST /api/v1/share-requests/{id}/chase` (chasing an unanswered request), as docs/openapi.yaml describes them:
/// what each answers, what it writes and what it refuses.
@Suite("Asking agencies to share, and chasing them")
struct ShareRequestRouteTests {
    struct Opened {
        let incidentId: String
        let start: Date
    }

    /// An amber incident about Ceri Peters that asked the police at `start`.
    static func openIncident(_ hub: TestHub, _ triage: String) async throws -> Opened {
        let start = hub.clock.now()
        let created = try await hub.request(.post, "/api/v1/referrals", token: triage, json: WorkflowFixtures.c1(receivedAt: start.addingTimeInterval(-1800)))
        let referralId = try #require(created.json["id"] as? String)
        let decided = try await hub.request(.post, "/api/v1/referrals/\(referralId)/decision", token: triage, json: [
            "kind": "meets_threshold", "rationale": "Partners hold information.", "ragRating": "amber", "shareWith": ["piphire_police"],
        ], headers: [.ifMatch: "\"1\""])
        #expect(decided.status == .ok)
        return Opened(incidentId: try #require((decided.json["incident"] as? [String: Any])?["id"] as? String), start: start)
    }

    static func requests(_ incident: TestHub.Reply) -> [String: [String: Any]] {
        let items = incident.json["shareRequests"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: items.map { ($0["agency"] as? String ?? "", $0) })
    }

    static func requestSent(_ hub: TestHub, _ token: String, incidentId: String) async throws -> [[String: String]] {
        let timeline = try await hub.request(.get, "/api/v1/incidents/\(incidentId)/timeline", token: token)
        let events = try #require(timeline.json["events"] as? [[String: Any]])
        return events.filter { $0["kind"] as? String == "requests_sent" }.compactMap { $0["detail"] as? [String: String] }
    }

    @Test func askingMoreAgenciesStartsTheirRequestsAndClocksAndRefusesRepeatsAndUnknowns() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let opened = try await Self.openIncident(hub, triage)
            hub.clock.advance(by: 600)
            let asked = hub.clock.now()
            let due = WorkflowFixtures.instant(asked.addingTimeInterval(24 * 3600))

            let reply = try await hub.request(.post, "/api/v1/incidents/\(opened.incidentId)/share-requests", token: triage,
                                              json: ["agencies": ["pip_education", "piphire_uhb"]], headers: [.ifMatch: "\"1\""])
            #expect(reply.status == .created, "\(reply.text)")
            #expect(reply.headers[.eTag] == "\"2\"")
            #expect(reply.json["id"] as? String == opened.incidentId)
            #expect(reply.json["state"] as? String == "sharing")
            let requests = Self.requests(reply)
            #expect(Set(requests.keys) == ["piphire_police", "piphire_uhb", "pip_education"])
            for agency in ["piphire_uhb", "pip_education"] {
                let request = try #require(requests[agency]?["request"] as? [String: Any])
                #expect(request["state"] as? String == "requested", "\(agency)")
                #expect(request["requestedAt"] as? String == WorkflowFixtures.instant(asked), "\(agency)")
                #expect(request["dueAt"] as? String == due, "\(agency): amber, 24 hours")
                #expect(request["chaseCount"] as? Int == 0, "\(agency)")
                #expect(requests[agency]?["clockPolicy"] as? String == "continuous", "\(agency)")
            }
            // Each agency asked finds it in its own inbox, and the timeline says so.
            let health = try await hub.request(.get, "/api/v1/share-requests", token: try await hub.signIn("health"))
            #expect((health.json["items"] as? [[String: Any]])?.compactMap { $0["incidentReference"] as? String } == ["I-000001"])
            // (The two asked at one instant are in the order they were written: compared by due time, then agency.)
            let sent = try await Self.requestSent(hub, triage, incidentId: opened.incidentId)
            #expect(sent.sorted { ($0["due"] ?? "", $0["agency"] ?? "") < ($1["due"] ?? "", $1["agency"] ?? "") } == [
                ["agency": "piphire_police", "due": WorkflowFixtures.instant(opened.start.addingTimeInterval(24 * 3600))],
                ["agency": "pip_education", "due": due], ["agency": "piphire_uhb", "due": due],
            ])
            let clocks = try await hub.environment.database.query(
                "SELECT count(*)::int FROM sla_clocks WHERE incident_id = \(UUID(uuidString: opened.incidentId)!) AND purpose = 'share_request'")
            #expect(try clocks.first!.decode(Int.self) == 3)

            // An agency already asked: 409 naming it; an unknown agency: 422 naming the field; none: 422. Nothing is
            // asked of anyone by a refused request (the version stays 2).
            let again = try await hub.request(.post, "/api/v1/incidents/\(opened.incidentId)/share-requests", token: triage,
                                              json: ["agencies": ["pip_adults", "piphire_police"]], headers: [.ifMatch: "\"2\""])
            #expect(again.status == .conflict)
            #expect(again.json["type"] as? String == "https://hub.piphire.example/problems/already-requested")
            #expect(again.json["detail"] as? String == "Already asked: piphire_police.")
            let unknown = try await hub.request(.post, "/api/v1/incidents/\(opened.incidentId)/share-requests", token: triage,
                                                json: ["agencies": ["pip_adults", "nowhere"]], headers: [.ifMatch: "\"2\""])
            #expect(unknown.status == .unprocessableContent)
            #expect((unknown.json["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } == ["agencies"])
            let none = try await hub.request(.post, "/api/v1/incidents/\(opened.incidentId)/share-requests", token: triage,
                                             json: ["agencies": [String]()], headers: [.ifMatch: "\"2\""])
            #expect(none.status == .unprocessableContent)
            #expect((none.json["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } == ["agencies"])
            // A partner may not ask.
            let police = try await hub.request(.post, "/api/v1/incidents/\(opened.incidentId)/share-requests", token: try await hub.signIn("police"),
                                               json: ["agencies": ["pip_adults"]], headers: [.ifMatch: "\"2\""])
            #expect(police.status == .forbidden)
            let after = try await hub.request(.get, "/api/v1/incidents/\(opened.incidentId)", token: triage)
            #expect(after.headers[.eTag] == "\"2\"")
            #expect(Set(Self.requests(after).keys) == ["piphire_police", "piphire_uhb", "pip_education"])
        }
    }

    @Test func chasingCountsEachChaseTellsTheAgencyAndStopsOnceAnswered() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let opened = try await Self.openIncident(hub, triage)
            let inbox = try await hub.request(.get, "/api/v1/share-requests", token: triage)
            let id = try #require((inbox.json["items"] as? [[String: Any]])?.first?["id"] as? String)
            let due = WorkflowFixtures.instant(opened.start.addingTimeInterval(24 * 3600))

            var chasedAt: [Date] = []
            for _ in 0..<2 {
                hub.clock.advance(by: 300)
                chasedAt.append(hub.clock.now())
                let chased = try await hub.request(.post, "/api/v1/share-requests/\(id)/chase", token: triage)
                #expect(chased.status == .noContent)
                #expect(chased.body.isEmpty)
            }
            let read = try #require(try await hub.request(.get, "/api/v1/share-requests/\(id)", token: triage).json["request"] as? [String: Any])
            #expect(read["chaseCount"] as? Int == 2)
            #expect(read["lastChasedAt"] as? String == WorkflowFixtures.instant(chasedAt[1]))
            #expect(read["state"] as? String == "requested")
            // The timeline records each chase; the outbox tells the agency, once per chase, with no personal data.
            let timeline = try #require(try await hub.request(.get, "/api/v1/incidents/\(opened.incidentId)/timeline", token: triage)
                .json["events"] as? [[String: Any]])
            let chases = timeline.filter { $0["kind"] as? String == "chased" }
            #expect(chases.compactMap { $0["detail"] as? [String: String] }
                    == [["agency": "piphire_police", "chase": "1"], ["agency": "piphire_police", "chase": "2"]])
            #expect(chases.compactMap { $0["occurredAt"] as? String } == chasedAt.map(WorkflowFixtures.instant))
            #expect(chases.compactMap { $0["actor"] as? String } == ["Tamsin Rowe (MASH triage)", "Tamsin Rowe (MASH triage)"])
            let messages = try await OutboxStore(database: hub.environment.database).messages(topic: "share_request.chased")
            #expect(messages.map(\.dedupeKey) == ["share_request.chased:\(id):1", "share_request.chased:\(id):2"])
            for message in messages {
                let payload = try #require(try JSONSerialization.jsonObject(with: Data(message.payload.utf8)) as? [String: String])
                #expect(payload == ["event": "share_request.chased", "incident": "I-000001", "agency": "piphire_police", "due": due])
            }

            // A partner may not chase; an unknown request is 404; once answered, a chase is 409 and changes nothing.
            let policeToken = try await hub.signIn("police")
            #expect(try await hub.request(.post, "/api/v1/share-requests/\(id)/chase", token: policeToken).status == .forbidden)
            let missing = try await hub.request(.post, "/api/v1/share-requests/00000000-0000-0000-0000-000000000000/chase", token: triage)
            #expect(missing.status == .notFound)
            let answered = try await hub.request(.post, "/api/v1/share-requests/\(id)/response", token: policeToken, json: ["kind": "nothing_known"])
            #expect(answered.status == .created)
            let late = try await hub.request(.post, "/api/v1/share-requests/\(id)/chase", token: triage)
            #expect(late.status == .conflict)
            #expect(late.json["currentState"] as? String == "answered", "\(late.text)")
            #expect(try await OutboxStore(database: hub.environment.database).messages(topic: "share_request.chased").count == 2)
            let final = try #require(try await hub.request(.get, "/api/v1/share-requests/\(id)", token: triage).json["request"] as? [String: Any])
            #expect(final["chaseCount"] as? Int == 2)
        }
    }
}
