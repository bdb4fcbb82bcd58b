import Foundation
import HTTPTypes
import HubTestSupport
import Testing

/// Actions agreed at strategy discussions, through the API: the owner agency lists its own and no other agency's,
/// marks one done once with a note; an open action is overdue once its due day has passed in London; the MASH sees
/// every agency's, overdue ones included; the incident lists its actions and its timeline records each one done.
@Suite("Actions from strategy discussions")
struct StrategyActionTests {
    typealias A = ActionFixtures.Agreed

    /// Wednesday 17 June 2026, 10:00 in London (BST): the discussions of these tests are held then.
    static func june17() -> ManualClock { ManualClock(Date(timeIntervalSince1970: 1_781_686_800)) }  // 2026-06-17T09:00:00Z

    static func descriptions(_ reply: TestHub.Reply) -> [String] {
        ActionFixtures.items(reply).compactMap { $0["description"] as? String }
    }

    static func id(of description: String, in reply: TestHub.Reply) throws -> String {
        try #require(ActionFixtures.items(reply).first { $0["description"] as? String == description }?["id"] as? String)
    }

    @Test func theOwnerAgencyListsItsOwnActionsAndNoOtherAgencys() async throws {
        try await TestHub.run(clock: Self.june17()) { (hub: TestHub) async throws in
            let made = try await ActionFixtures.incident(hub, actions: [
                A("piphire_police", "Check PNC for the mother's partner", due: "2026-06-19"),
                A("piphire_police", "Joint visit with children's services", due: "2026-06-18"),
                A("piphire_uhb", "Health review of Ceri", due: "2026-06-24"),
            ])
            let police = try await hub.signIn("police")
            let mine = try await hub.request(.get, "/api/v1/actions", token: police)
            #expect(mine.status == .ok, "\(mine.text)")
            // Open actions, most urgent (soonest due) first.
            #expect(Self.descriptions(mine) == ["Joint visit with children's services", "Check PNC for the mother's partner"])
            for item in ActionFixtures.items(mine) {
                #expect(item["ownerAgency"] as? String == "piphire_police")
                #expect(item["state"] as? String == "open")
                #expect(item["overdue"] as? Bool == false)
                #expect(item["incidentReference"] as? String == made.incidentReference)
                #expect(item["incidentId"] as? String == made.incidentId)
            }
            #expect(!mine.text.contains("Health review"), "police see health's action")

            let health = try await hub.signIn("health")
            let healths = try await hub.request(.get, "/api/v1/actions?state=open", token: health)
            #expect(Self.descriptions(healths) == ["Health review of Ceri"])
            let healthAction = try Self.id(of: "Health review of Ceri", in: healths)
            let education = try await hub.signIn("education")
            #expect(ActionFixtures.items(try await hub.request(.get, "/api/v1/actions", token: education)).isEmpty)

            // Another agency's action is refused, to read and to complete (before the body is read); an unknown one is not found.
            let own = try await hub.request(.get, "/api/v1/actions/\(healthAction)", token: health, headers: [HTTPField.Name("X-Hub-Purpose")!: "our actions"])
            #expect(own.status == .ok)
            #expect(own.headers[.eTag] == "\"1\"")
            #expect(own.json["description"] as? String == "Health review of Ceri")
            let refused = try await hub.request(.get, "/api/v1/actions/\(healthAction)", token: police)
            #expect(refused.status == .forbidden)
            #expect(refused.contentType == "application/problem+json")
            let crossCompletion = try await hub.request(.post, "/api/v1/actions/\(healthAction)/completion", token: police,
                                                        json: ["note": "Done."], headers: [.ifMatch: "\"1\""])
            #expect(crossCompletion.status == .forbidden)
            #expect(try await hub.request(.get, "/api/v1/actions/\(UUID().uuidString.lowercased())", token: police).status == .notFound)

            // The MASH sees every agency's; the board and administrators see none.
            let triage = try await hub.signIn("triage")
            #expect(Self.descriptions(try await hub.request(.get, "/api/v1/actions", token: triage)).count == 3)
            #expect(try await hub.request(.get, "/api/v1/actions/\(healthAction)", token: triage).status == .ok)
            #expect(try await hub.request(.get, "/api/v1/actions", token: try await hub.signIn("board")).status == .forbidden)
            #expect(try await hub.request(.get, "/api/v1/actions", token: try await hub.signIn("admin")).status == .forbidden)
            let badState = try await hub.request(.get, "/api/v1/actions?state=lost", token: police)
            #expect(badState.status == .badRequest)
            #expect(badState.text.contains("state"))

            // Every list and read is audited, a refusal as denied.
            let events = try await hub.environment.audit.recent(limit: 100)
            #expect(events.contains { $0.action == "action.list" && $0.username == "police" })
            #expect(events.contains { $0.action == "action.read" && $0.username == "health" && $0.objectId == healthAction && $0.purpose == "our actions" })
            #expect(events.contains { $0.outcome == "denied" && $0.username == "police" })
        }
    }

