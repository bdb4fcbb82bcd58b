import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import PostgresNIO
import Testing

/// Issue #16 item 7: only a user of the agency asked answers a share request. MASH triage and managers answering
/// another agency's request directly are refused (403, audited, nothing stored, the clock still running); the answer
/// an agency gave them by phone, email, a meeting or a letter is recorded with
/// `POST /api/v1/share-requests/{id}/response-on-behalf`: stored with the recorder's own identity, the channel, the
/// contact and the time received, shown as such, its clock stopped and judged at the time received.
@Suite("Answers recorded on behalf of the agency asked")
struct ShareRequestOnBehalfTests {
    /// 18 November 2026, 09:00 in London (GMT).
    static let start = Date(timeIntervalSince1970: 1_794_992_400)
    static let hour: TimeInterval = 3600

    struct Opened {
        let incidentId: String
        /// The request id by agency code: police, health and the MASH staff's own agency (children's services).
        let requests: [String: String]
    }

    /// An amber incident (each request due 24 hours after `start`) that asked the police, health and children's
    /// services (the demo MASH staff's own agency) at `start`.
    static func open(_ hub: TestHub) async throws -> Opened {
        hub.clock.set(start)
        let triage = try await hub.signIn("triage")
        let created = try await hub.request(.post, "/api/v1/referrals", token: triage, json: WorkflowFixtures.c1(receivedAt: start.addingTimeInterval(-1800)))
        let referralId = try #require(created.json["id"] as? String)
        let decided = try await hub.request(.post, "/api/v1/referrals/\(referralId)/decision", token: triage, json: [
            "kind": "meets_threshold", "rationale": "Partners hold information.", "ragRating": "amber",
            "shareWith": ["piphire_police", "piphire_uhb", "pip_childrens"],
        ], headers: [.ifMatch: "\"1\""])
        #expect(decided.status == .ok, "\(decided.text)")
        let incidentId = try #require((decided.json["incident"] as? [String: Any])?["id"] as? String)
        let all = try #require(try await hub.request(.get, "/api/v1/share-requests", token: triage).json["items"] as? [[String: Any]])
        var requests: [String: String] = [:]
        for item in all { requests[try #require(item["agency"] as? String)] = try #require(item["id"] as? String) }
        #expect(requests.count == 3)
        return Opened(incidentId: incidentId, requests: requests)
    }

    /// The request's SLA clock as stored: its outcome (nil while running) and its due instant (nil once stopped).
    static func clock(_ hub: TestHub, _ requestId: String) async throws -> (outcome: String?, running: Bool) {
        let id = try #require(UUID(uuidString: requestId))
        let rows = try await hub.environment.database.query("SELECT outcome, due_at IS NOT NULL FROM sla_clocks WHERE share_request_id = \(id)")
        let row = try #require(rows.first)
        let (outcome, running) = try row.decode((String?, Bool).self)
        return (outcome, running)
    }

    static func request(_ hub: TestHub, _ token: String, _ id: String) async throws -> [String: Any] {
        let read = try await hub.request(.get, "/api/v1/share-requests/\(id)", token: token)
        #expect(read.status == .ok, "\(read.text)")
        return try #require(read.json["request"] as? [String: Any])
    }

    static func fields(_ reply: TestHub.Reply) -> [String] {
        (reply.json["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
    }

    static func onBehalf(receivedAt: Date, channel: String = "phone", contact: String? = "DS Rhys Evans, public protection unit",
                         kind: String = "information_shared", information: String? = "Two 101 calls to the address in October.") -> [String: Any] {
        var body: [String: Any] = ["kind": kind, "channel": channel, "receivedAt": WorkflowFixtures.instant(receivedAt)]
        if let contact { body["contactName"] = contact }
        if let information { body["information"] = information }
        return body
    }

    @Test(arguments: ["triage", "manager"])
    func theMASHAnsweringAnotherAgencysRequestDirectlyIsRefusedAndTheClockRunsOn(username: String) async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let opened = try await Self.open(hub)
            let police = try #require(opened.requests["piphire_police"])
            hub.clock.advance(by: Self.hour)
            let token = try await hub.signIn(username)
            let refused = try await hub.request(.post, "/api/v1/share-requests/\(police)/response", token: token,
                                                json: ["kind": "information_shared", "information": "Heard from the police by phone."])
            #expect(refused.status == .forbidden, "\(refused.text)")
            #expect(refused.contentType == "application/problem+json")
            #expect(refused.json["type"] as? String == "https://hub.piphire.example/problems/forbidden")
            #expect(refused.json["detail"] as? String == "Only the agency asked answers its share request. An answer it gave by phone, email, a meeting or a letter is recorded on its behalf (response-on-behalf).")

            // Nothing stored: still waiting, no answer, the clock running; the refusal audited, no answer event.
            let request = try await Self.request(hub, token, police)
            #expect(request["state"] as? String == "requested")
            #expect(request["response"] == nil && request["answeredAt"] == nil && request["recordedOnBehalf"] == nil)
            let clock = try await Self.clock(hub, police)
            #expect(clock.outcome == nil && clock.running)
            let events = try await hub.environment.audit.recent().filter { $0.username == username }
            #expect(events.filter { $0.action == "access.denied" }.map(\.objectId) == ["POST /api/v1/share-requests/{id}/response"])
            #expect(!events.contains { $0.action == "share_request.respond" })

            // The police answer their own: 201, on time, the clock met.
            let answered = try await hub.request(.post, "/api/v1/share-requests/\(police)/response", token: try await hub.signIn("police"),
                                                 json: ["kind": "nothing_known"])
            #expect(answered.status == .created, "\(answered.text)")
            #expect(answered.json["answeredOnTime"] as? Bool == true)
            #expect(try await Self.clock(hub, police).outcome == "met")
        }
    }

    @Test func triageRecordsAnAnswerOnBehalfJudgedWhenItWasReceived() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let opened = try await Self.open(hub)
            let police = try #require(opened.requests["piphire_police"])
            let health = try #require(opened.requests["piphire_uhb"])
            // Typed in 26 hours on, past the due time; the police phoned at 23 hours, before it: on time.
            hub.clock.set(Self.start.addingTimeInterval(26 * Self.hour))
            let recordedAt = hub.clock.now()
            let receivedAt = Self.start.addingTimeInterval(23 * Self.hour)
            let triage = try await hub.signIn("triage")
            let recorded = try await hub.request(.post, "/api/v1/share-requests/\(police)/response-on-behalf", token: triage,
                                                 json: Self.onBehalf(receivedAt: receivedAt))
            #expect(recorded.status == .created, "\(recorded.text)")
            #expect(recorded.json["id"] as? String == police)
            #expect(recorded.json["answeredOnTime"] as? Bool == true)
            #expect(try await Self.clock(hub, police) == ("met", false))

            // Stored as answered by the recorder, at the time received, and shown as recorded on behalf: to the
            // MASH, to the police themselves, and on the incident.
            let expected: [String: String] = [
                "recordedBy": "triage", "recordedByName": "Tamsin Rowe (MASH triage)", "recordedByAgency": "pip_childrens", "channel": "phone",
                "contactName": "DS Rhys Evans, public protection unit", "receivedAt": WorkflowFixtures.instant(receivedAt),
                "recordedAt": WorkflowFixtures.instant(recordedAt),
            ]
            for token in [triage, try await hub.signIn("police")] {
                let request = try await Self.request(hub, token, police)
                #expect(request["state"] as? String == "answered")
                #expect(request["answeredAt"] as? String == WorkflowFixtures.instant(receivedAt))
                #expect(request["response"] as? [String: String] == ["kind": "information_shared", "information": "Two 101 calls to the address in October."])
                #expect(request["recordedOnBehalf"] as? [String: String] == expected)
            }
            let incident = try await hub.request(.get, "/api/v1/incidents/\(opened.incidentId)", token: triage)
            let items = try #require(incident.json["shareRequests"] as? [[String: Any]])
            let stored = try #require(items.first { $0["id"] as? String == police })
            #expect(stored["answeredBy"] as? String == "triage")
            #expect(stored["answeredOnTime"] as? Bool == true)
            #expect((stored["request"] as? [String: Any])?["recordedOnBehalf"] as? [String: String] == expected)
            // Health's, answered by health itself, carries no such mark.
            #expect((items.first { $0["id"] as? String == health }?["request"] as? [String: Any])?.keys.contains("recordedOnBehalf") == false)

            // The timeline's answer names the recorder, how it came and when.
            let timeline = try #require(try await hub.request(.get, "/api/v1/incidents/\(opened.incidentId)/timeline", token: triage)
                .json["events"] as? [[String: Any]])
            let answers = timeline.filter { $0["kind"] as? String == "answered" }
            #expect(answers.compactMap { $0["detail"] as? [String: String] } == [[
                "agency": "piphire_police", "response": "information_shared", "onTime": "yes", "channel": "phone",
                "receivedAt": WorkflowFixtures.instant(receivedAt),
            ]])
            #expect(answers.compactMap { $0["actor"] as? String } == ["Tamsin Rowe (MASH triage)"])

            // Received after the due time, by the manager: late, the clock breached, however soon it was typed in.
            let manager = try await hub.signIn("manager")
            let late = try await hub.request(.post, "/api/v1/share-requests/\(health)/response-on-behalf", token: manager,
                                             json: Self.onBehalf(receivedAt: Self.start.addingTimeInterval(25 * Self.hour), channel: "secure_email",
                                                                 contact: "Nia Howells", kind: "nothing_known", information: nil))
            #expect(late.status == .created, "\(late.text)")
            #expect(late.json["answeredOnTime"] as? Bool == false)
            #expect(try await Self.clock(hub, health) == ("breached", false))
            #expect((try await Self.request(hub, manager, health)["recordedOnBehalf"] as? [String: String])?["recordedBy"] == "manager")
        }
    }

    @Test func aBadChannelTimeOrContactIsRefusedNamingTheFieldAndChangesNothing() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let opened = try await Self.open(hub)
            let police = try #require(opened.requests["piphire_police"])
            hub.clock.advance(by: 2 * Self.hour)
            let now = hub.clock.now()
            let triage = try await hub.signIn("triage")
            let cases: [([String: Any], [String])] = [
                (Self.onBehalf(receivedAt: now, channel: "fax"), ["channel"]),
                (Self.onBehalf(receivedAt: now.addingTimeInterval(60)), ["receivedAt"]),
                (Self.onBehalf(receivedAt: Self.start.addingTimeInterval(-60)), ["receivedAt"]),
                (Self.onBehalf(receivedAt: now, contact: nil), ["contactName"]),
                (Self.onBehalf(receivedAt: now, contact: "   "), ["contactName"]),
                (Self.onBehalf(receivedAt: now, contact: String(repeating: "n", count: 101)), ["contactName"]),
                (Self.onBehalf(receivedAt: now, kind: "declined", information: nil), ["reason"]),
                (Self.onBehalf(receivedAt: now).merging(["receivedAt": "yesterday"]) { $1 }, ["receivedAt"]),
            ]
            for (body, fields) in cases {
                let reply = try await hub.request(.post, "/api/v1/share-requests/\(police)/response-on-behalf", token: triage, json: body)
                #expect(reply.status == .unprocessableContent, "\(body): \(reply.text)")
                #expect(reply.contentType == "application/problem+json")
                #expect(Self.fields(reply) == fields, "\(body): \(reply.text)")
            }
            let request = try await Self.request(hub, triage, police)
            #expect(request["state"] as? String == "requested" && request["recordedOnBehalf"] == nil)
            #expect(try await Self.clock(hub, police) == (nil, true))
            #expect(!(try await hub.environment.audit.recent()).contains { $0.action == "share_request.answer_on_behalf" })
        }
    }

    @Test func onlyMASHStaffRecordOnBehalfOfAnotherAgencyAndOnlyOnce() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let opened = try await Self.open(hub)
            let (police, health, childrens) = (try #require(opened.requests["piphire_police"]), try #require(opened.requests["piphire_uhb"]),
                                               try #require(opened.requests["pip_childrens"]))
            hub.clock.advance(by: Self.hour)
            let body = Self.onBehalf(receivedAt: hub.clock.now().addingTimeInterval(-600))
            // A partner answers directly: the on-behalf route is refused, for its own request and another's.
            let policeToken = try await hub.signIn("police")
            for id in [police, health] {
                let refused = try await hub.request(.post, "/api/v1/share-requests/\(id)/response-on-behalf", token: policeToken, json: body)
                #expect(refused.status == .forbidden, "\(refused.text)")
                #expect(refused.contentType == "application/problem+json")
            }
            // MASH staff answer their own agency's request directly, not on its behalf.
            let triage = try await hub.signIn("triage")
            let own = try await hub.request(.post, "/api/v1/share-requests/\(childrens)/response-on-behalf", token: triage, json: body)
            #expect(own.status == .forbidden)
            #expect(own.json["detail"] as? String == "This share request is addressed to your own agency: answer it directly rather than on its behalf.")
            let direct = try await hub.request(.post, "/api/v1/share-requests/\(childrens)/response", token: triage, json: ["kind": "nothing_known"])
            #expect(direct.status == .created, "\(direct.text)")
            // Administrators and board viewers never; an unknown request is 404.
            for username in ["admin", "board"] {
                let reply = try await hub.request(.post, "/api/v1/share-requests/\(police)/response-on-behalf", token: try await hub.signIn(username), json: body)
                #expect(reply.status == .forbidden)
            }
            let missing = try await hub.request(.post, "/api/v1/share-requests/00000000-0000-0000-0000-000000000000/response-on-behalf",
                                                token: triage, json: body)
            #expect(missing.status == .notFound)
            for (id, state) in [(police, "requested"), (health, "requested")] {
                #expect(try await Self.request(hub, triage, id)["state"] as? String == state)
            }
            let denied = try await hub.environment.audit.recent().filter { $0.action == "access.denied" }
            #expect(denied.count == 5)
            #expect(Set(denied.compactMap(\.objectId)) == ["POST /api/v1/share-requests/{id}/response-on-behalf"])

            // Recorded once; a second record, or the police answering after it, is 409 and changes nothing.
            let recorded = try await hub.request(.post, "/api/v1/share-requests/\(police)/response-on-behalf", token: triage, json: body)
            #expect(recorded.status == .created, "\(recorded.text)")
            let again = try await hub.request(.post, "/api/v1/share-requests/\(police)/response-on-behalf", token: triage,
                                              json: Self.onBehalf(receivedAt: hub.clock.now(), channel: "letter", contact: "Someone else"))
            #expect(again.status == .conflict)
            #expect(again.json["currentState"] as? String == "answered")
            let late = try await hub.request(.post, "/api/v1/share-requests/\(police)/response", token: policeToken, json: ["kind": "nothing_known"])
            #expect(late.status == .conflict)
            let request = try await Self.request(hub, triage, police)
            #expect((request["recordedOnBehalf"] as? [String: String])?["channel"] == "phone")
            #expect((request["response"] as? [String: String])?["kind"] == "information_shared")
        }
    }

    /// A clock changed after the time given (the incident re-rated) cannot be stopped before that change: 422 naming
    /// `receivedAt`, nothing stored.
    @Test func anAnswerReceivedBeforeTheClockLastChangedIsRefused() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let opened = try await Self.open(hub)
            let police = try #require(opened.requests["piphire_police"])
            hub.clock.advance(by: Self.hour)
            let rerated = try await hub.request(.patch, "/api/v1/incidents/\(opened.incidentId)", token: try await hub.signIn("triage"),
                                                json: ["rag": "red", "rationale": "New police information."], headers: [.ifMatch: "\"1\""])
            #expect(rerated.status == .ok, "\(rerated.text)")
            hub.clock.advance(by: 20 * 60)
            let triage = try await hub.signIn("triage")  // sessions idle out after 30 minutes
            let before = try await hub.request(.post, "/api/v1/share-requests/\(police)/response-on-behalf", token: triage,
                                               json: Self.onBehalf(receivedAt: Self.start.addingTimeInterval(1800)))
            #expect(before.status == .unprocessableContent, "\(before.text)")
            #expect(Self.fields(before) == ["receivedAt"])
            #expect(try await Self.clock(hub, police) == (nil, true))
            let after = try await hub.request(.post, "/api/v1/share-requests/\(police)/response-on-behalf", token: triage,
                                              json: Self.onBehalf(receivedAt: Self.start.addingTimeInterval(70 * 60)))
            #expect(after.status == .created, "\(after.text)")
        }
    }
}
