import ArgumentParser
import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import HubWorkflow
import Testing
@testable import HubServer

/// Time travel for acceptance: with `HUB_TEST_CLOCK` on, the application runs on a ``TestClock`` that an
/// administrator moves forward through `/api/v1/test-clock`, so SLA warnings, breaches and late answers can be
/// walked end to end through the API. Off by default (the route is then 404) and refused in production.
@Suite("Time travel: the acceptance test clock")
struct TimeTravelTests {
    typealias F = WorkflowFixtures

    static func testClockMoves(_ hub: TestHub) async throws -> [[String: String]] {
        try await hub.superuser { connection in
            try await connection.query(
                "SELECT detail::text FROM audit_events WHERE action = 'test_clock.move' ORDER BY id", logger: hub.environment.logger
            ).collect().map { try JSONDecoder().decode([String: String].self, from: Data(try $0.decode(String.self).utf8)) }
        }
    }

    @Test("moved past a red request's due time, the sweep breaches it and the answer is late")
    func breachAndLateAnswer() async throws {
        try await TestHub.run(testClock: true) { (hub: TestHub) async throws in
            let start = hub.clock.now()
            let admin = try await hub.signIn("admin")
            let shown = try await hub.request(.get, "/api/v1/test-clock", token: admin)
            #expect(shown.status == .ok)
            #expect(shown.json["now"] as? String == HubDateFormat.string(from: start))
            #expect(shown.json["offsetSeconds"] as? Double == Double(0))

            let triage = try await hub.signIn("triage")
            let incident = try await SLAPolicyDueDateTests.decide(hub, triage, rag: "red")
            let incidentId = try #require(incident["id"] as? String)
            let police = try #require((incident["shareRequests"] as? [[String: Any]])?.first { $0["agency"] as? String == "piphire_police" })
            let policeRequestId = try #require(police["id"] as? String)
            let due = try SLAPolicyDueDateTests.date((police["request"] as? [String: Any])?["dueAt"])
            #expect(due == start.addingTimeInterval(2 * 3600))

            // Three hours on, by the API (the manual clock under the test clock stands still).
            let moved = try await hub.request(.put, "/api/v1/test-clock", token: admin, json: ["advanceSeconds": 3 * 3600])
            #expect(moved.status == .ok, "\(moved.text)")
            let now = hub.environment.clock.now()
            #expect(now == start.addingTimeInterval(3 * 3600))
            #expect(moved.json["now"] as? String == HubDateFormat.string(from: now))
            #expect(moved.json["offsetSeconds"] as? Double == Double(3 * 3600))
            #expect(try await Self.testClockMoves(hub) == [[
                "from": HubDateFormat.string(from: start), "to": HubDateFormat.string(from: now), "offsetSeconds": "10800.0",
            ]])

            // The sweep, as the server's worker runs it on the application's clock.
            let swept = try await SLASweep(database: hub.environment.database).run(now: hub.environment.clock.now())
            #expect(swept.breaches == 2)  // police and health; the strategy discussion is due in 24 h
            let triageAgain = try await hub.signIn("triage")  // three hours idle ended the session
            let breached = try await hub.request(.get, "/api/v1/incidents/\(incidentId)", token: triageAgain)
            #expect(breached.json["breached"] as? Bool == true)
            #expect((breached.json["shareRequests"] as? [[String: Any]])?.allSatisfy { $0["breached"] as? Bool == true } == true)
            let timeline = try await hub.request(.get, "/api/v1/incidents/\(incidentId)/timeline", token: triageAgain)
            let kinds = (timeline.json["events"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
            #expect(kinds.filter { $0 == "breached" }.count == 2)
            let board = try await hub.request(.get, "/api/v1/incidents?breached=true", token: triageAgain)
            #expect((board.json["items"] as? [[String: Any]])?.contains { $0["id"] as? String == incidentId } == true)

            // The police answer now: late.
            let answer = try await hub.request(.post, "/api/v1/share-requests/\(policeRequestId)/response", token: try await hub.signIn("police"),
                                               json: ["kind": "nothing_known"])
            #expect(answer.status == .created, "\(answer.text)")
            #expect(answer.json["answeredOnTime"] as? Bool == false)
            let answered = try await hub.request(.get, "/api/v1/incidents/\(incidentId)", token: triageAgain)
            let policeAfter = (answered.json["shareRequests"] as? [[String: Any]])?.first { $0["agency"] as? String == "piphire_police" }
            #expect(policeAfter?["answeredOnTime"] as? Bool == false)
            #expect((policeAfter?["request"] as? [String: Any])?["answeredAt"] as? String == HubDateFormat.string(from: now))
        }
    }

    @Test("moves to an instant, forward only, by administrators only; each refusal names its field")
    func movesAndRefusals() async throws {
        try await TestHub.run(testClock: true) { (hub: TestHub) async throws in
            let admin = try await hub.signIn("admin")
            let triage = try await hub.signIn("triage")
            let start = hub.clock.now()
            #expect(try await hub.request(.get, "/api/v1/test-clock", token: triage).status == .forbidden)
            #expect(try await hub.request(.put, "/api/v1/test-clock", token: triage, json: ["advanceSeconds": 60]).status == .forbidden)
            #expect(try await hub.request(.get, "/api/v1/test-clock").status == .unauthorized)

            let target = start.addingTimeInterval(86400)
            let moved = try await hub.request(.put, "/api/v1/test-clock", token: admin, json: ["now": HubDateFormat.string(from: target)])
            #expect(moved.status == .ok, "\(moved.text)")
            #expect(hub.environment.clock.now() == target)
            let admin2 = try await hub.signIn("admin")

            func refusedField(_ body: [String: Any]) async throws -> [String] {
                let reply = try await hub.request(.put, "/api/v1/test-clock", token: admin2, json: body)
                #expect(reply.status == .unprocessableContent, "\(reply.text)")
                #expect(reply.contentType == "application/problem+json")
                return (reply.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            }
            #expect(try await refusedField(["now": HubDateFormat.string(from: start)]) == ["now"])  // backwards
            #expect(try await refusedField(["advanceSeconds": -60]) == ["advanceSeconds"])
            #expect(try await refusedField(["now": HubDateFormat.string(from: target), "advanceSeconds": 60]) == ["advanceSeconds"])
            #expect(try await refusedField([:]) == ["now"])
            #expect(try await refusedField(["now": "next Tuesday"]) == ["now"])
            #expect(try await refusedField(["advanceSeconds": "soon"]) == ["advanceSeconds"])
            #expect(try await refusedField(["later": 5]) == ["later"])
            #expect(hub.environment.clock.now() == target)
            #expect(try await Self.testClockMoves(hub).count == 1)
        }
    }

    @Test("without HUB_TEST_CLOCK the route does not exist")
    func absentByDefault() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let admin = try await hub.signIn("admin")
            for method in [HTTPRequest.Method.get, .put] {
                let signedIn = try await hub.request(method, "/api/v1/test-clock", token: admin, json: ["advanceSeconds": 60])
                #expect(signedIn.status == .notFound)
                #expect(signedIn.contentType == "application/problem+json")
                #expect(try await hub.request(method, "/api/v1/test-clock").status == .notFound)
            }
            #expect(hub.environment.testClock == nil)
        }
        #expect(try OpenAPIDocumentTests.servedRoutesWithoutTestClock().filter { $0.contains("test-clock") }.isEmpty)
    }

    @Test("HUB_TEST_CLOCK turns the test clock on, and production refuses it")
    func settings() async throws {
        #expect(try ServeSettings(HubConfiguration(environment: [:])).clock is SystemClock)
        #expect(try ServeSettings(HubConfiguration(environment: ["HUB_TEST_CLOCK": "1"])).clock is TestClock)
        #expect(try ServeSettings(HubConfiguration(environment: ["HUB_TEST_CLOCK": "1", "HUB_ENVIRONMENT": "staging"])).clock is TestClock)
        #expect(try ServeSettings(HubConfiguration(environment: ["HUB_TEST_CLOCK": "0", "HUB_ENVIRONMENT": "production"])).clock is SystemClock)
        let production = HubConfiguration(environment: ["HUB_TEST_CLOCK": "1", "HUB_ENVIRONMENT": "production"])
        #expect(production.isProduction)
        func isTheRefusal(_ error: any Error) -> Bool {
            (error as? ValidationError)?.message.hasPrefix("HUB_TEST_CLOCK is on but HUB_ENVIRONMENT is production") == true
        }
        #expect(performing: { try ServeSettings(production) }, throws: isTheRefusal)
        // `hub serve` stops with that message before it opens the database.
        let serve = try ServeCommand.parse(["--database-url", "postgres://nobody@127.0.0.1:1/none"])
        await #expect(performing: { try await serve.run(configuration: production) }, throws: isTheRefusal)
    }
}