    @Test func anActionIsMarkedDoneOnceWithANote() async throws {
        try await TestHub.run(clock: Self.june17()) { (hub: TestHub) async throws in
            let made = try await ActionFixtures.incident(hub, actions: [
                A("piphire_police", "Joint visit with children's services", due: "2026-06-18"),
                A("piphire_police", "Check PNC for the mother's partner", due: "2026-06-19"),
            ])
            let police = try await hub.signIn("police")
            let action = try Self.id(of: "Joint visit with children's services", in: try await hub.request(.get, "/api/v1/actions", token: police))
            let path = "/api/v1/actions/\(action)/completion"

            #expect(try await hub.request(.post, path, token: police, json: ["note": "Visited."]).status == .preconditionRequired)
            for body in [["note": "   "], [String: Any]()] {
                let blank = try await hub.request(.post, path, token: police, json: body, headers: [.ifMatch: "\"1\""])
                #expect(blank.status == .unprocessableContent, "\(blank.text)")
                #expect(blank.contentType == "application/problem+json")
                #expect((blank.json["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } == ["note"])
            }
            // The limit counts code points: 2,001 is one too many.
            let long = try await hub.request(.post, path, token: police, json: ["note": String(repeating: "e\u{301}", count: 1_001)],
                                             headers: [.ifMatch: "\"1\""])
            #expect(long.status == .unprocessableContent)
            #expect((long.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "note")
            #expect(try await hub.request(.post, path, token: police, json: ["note": "Visited.", "when": "today"],
                                          headers: [.ifMatch: "\"1\""]).status == .unprocessableContent)

            let done = try await hub.request(.post, path, token: police, json: ["note": "  Visited with the social worker; Ceri seen.  "],
                                             headers: [.ifMatch: "\"1\""])
            #expect(done.status == .ok, "\(done.text)")
            #expect(done.headers[.eTag] == "\"2\"")
            #expect(done.json["state"] as? String == "done")
            #expect(done.json["overdue"] as? Bool == false)
            let completion = try #require(done.json["completion"] as? [String: Any])
            #expect(completion["note"] as? String == "Visited with the social worker; Ceri seen.")
            #expect(completion["doneBy"] as? String == "police")
            #expect(completion["onTime"] as? Bool == true)

            // Done is final: again is a conflict naming the state; an old version is stale.
            let again = try await hub.request(.post, path, token: police, json: ["note": "Again."], headers: [.ifMatch: "\"2\""])
            #expect(again.status == .conflict)
            #expect(again.json["currentState"] as? String == "done")
            #expect(try await hub.request(.post, path, token: police, json: ["note": "Again."], headers: [.ifMatch: "\"1\""]).status == .preconditionFailed)

            #expect(Self.descriptions(try await hub.request(.get, "/api/v1/actions?state=done", token: police)) == ["Joint visit with children's services"])
            #expect(Self.descriptions(try await hub.request(.get, "/api/v1/actions?state=open", token: police)) == ["Check PNC for the mother's partner"])

