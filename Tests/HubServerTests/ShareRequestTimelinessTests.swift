import Foundation
import HTTPTypes
import HubTestSupport
import Testing

/// docs/architecture.md ("answered on time or late") and docs/reports.md (`sla`: `met` answered by their due
/// time, `breached` answered late): answers given through the API on the manual clock, each by the asked
/// agency's own user, before the due time, at it and one second after it; the flag each answer records, the
/// incident's view and timeline, and the `sla` report that counts them. (The report's own tests write
/// `answered_on_time` straight into the table; here the workflow sets it.)
@Suite("Share requests answered on time and late")
struct ShareRequestTimelinessTests {
    static let day: TimeInterval = 24 * 3600

    @Test func anAnswerByTheDueTimeIsOnTimeAndOneSecondLaterIsLate() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let start = hub.clock.now()
            let triage = try await hub.signIn("triage")
            let created = try await hub.request(.post, "/api/v1/referrals", token: triage, json: WorkflowFixtures.c1(receivedAt: start.addingTimeInterval(-1800)))
            let referralId = try #require(created.json["id"] as? String)
            // Amber: each request is due 24 hours after it was made (continuous, the default policy).
            let decided = try await hub.request(.post, "/api/v1/referrals/\(referralId)/decision", token: triage, json: [
                "kind": "meets_threshold", "rationale": "Partners hold information.", "ragRating": "amber",
                "shareWith": ["piphire_police", "piphire_uhb", "pip_education"],
            ], headers: [.ifMatch: "\"1\""])
            #expect(decided.status == .ok)
            let incidentId = try #require((decided.json["incident"] as? [String: Any])?["id"] as? String)

            /// The asked agency's own user answers its request at `offset` after the requests were made.
            func answer(as username: String, after offset: TimeInterval, _ body: [String: Any]) async throws -> TestHub.Reply {
                hub.clock.set(start.addingTimeInterval(offset))
                let token = try await hub.signIn(username)  // sessions idle out on the manual clock
                let inbox = try #require(try await hub.request(.get, "/api/v1/share-requests", token: token).json["items"] as? [[String: Any]])
                #expect(inbox.count == 1)
                let request = try #require(inbox.first)
                #expect(request["request"].flatMap { ($0 as? [String: Any])?["dueAt"] as? String } == WorkflowFixtures.instant(start.addingTimeInterval(Self.day)))
                let id = try #require(request["id"] as? String)
                return try await hub.request(.post, "/api/v1/share-requests/\(id)/response", token: token, json: body)
            }
            let early = try await answer(as: "police", after: 12 * 3600, ["kind": "information_shared", "information": "Two 101 calls."])
            let atDue = try await answer(as: "health", after: Self.day, ["kind": "nothing_known"])
            let late = try await answer(as: "education", after: Self.day + 1, ["kind": "declined", "reason": "Awaiting consent."])
            for (reply, onTime) in [(early, true), (atDue, true), (late, false)] {
                #expect(reply.status == .created, "\(reply.text)")
                #expect(reply.json["answeredOnTime"] as? Bool == onTime, "\(reply.text)")
            }

