import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import Testing

/// Closing an incident (#15): it withdraws every share request still unanswered, whose clock stops, which the
/// partner sees withdrawn and can no longer answer, and which the SLA report counts as withdrawn rather than breached
/// (item 6); an incident where sharing was enough closes with a closure outcome and a reason (item 12); an adult's
/// case records whether the risk was reduced, removed or remains, counted by the board's report (item 13).
@Suite("Closing an incident")
struct IncidentClosingTests {
    typealias F = WorkflowFixtures

    struct Opened {
        let id: String
        let referralId: String
    }

    /// A referral decided to meet the threshold at `rag`, asking `agencies`; optionally a strategy discussion decided.
    static func open(
        _ hub: TestHub, _ token: String, body: [String: Any], rag: String = "amber", agencies: [String] = ["piphire_police", "piphire_uhb"],
        holdStrategyDiscussion: Bool = false
    ) async throws -> Opened {
        let created = try await hub.request(.post, "/api/v1/referrals", token: token, json: body)
        #expect(created.status == .created, "\(created.text)")
        let referralId = try #require(created.json["id"] as? String)
        let decided = try await hub.request(.post, "/api/v1/referrals/\(referralId)/decision", token: token, json: [
            "kind": "meets_threshold", "rationale": "Partners hold information.", "ragRating": rag, "shareWith": agencies,
            "holdStrategyDiscussion": holdStrategyDiscussion,
        ], headers: [.ifMatch: try #require(created.headers[.eTag])])
        #expect(decided.status == .ok, "\(decided.text)")
        return Opened(id: try #require((decided.json["incident"] as? [String: Any])?["id"] as? String), referralId: referralId)
    }

    static func incident(_ hub: TestHub, _ token: String, _ id: String) async throws -> TestHub.Reply {
        try await hub.request(.get, "/api/v1/incidents/\(id)", token: token)
    }

    static func close(_ hub: TestHub, _ token: String, _ id: String, closure: [String: Any]?) async throws -> TestHub.Reply {
        var body: [String: Any] = ["state": "closed"]
        if let closure { body["closure"] = closure }
        return try await hub.request(.patch, "/api/v1/incidents/\(id)", token: token, json: body,
                                     headers: [.ifMatch: try #require(try await incident(hub, token, id).headers[.eTag])])
    }

    static func requests(_ reply: TestHub.Reply) -> [String: [String: Any]] {
        var byAgency: [String: [String: Any]] = [:]
        for item in reply.json["shareRequests"] as? [[String: Any]] ?? [] {
            if let agency = item["agency"] as? String { byAgency[agency] = item }
        }
        return byAgency
    }

    static func fields(_ reply: TestHub.Reply) -> Set<String> {
        Set((reply.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
    }

    static func slaTotal(_ hub: TestHub, clock: String = "share_request") async throws -> [String: Any] {
        let reply = try await hub.request(.get, "/api/v1/reports/sla?\(Self.period(hub))", token: try await hub.signIn("manager"))
        #expect(reply.status == .ok, "\(reply.text)")
        let rows = reply.json["rows"] as? [[String: Any]] ?? []
        return try #require(rows.first { $0["clock"] as? String == clock && $0["dimension"] as? String == "total" })
    }

    /// A report period around the test clock's now (a report's end is exclusive).
    static func period(_ hub: TestHub) -> String {
        "from=\(F.instant(hub.clock.now().addingTimeInterval(-7 * 86_400)))&to=\(F.instant(hub.clock.now().addingTimeInterval(86_400)))"
            .replacingOccurrences(of: "+", with: "%2B")
    }

    nonisolated(unsafe) static let sharingWasEnough: [String: Any] = [
        "outcome": "information_shared_no_further_action", "reason": "Police and health know the family; support is in place.",
    ]

    @Test func closingWithdrawsUnansweredRequestsWhichThePartnerCannotAnswerAndTheReportDoesNotCountAsBreached() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let police = try await hub.signIn("police")
            let opened = try await Self.open(hub, triage, body: F.c1(receivedAt: hub.clock.now().addingTimeInterval(-600)))
            let before = Self.requests(try await Self.incident(hub, triage, opened.id))
            let policeRequest = try #require(before["piphire_police"]?["id"] as? String)
            let healthRequest = try #require(before["piphire_uhb"]?["id"] as? String)
            let answered = try await hub.request(.post, "/api/v1/share-requests/\(policeRequest)/response", token: police,
                                                 json: ["kind": "information_shared", "information": "Two call-outs in May."])
            #expect(answered.status == .created)
            hub.clock.advance(by: 3600)
            let triageAgain = try await hub.signIn("triage")  // sessions end after a while idle

            let closed = try await Self.close(hub, triageAgain, opened.id, closure: Self.sharingWasEnough)
            #expect(closed.status == .ok, "\(closed.text)")
            #expect(closed.json["state"] as? String == "closed")
            let after = Self.requests(closed)
            #expect((after["piphire_police"]?["request"] as? [String: Any])?["state"] as? String == "answered")
            let withdrawn = try #require(after["piphire_uhb"]?["request"] as? [String: Any])
            #expect(withdrawn["state"] as? String == "withdrawn")
            #expect(withdrawn["withdrawnAt"] as? String == F.instant(hub.clock.now()))

            // The partner sees it withdrawn, and can neither answer it nor be chased.
            let health = try await hub.signIn("health")
            let inbox = try await hub.request(.get, "/api/v1/share-requests?state=withdrawn", token: health)
            #expect((inbox.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [healthRequest])
            let waiting = try await hub.request(.get, "/api/v1/share-requests?state=requested", token: health)
            #expect((waiting.json["items"] as? [Any])?.isEmpty == true)
            let late = try await hub.request(.post, "/api/v1/share-requests/\(healthRequest)/response", token: health,
                                             json: ["kind": "nothing_known"])
            #expect(late.status == .conflict, "\(late.text)")
            #expect(late.json["currentState"] as? String == "withdrawn")
            let chase = try await hub.request(.post, "/api/v1/share-requests/\(healthRequest)/chase", token: triageAgain)
            #expect(chase.status == .conflict)

            // Its clock stopped: a day later the sweep finds nothing to breach.
            hub.clock.advance(by: 2 * 86_400)
            #expect(try await SLASweep(database: hub.environment.database).run(now: hub.clock.now()) == SLASweep.Result())
            #expect(try await OutboxStore(database: hub.environment.database).messages(topic: "sla.breach").isEmpty)
            let messages = try await OutboxStore(database: hub.environment.database).messages(topic: "share_request.withdrawn")
            #expect(messages.count == 1 && messages.first?.payload.contains("piphire_uhb") == true)
            let incident = try await Self.incident(hub, try await hub.signIn("triage"), opened.id)
            #expect(incident.json["breached"] as? Bool == false)

            // The SLA report: one met, one withdrawn, none breached or open.
            let total = try await Self.slaTotal(hub)
            #expect(total["due"] as? Int == 2)
            #expect(total["met"] as? Int == 1)
            #expect(total["withdrawn"] as? Int == 1)
            #expect(total["breached"] as? Int == 0)
            #expect(total["open"] as? Int == 0)
            #expect(total["compliancePercent"] as? Double == 100)

            let timeline = try await hub.request(.get, "/api/v1/incidents/\(opened.id)/timeline", token: try await hub.signIn("triage"))
            let kinds = (timeline.json["events"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
            #expect(kinds.suffix(2) == ["withdrawn", "closed"])
        }
    }

    @Test func aRequestAlreadyOverdueWhenWithdrawnStaysBreached() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let opened = try await Self.open(hub, triage, body: F.c1(receivedAt: hub.clock.now().addingTimeInterval(-600)), rag: "red",
                                             agencies: ["piphire_police"])
            hub.clock.advance(by: 3 * 3600)  // red: due in 2 hours
            let closed = try await Self.close(hub, try await hub.signIn("triage"), opened.id, closure: Self.sharingWasEnough)
            #expect(closed.status == .ok, "\(closed.text)")
            #expect((Self.requests(closed)["piphire_police"]?["request"] as? [String: Any])?["state"] as? String == "withdrawn")
            let total = try await Self.slaTotal(hub)
            #expect(total["breached"] as? Int == 1)
            #expect(total["withdrawn"] as? Int == 0)
        }
    }

    @Test func sharingWasEnoughClosesWithAnOutcomeAndAReasonAndStopsTheStrategyClock() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let opened = try await Self.open(hub, triage, body: F.c1(receivedAt: hub.clock.now().addingTimeInterval(-600)),
                                             holdStrategyDiscussion: true)
            #expect(try await Self.incident(hub, triage, opened.id).json["strategyDiscussionDueAt"] is String)

            let bare = try await Self.close(hub, triage, opened.id, closure: nil)
            #expect(bare.status == .unprocessableContent)
            #expect(bare.contentType == "application/problem+json")
            #expect(Self.fields(bare) == ["closure.outcome", "closure.reason"])
            let unknown = try await Self.close(hub, triage, opened.id, closure: ["outcome": "case_closed", "reason": "Done."])
            #expect(unknown.status == .unprocessableContent)
            #expect(Self.fields(unknown) == ["closure.outcome"])
            let childRisk = try await Self.close(hub, triage, opened.id, closure: Self.sharingWasEnough.merging(["adultRisk": "reduced"]) { $1 })
            #expect(Self.fields(childRisk) == ["closure.adultRisk"])
            let withHold = try await hub.request(.patch, "/api/v1/incidents/\(opened.id)", token: triage,
                                                 json: ["state": "closed", "closure": Self.sharingWasEnough, "holdStrategyDiscussion": true],
                                                 headers: [.ifMatch: try #require(try await Self.incident(hub, triage, opened.id).headers[.eTag])])
            #expect(Self.fields(withHold) == ["holdStrategyDiscussion"])
            #expect(try await Self.incident(hub, triage, opened.id).json["state"] as? String == "sharing")  // nothing half-written

            let closed = try await Self.close(hub, triage, opened.id, closure: Self.sharingWasEnough)
            #expect(closed.status == .ok, "\(closed.text)")
            let closure = try #require(closed.json["closure"] as? [String: Any])
            #expect(closure["outcome"] as? String == "information_shared_no_further_action")
            #expect(closure["reason"] as? String == Self.sharingWasEnough["reason"] as? String)
            #expect(closure["closedBy"] as? String == "triage")
            #expect(closure["adultRisk"] == nil)
            #expect(closed.json["closedAt"] is String)
            #expect(closed.json["strategyDiscussionDueAt"] == nil)
            #expect((closed.json["allowedActions"] as? [Any])?.isEmpty == true)

            let strategy = try await Self.slaTotal(hub, clock: "strategy_discussion")
            #expect(strategy["withdrawn"] as? Int == 1)
            #expect(strategy["open"] as? Int == 0)
            let audit = try await hub.superuser {
                try await $0.query("SELECT detail->>'closureOutcome' FROM audit_events WHERE action = 'incident.update' AND object_id = \(opened.id)",
                                   logger: hub.environment.logger).collect().compactMap { try $0.decode(String?.self) }
            }
            #expect(audit == ["information_shared_no_further_action"])
        }
    }

    @Test func anIncidentAtStrategyWithoutAnOutcomeDoesNotClose() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let opened = try await Self.open(hub, triage, body: F.c1(receivedAt: hub.clock.now().addingTimeInterval(-600)))
            let discussion: [String: Any] = [
                "kind": "strategy_discussion", "heldAt": F.instant(hub.clock.now().addingTimeInterval(-60)),
                "chair": ["name": "Morgan Ellis", "agency": "pip_childrens"], "attendees": [["name": "PC Dylan Price", "agency": "piphire_police"]],
                "informationConsidered": "Police calls.", "decisions": "To reconvene when health has answered.",
            ]
            let recorded = try await hub.request(.post, "/api/v1/incidents/\(opened.id)/strategy-discussions", token: triage, json: discussion,
                                                 headers: [.ifMatch: try #require(try await Self.incident(hub, triage, opened.id).headers[.eTag])])
            #expect(recorded.json["state"] as? String == "strategy", "\(recorded.text)")
            let refused = try await Self.close(hub, triage, opened.id, closure: Self.sharingWasEnough)
            #expect(refused.status == .conflict)
            #expect(refused.json["currentState"] as? String == "strategy")
        }
    }

    @Test func anAdultsCaseRecordsTheRiskAtClosureAndTheBoardReportCountsIt() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            var closedAdults: [String] = []
            // Counts under five are suppressed in reports: ten reduced, five removed, five remaining.
            let risks = Array(repeating: "reduced", count: 10) + Array(repeating: "removed", count: 5) + Array(repeating: "remains", count: 5)
            for (index, risk) in risks.enumerated() {
                let opened = try await Self.open(hub, triage, body: F.a1(receivedAt: hub.clock.now().addingTimeInterval(-600)),
                                                 agencies: ["piphire_police"])
                if index == 0 {
                    let missing = try await Self.close(hub, triage, opened.id, closure: Self.sharingWasEnough)
                    #expect(missing.status == .unprocessableContent)
                    #expect(Self.fields(missing) == ["closure.adultRisk"])
                    let unknown = try await Self.close(hub, triage, opened.id, closure: Self.sharingWasEnough.merging(["adultRisk": "gone"]) { $1 })
                    #expect(Self.fields(unknown) == ["closure.adultRisk"])
                }
                let closed = try await Self.close(hub, triage, opened.id, closure: Self.sharingWasEnough.merging(["adultRisk": risk]) { $1 })
                #expect(closed.status == .ok, "\(closed.text)")
                #expect((closed.json["closure"] as? [String: Any])?["adultRisk"] as? String == risk)
                closedAdults.append(opened.id)
            }
            // A children's incident closed is not counted.
            let child = try await Self.open(hub, triage, body: F.c1(receivedAt: hub.clock.now().addingTimeInterval(-600)))
            #expect(try await Self.close(hub, triage, child.id, closure: Self.sharingWasEnough).status == .ok)

            let reply = try await hub.request(.get, "/api/v1/reports/adult-risk-at-closure?\(Self.period(hub))", token: try await hub.signIn("board"))
            #expect(reply.status == .ok, "\(reply.text)")
            let rows = reply.json["rows"] as? [[String: Any]] ?? []
            let total = try #require(rows.first { $0["localAuthority"] as? String == "all" }, "\(reply.text)")
            #expect(total["closed"] as? Int == 20, "\(reply.text)")
            #expect(total["reduced"] as? Int == 10)
            #expect(total["removed"] as? Int == 5)
            #expect(total["remains"] as? Int == 5)
            #expect(total["notRecorded"] as? Int == 0)
            #expect(total["reducedOrRemovedPercent"] as? Double == 75)
            #expect(rows.count == 2, "\(reply.text)")  // one local authority, and the total
        }
    }
}