            // The incident lists its actions with their state, and its timeline says the action was done.
            let triage = try await hub.signIn("triage")
            let incident = try await hub.request(.get, "/api/v1/incidents/\(made.incidentId)", token: triage)
            let listed = try #require(incident.json["actions"] as? [[String: Any]])
            #expect(listed.compactMap { $0["state"] as? String } == ["done", "open"])
            let timeline = try await hub.request(.get, "/api/v1/incidents/\(made.incidentId)/timeline", token: triage)
            let entry = try #require((timeline.json["events"] as? [[String: Any]])?.last)
            #expect(entry["kind"] as? String == "action_done")
            #expect(entry["actorAgency"] as? String == "piphire_police")
            #expect((entry["detail"] as? [String: String])?["onTime"] == "yes")
            #expect(try await hub.environment.audit.recent(limit: 20).contains { $0.action == "action.complete" && $0.objectId == action })
        }
    }

    @Test func anOpenActionIsOverdueOnceItsDueDayHasPassedInLondon() async throws {
        let clock = Self.june17()
        try await TestHub.run(clock: clock) { (hub: TestHub) async throws in
            let made = try await ActionFixtures.incident(hub, actions: [
                A("piphire_police", "Joint visit with children's services", due: "2026-06-18"),
                A("piphire_uhb", "Health review of Ceri", due: "2026-06-18"),
                A("piphire_police", "Check PNC for the mother's partner", due: "2026-06-25"),
            ])
            #expect(ActionFixtures.items(try await hub.request(.get, "/api/v1/actions?state=overdue", token: try await hub.signIn("triage"))).isEmpty)

            // 23:30 on the due day in London: due today, not overdue yet.
            clock.set(try Date("2026-06-18T22:30:00Z", strategy: .iso8601))
            #expect(ActionFixtures.items(try await hub.request(.get, "/api/v1/actions?state=overdue", token: try await hub.signIn("triage"))).isEmpty)

            // 00:30 the next day in London, still the due day in UTC: overdue.
            clock.set(try Date("2026-06-18T23:30:00Z", strategy: .iso8601))
            let police = try await hub.signIn("police")
            let policeOverdue = try await hub.request(.get, "/api/v1/actions?state=overdue", token: police)
            #expect(Self.descriptions(policeOverdue) == ["Joint visit with children's services"])
            #expect(ActionFixtures.items(policeOverdue).first?["overdue"] as? Bool == true)
            let policeOpen = try await hub.request(.get, "/api/v1/actions?state=open", token: police)
            #expect(ActionFixtures.items(policeOpen).compactMap { $0["overdue"] as? Bool } == [true, false])

            // The MASH sees every agency's overdue actions, and the incident shows which are.
            let triage = try await hub.signIn("triage")
            let mashOverdue = try await hub.request(.get, "/api/v1/actions?state=overdue", token: triage)
            #expect(Set(Self.descriptions(mashOverdue)) == ["Joint visit with children's services", "Health review of Ceri"])
            #expect(Set(ActionFixtures.items(mashOverdue).compactMap { $0["ownerAgency"] as? String }) == ["piphire_police", "piphire_uhb"])
            let incident = try await hub.request(.get, "/api/v1/incidents/\(made.incidentId)", token: triage)
            let listed = try #require(incident.json["actions"] as? [[String: Any]])
            #expect(listed.filter { $0["overdue"] as? Bool == true }.count == 2)

            // Done late: it leaves the overdue list and says it was late.
            let action = try Self.id(of: "Joint visit with children's services", in: policeOverdue)
            let done = try await hub.request(.post, "/api/v1/actions/\(action)/completion", token: police, json: ["note": "Visited a day late."],
                                             headers: [.ifMatch: "\"1\""])
            #expect(done.status == .ok, "\(done.text)")
            #expect((done.json["completion"] as? [String: Any])?["onTime"] as? Bool == false)
            #expect(done.json["overdue"] as? Bool == false)
            #expect(ActionFixtures.items(try await hub.request(.get, "/api/v1/actions?state=overdue", token: police)).isEmpty)
        }
    }

    @Test func theMASHMayRecordAnAgencysActionDoneOnItsBehalf() async throws {
        try await TestHub.run(clock: Self.june17()) { (hub: TestHub) async throws in
            _ = try await ActionFixtures.incident(hub, actions: [A("pip_childrens", "Section 47 enquiry", due: "2026-06-18")])
            let manager = try await hub.signIn("manager")
            let action = try Self.id(of: "Section 47 enquiry", in: try await hub.request(.get, "/api/v1/actions", token: manager))
            let done = try await hub.request(.post, "/api/v1/actions/\(action)/completion", token: manager,
                                             json: ["note": "Enquiry started; the strategy meeting is booked."], headers: [.ifMatch: "\"1\""])
            #expect(done.status == .ok, "\(done.text)")
            #expect((done.json["completion"] as? [String: Any])?["doneBy"] as? String == "manager")
            #expect(try await hub.request(.post, "/api/v1/actions/\(action)/completion", token: try await hub.signIn("board"),
                                          json: ["note": "x"], headers: [.ifMatch: "\"2\""]).status == .forbidden)
        }
    }

    /// docs/reports.md, worked example `actions`: an action is due by the end of its due day in London. Marked done at
    /// 23:30 (BST) on the due day it was done on time; at 00:30 the next day, still the due day in UTC, late. Read at
    /// 00:30 on 19 June in London (23:30 on 18 June UTC): due 18 June and not done is overdue, due 19 June (today) open.
    @Test func theBoardReportCountsActionsAgreedDoneOnTimeDoneLateOpenAndOverdue() async throws {
        let clock = Self.june17()
        try await TestHub.run(clock: clock) { (hub: TestHub) async throws in
            _ = try await ActionFixtures.incident(hub, actions: [
                A("piphire_police", "A: done on time", due: "2026-06-18"),
                A("piphire_police", "B: done late", due: "2026-06-18"),
                A("piphire_police", "C: overdue", due: "2026-06-18"),
                A("piphire_uhb", "D: open, not yet due", due: "2026-06-30"),
                A("piphire_uhb", "E: overdue", due: "2026-06-18"),
                A("piphire_uhb", "F: due today", due: "2026-06-19"),
            ])
            clock.set(try Date("2026-06-18T22:30:00Z", strategy: .iso8601))  // 23:30 on 18 June in London
            var police = try await hub.signIn("police")
            let list = try await hub.request(.get, "/api/v1/actions", token: police)
            let onTime = try await hub.request(.post, "/api/v1/actions/\(try Self.id(of: "A: done on time", in: list))/completion", token: police,
                                               json: ["note": "Done."], headers: [.ifMatch: "\"1\""])
            #expect(onTime.status == .ok, "\(onTime.text)")
            #expect((onTime.json["completion"] as? [String: Any])?["onTime"] as? Bool == true)
            clock.set(try Date("2026-06-18T23:30:00Z", strategy: .iso8601))  // 00:30 on 19 June in London
            police = try await hub.signIn("police")
            let late = try await hub.request(.post, "/api/v1/actions/\(try Self.id(of: "B: done late", in: list))/completion", token: police,
                                             json: ["note": "Done just after midnight."], headers: [.ifMatch: "\"1\""])
            #expect(late.status == .ok, "\(late.text)")
            #expect((late.json["completion"] as? [String: Any])?["onTime"] as? Bool == false)

            let manager = try await hub.signIn("manager")
            let reply = try await hub.request(.get, "/api/v1/reports/actions?from=2026-06-01&to=2026-07-01", token: manager)
            #expect(reply.status == .ok, "\(reply.text)")
            #expect(BoardReportTests.rows(reply).map { row in
                ["agency", "agreed", "doneOnTime", "doneLate", "open", "overdue", "onTimePercent"].map { "\(row[$0]!)" }.joined(separator: " | ")
            } == [
                "piphire_police | 3 | 1 | 1 | 0 | 1 | 33.33",  // 1 / (1 + 1 + 1)
                "piphire_uhb | 3 | 0 | 0 | 2 | 1 | 0",  // 0 / (0 + 0 + 1)
                "total | 6 | 1 | 1 | 2 | 2 | 25",  // 1 / (1 + 1 + 2)
            ])

            // Agreed outside the period: not counted. One agency: its row and the total.
            let later = try await hub.request(.get, "/api/v1/reports/actions?from=2026-07-01&to=2026-08-01", token: manager)
            #expect(BoardReportTests.rows(later).map { row in
                ["agency", "agreed", "doneOnTime", "doneLate", "open", "overdue", "onTimePercent"].map { "\(row[$0]!)" }.joined(separator: " | ")
            } == ["total | 0 | 0 | 0 | 0 | 0 | <null>"])  // the total row is always shown; nothing done or due: no percentage
            let onlyHealth = try await hub.request(.get, "/api/v1/reports/actions?from=2026-06-01&to=2026-07-01&agency=piphire_uhb", token: manager)
            #expect((onlyHealth.json["rows"] as? [[String: Any]])?.compactMap { $0["agency"] as? String } == ["piphire_uhb", "total"])

            // The board sees small numbers suppressed; partners see no reports.
            let board = try await hub.request(.get, "/api/v1/reports/actions?from=2026-06-01&to=2026-07-01", token: try await hub.signIn("board"))
            // The 6 agreed is shown: it is the sum of five hidden counts of 1 to 4 (the police's done on time, done late
            // and overdue, health's open and overdue), which it leaves at 1 or 2 each, so it pins none of them down.
            #expect(BoardReportTests.rows(board).map { row in
                ["agency", "agreed", "doneOnTime", "doneLate", "open", "overdue", "onTimePercent"].map { "\(row[$0]!)" }.joined(separator: " | ")
            } == [
                "piphire_police | <5 | <5 | <5 | 0 | <5 | suppressed",
                "piphire_uhb | <5 | 0 | 0 | <5 | <5 | suppressed",
                "total | 6 | <5 | <5 | <5 | <5 | suppressed",
            ])
            #expect(try await hub.request(.get, "/api/v1/reports/actions", token: police).status == .forbidden)
            #expect((try await hub.request(.get, "/api/v1/reports", token: manager).json["reports"] as? [String])?.contains("actions") == true)
        }
    }
}