            // The flag as stored: the incident's view of each request, and the timeline's answers.
            let mash = try await hub.signIn("triage")
            let incident = try await hub.request(.get, "/api/v1/incidents/\(incidentId)", token: mash)
            let requests = try #require(incident.json["shareRequests"] as? [[String: Any]])
            let flags = Dictionary(uniqueKeysWithValues: requests.map { ($0["agency"] as? String ?? "", $0["answeredOnTime"] as? Bool) })
            #expect(flags == ["piphire_police": true, "piphire_uhb": true, "pip_education": false])
            let timeline = try #require(try await hub.request(.get, "/api/v1/incidents/\(incidentId)/timeline", token: mash)
                .json["events"] as? [[String: Any]])
            let answered = timeline.filter { $0["kind"] as? String == "answered" }.compactMap { $0["detail"] as? [String: String] }
            #expect(answered.map { [$0["agency"] ?? "", $0["onTime"] ?? ""] }
                    == [["piphire_police", "yes"], ["piphire_uhb", "yes"], ["pip_education", "no"]])

            // The sla report counts two met and one breached: answer times 720, 1440 and 1440 minutes and one second.
            let report = try await hub.request(.get, "/api/v1/reports/sla?from=2026-01-01&to=2027-01-01", token: try await hub.signIn("manager"))
            #expect(report.status == .ok)
            let rows = try #require(report.json["rows"] as? [[String: Any]])
            func row(_ dimension: String, _ key: String) -> [String: Any]? {
                rows.first { $0["clock"] as? String == "share_request" && $0["dimension"] as? String == dimension && $0["key"] as? String == key }
            }
            for (dimension, key) in [("total", "all"), ("rag", "amber")] {
                let counted = try #require(row(dimension, key), "no \(dimension) row: \(rows)")
                #expect(counted["due"] as? Int == 3)
                #expect(counted["met"] as? Int == 2)
                #expect(counted["breached"] as? Int == 1)
                #expect(counted["open"] as? Int == 0)
                #expect(counted["withdrawn"] as? Int == 0)
                #expect(counted["medianMinutes"] as? Double == 1440)
                #expect(counted["p90Minutes"] as? Double == 1440.01)  // 1440 + 0.8 × (1/60), to two places
                #expect(counted["compliancePercent"] as? Double == 66.67)
            }
            for (agency, met, breached) in [("piphire_police", 1, 0), ("piphire_uhb", 1, 0), ("pip_education", 0, 1)] {
                let counted = try #require(row("agency", agency), "no row for \(agency): \(rows)")
                #expect(counted["met"] as? Int == met, "\(agency)")
                #expect(counted["breached"] as? Int == breached, "\(agency)")
                #expect(counted["due"] as? Int == 1, "\(agency)")
            }
            #expect(row("rag", "red") == nil && row("rag", "green") == nil)
        }
    }

    /// A re-rating retargets the running clocks (docs/openapi.yaml, `PATCH /incidents/{id}`: "open clocks are
    /// recomputed", keeping the time already counted): an amber request re-rated red 20 minutes in is due two hours
    /// after it was made, and an answer one second after that is late though amber's 24 hours had not passed. The
    /// sla report counts both under amber, the rating they were made at (docs/reports.md).
    @Test func aReRatingMovesTheDueTimeTheAnswerIsJudgedBy() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let start = hub.clock.now()
            let triage = try await hub.signIn("triage")
            let created = try await hub.request(.post, "/api/v1/referrals", token: triage, json: WorkflowFixtures.c1(receivedAt: start.addingTimeInterval(-1800)))
            let decided = try await hub.request(.post, "/api/v1/referrals/\(try #require(created.json["id"] as? String))/decision", token: triage, json: [
                "kind": "meets_threshold", "rationale": "Partners hold information.", "ragRating": "amber", "shareWith": ["piphire_police", "piphire_uhb"],
            ], headers: [.ifMatch: "\"1\""])
            let incidentId = try #require((decided.json["incident"] as? [String: Any])?["id"] as? String)
            hub.clock.advance(by: 20 * 60)
            let reRated = try await hub.request(.patch, "/api/v1/incidents/\(incidentId)", token: triage,
                                                json: ["rag": "red", "rationale": "Disclosure of injury."], headers: [.ifMatch: "\"1\""])
            #expect(reRated.status == .ok)
            let due = WorkflowFixtures.instant(start.addingTimeInterval(2 * 3600))
            #expect((reRated.json["shareRequests"] as? [[String: Any]])?.compactMap { ($0["request"] as? [String: Any])?["dueAt"] as? String }
                    == [due, due])

            var answers: [String: Bool] = [:]
            for (username, offset) in [("police", 2.0 * 3600), ("health", 2.0 * 3600 + 1)] {
                hub.clock.set(start.addingTimeInterval(offset))
                let token = try await hub.signIn(username)
                let item = try #require((try await hub.request(.get, "/api/v1/share-requests", token: token).json["items"] as? [[String: Any]])?.first)
                #expect((item["request"] as? [String: Any])?["dueAt"] as? String == due, "\(username)'s inbox")
                let answered = try await hub.request(.post, "/api/v1/share-requests/\(try #require(item["id"] as? String))/response", token: token,
                                                     json: ["kind": "nothing_known"])
                #expect(answered.status == .created)
                answers[username] = answered.json["answeredOnTime"] as? Bool
            }
            #expect(answers == ["police": true, "health": false])

            let report = try await hub.request(.get, "/api/v1/reports/sla?from=2026-01-01&to=2027-01-01", token: try await hub.signIn("manager"))
            let rows = try #require(report.json["rows"] as? [[String: Any]]).filter { $0["clock"] as? String == "share_request" }
            let rag = rows.filter { $0["dimension"] as? String == "rag" }
            #expect(rag.compactMap { $0["key"] as? String } == ["amber"])
            #expect(rag.first?["due"] as? Int == 2)
            #expect(rag.first?["met"] as? Int == 1)
            #expect(rag.first?["breached"] as? Int == 1)
            #expect(rag.first?["compliancePercent"] as? Double == 50)
        }
    }
}
