import ArgumentParser
import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import HubWorkflow
import PostgresNIO
import Testing
@testable import HubServer

/// The partnership's choice of calendar policy per SLA clock: read and changed by administrators through
/// `/api/v1/sla-policies` (validated, audited with before and after), given by the operator's `HUB_SLA_POLICIES`
/// file at start, and read from the database whenever a clock starts or is retargeted.
@Suite("SLA clock policies: the administrator's API, the file and the database")
struct SLAPolicyTests {
    typealias F = WorkflowFixtures

    static let cwmTaf = ["red": "working-week", "amber": "working-week", "green": "working-week", "strategyDiscussion": "continuous"]

    /// The `sla_policies.change` audit events: who, and the detail, oldest first.
    static func changes(_ hub: TestHub) async throws -> [(username: String?, detail: [String: String])] {
        try await hub.superuser { connection in
            try await connection.query(
                "SELECT username, detail::text FROM audit_events WHERE action = 'sla_policies.change' ORDER BY id",
                logger: hub.environment.logger
            ).collect().map { row in
                let (username, detail) = try row.decode((String?, String).self)
                return (username, try JSONDecoder().decode([String: String].self, from: Data(detail.utf8)))
            }
        }
    }

    @Test("the default is continuous for every clock; an administrator changes it, audited with before and after")
    func readAndChange() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let admin = try await hub.signIn("admin")
            let read = try await hub.request(.get, "/api/v1/sla-policies", token: admin)
            #expect(read.status == .ok)
            #expect(read.headers[.eTag] == "\"1\"")
            for clock in ["red", "amber", "green", "strategyDiscussion"] { #expect(read.json[clock] as? String == "continuous") }
            #expect(read.json["version"] as? Int == 1)
            #expect(read.json["available"] as? [String] == ["continuous", "working-hours", "working-week"])

            let changed = try await hub.request(.put, "/api/v1/sla-policies", token: admin, json: Self.cwmTaf, headers: [.ifMatch: "\"1\""])
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(changed.headers[.eTag] == "\"2\"")
            #expect(changed.json["amber"] as? String == "working-week")
            #expect(changed.json["strategyDiscussion"] as? String == "continuous")
            #expect(changed.json["version"] as? Int == 2)
            #expect(changed.json["changedAt"] as? String == HubDateFormat.string(from: hub.clock.now()))
            let again = try await hub.request(.get, "/api/v1/sla-policies", token: admin)
            #expect(again.json["red"] as? String == "working-week")

            let audited = try await Self.changes(hub)
            #expect(audited.count == 1)
            #expect(audited.first?.username == "admin")
            #expect(audited.first?.detail["before"] == "red=continuous amber=continuous green=continuous strategyDiscussion=continuous feedback=working-week")
            #expect(audited.first?.detail["after"] == "red=working-week amber=working-week green=working-week strategyDiscussion=continuous feedback=working-week")
            #expect(audited.first?.detail["version"] == "2")

            // The same choice again changes and records nothing.
            let same = try await hub.request(.put, "/api/v1/sla-policies", token: admin, json: Self.cwmTaf, headers: [.ifMatch: "\"2\""])
            #expect(same.status == .ok)
            #expect(same.json["version"] as? Int == 2)
            #expect(try await Self.changes(hub).count == 1)
        }
    }

    @Test("only administrators; If-Match required and current; every clock named with a policy on offer")
    func refusals() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let admin = try await hub.signIn("admin")
            let manager = try await hub.signIn("manager")
            #expect(try await hub.request(.get, "/api/v1/sla-policies", token: manager).status == .forbidden)
            let forbidden = try await hub.request(.put, "/api/v1/sla-policies", token: manager, json: Self.cwmTaf, headers: [.ifMatch: "\"1\""])
            #expect(forbidden.status == .forbidden)
            #expect(forbidden.contentType == "application/problem+json")
            #expect(try await hub.request(.get, "/api/v1/sla-policies").status == .unauthorized)

            let noIfMatch = try await hub.request(.put, "/api/v1/sla-policies", token: admin, json: Self.cwmTaf)
            #expect(noIfMatch.status == .preconditionRequired)
            let stale = try await hub.request(.put, "/api/v1/sla-policies", token: admin, json: Self.cwmTaf, headers: [.ifMatch: "\"7\""])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.headers[.eTag] == "\"1\"")

            func fields(_ body: [String: Any]) async throws -> [String] {
                let reply = try await hub.request(.put, "/api/v1/sla-policies", token: admin, json: body, headers: [.ifMatch: "\"1\""])
                #expect(reply.status == .unprocessableContent, "\(reply.text)")
                #expect(reply.contentType == "application/problem+json")
                return (reply.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            }
            var unknown = Self.cwmTaf
            unknown["amber"] = "weekdays"
            unknown["strategyDiscussion"] = "24/7"
            #expect(try await fields(unknown) == ["amber", "strategyDiscussion"])
            var missing = Self.cwmTaf
            missing["green"] = nil
            #expect(try await fields(missing) == ["green"])
            var extra = Self.cwmTaf
            extra["blue"] = "continuous"
            #expect(try await fields(extra) == ["blue"])
            var mistyped: [String: Any] = Self.cwmTaf
            mistyped["red"] = 2
            #expect(try await fields(mistyped) == ["red"])

            // Nothing was changed or recorded.
            #expect(try await hub.request(.get, "/api/v1/sla-policies", token: admin).json["version"] as? Int == 1)
            #expect(try await Self.changes(hub).isEmpty)
        }
    }

    @Test("a clock starting or retargeted reads the current choice, whichever server changed it")
    func clocksReadTheChoiceFromTheDatabase() async throws {
        // Friday 29 October 2027, 22:30 BST: an amber incident, counted continuously.
        let friday = try Date.ISO8601FormatStyle().parse("2027-10-29T22:30:00+01:00")
        try await TestHub.run(clock: ManualClock(friday)) { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let incident = try await SLAPolicyDueDateTests.decide(hub, triage, rag: "amber")
            let incidentId = try #require(incident["id"] as? String)
            let requests = try #require(incident["shareRequests"] as? [[String: Any]])
            #expect(requests.count == 2)
            #expect(requests.allSatisfy { $0["clockPolicy"] as? String == "continuous" })

            // Another server on the same database applies a file ten minutes later: the RAG clocks in the working week,
            // the strategy discussion in working hours.
            hub.clock.advance(by: 600)
            let otherServer = UseCases(environment: hub.environment, stores: Stores(database: hub.environment.database))
            try await otherServer.changeSLAPolicies.applyConfigured(
                SLAClockPolicyChoice(red: "working-week", amber: "working-week", green: "working-week", strategyDiscussion: "working-hours"),
                file: "/etc/hub/sla-policies.json")

            // Re-rated red now: 10 minutes counted, 110 to go in the working week: 80 to Friday midnight BST, then
            // 30 on Monday 1 November from 00:00 GMT.
            let etag = try #require(try await hub.request(.get, "/api/v1/incidents/\(incidentId)", token: triage).headers[.eTag])
            let reRated = try await hub.request(.patch, "/api/v1/incidents/\(incidentId)", token: triage,
                                                json: ["rag": "red", "rationale": "Disclosure of injury."], headers: [.ifMatch: etag])
            #expect(reRated.status == .ok, "\(reRated.text)")
            let monday = try Date.ISO8601FormatStyle().parse("2027-11-01T00:30:00+00:00")
            let reRatedRequests = try #require(reRated.json["shareRequests"] as? [[String: Any]])
            #expect(reRatedRequests.count == 2)
            for request in reRatedRequests {
                #expect(try SLAPolicyDueDateTests.date((request["request"] as? [String: Any])?["dueAt"]) == monday)
                #expect(request["clockPolicy"] as? String == "working-week")
            }
            // A request sent now starts under the new choice: 2 hours of the working week from Friday 22:40 BST.
            let asked = try await hub.request(.post, "/api/v1/incidents/\(incidentId)/share-requests", token: triage,
                                              json: ["agencies": ["pip_education"]], headers: [.ifMatch: try #require(reRated.headers[.eTag])])
            #expect(asked.status == .created, "\(asked.text)")
            let education = try #require((asked.json["shareRequests"] as? [[String: Any]])?.first { $0["agency"] as? String == "pip_education" })
            #expect(try SLAPolicyDueDateTests.date((education["request"] as? [String: Any])?["dueAt"])
                == (try Date.ISO8601FormatStyle().parse("2027-11-01T00:40:00+00:00")))
            #expect(education["clockPolicy"] as? String == "working-week")
            // The strategy discussion clock started before the change keeps its policy (it is not retargeted).
            #expect(asked.json["strategyDiscussionClockPolicy"] as? String == "continuous")

            let audited = try await Self.changes(hub)
            #expect(audited.first?.username == nil)
            #expect(audited.first?.detail["source"] == "HUB_SLA_POLICIES")
            #expect(audited.first?.detail["file"] == "/etc/hub/sla-policies.json")
        }
    }

    @Test("the HUB_SLA_POLICIES file is read strictly and applied at start")
    func fileAtStart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-sla-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ name: String, _ text: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }
        let good = try write("cwm-taf.json", #"{"red": "working-week", "amber": "working-week", "green": "working-week", "strategyDiscussion": "continuous"}"#)
        let file = try SLAPolicyFile.load(path: good)
        #expect(file.choice == SLAClockPolicyChoice(red: "working-week", amber: "working-week", green: "working-week", strategyDiscussion: "continuous"))

        func refusal(_ path: String) -> String {
            do {
                _ = try SLAPolicyFile.load(path: path)
                return "accepted"
            } catch {
                return error.description
            }
        }
        let unknown = try write("unknown.json", #"{"red": "weekdays", "amber": "continuous", "green": "continuous", "strategyDiscussion": "continuous"}"#)
        #expect(refusal(unknown).hasPrefix("HUB_SLA_POLICIES names \(unknown), which was refused: red: must be one of continuous, working-hours, working-week"))
        let missing = try write("missing.json", #"{"red": "continuous", "amber": "continuous", "green": "continuous"}"#)
        #expect(refusal(missing).contains("strategyDiscussion: is required"))
        let extra = try write("extra.json", #"{"red": "continuous", "amber": "continuous", "green": "continuous", "strategyDiscussion": "continuous", "blue": "x"}"#)
        #expect(refusal(extra).contains("blue: is not a field of this request"))
        #expect(refusal(try write("broken.json", "{red")).hasPrefix("HUB_SLA_POLICIES names"))
        #expect(refusal(folder.appendingPathComponent("absent.json").path).contains("absent.json"))

        // `hub serve` refuses a bad file before it starts anything, naming the variable.
        let stopped = #expect(throws: ValidationError.self) { try ServeSettings(HubConfiguration(environment: ["HUB_SLA_POLICIES": unknown])) }
        #expect(stopped?.message == refusal(unknown))
        #expect(try ServeSettings(HubConfiguration(environment: ["HUB_SLA_POLICIES": good])).slaPolicyFile == file)

        try await TestHub.run(slaPolicyFile: file) { (hub: TestHub) async throws in
            let admin = try await hub.signIn("admin")
            let read = try await hub.request(.get, "/api/v1/sla-policies", token: admin)
            #expect(read.json["green"] as? String == "working-week")
            #expect(read.json["strategyDiscussion"] as? String == "continuous")
            #expect(read.json["version"] as? Int == 2)
            let audited = try await Self.changes(hub)
            #expect(audited.count == 1)
            #expect(audited.first?.detail["source"] == "HUB_SLA_POLICIES")
            #expect(audited.first?.detail["after"] == "red=working-week amber=working-week green=working-week strategyDiscussion=continuous feedback=working-week")
        }
    }

    @Test("a stored policy no catalog offers is refused when read, never taken for a default")
    func strictlyRead() async throws {
        try await TestHub.run(seed: false) { (hub: TestHub) async throws in
            _ = try await hub.superuser { connection in
                try await connection.query("UPDATE sla_policies SET amber = 'weekends'", logger: hub.environment.logger)
            }
            let store = SLAPolicyStore(database: hub.environment.database)
            await #expect(throws: UnknownStoredValue.self) {
                try await hub.environment.database.withConnection { try await store.current(on: $0) }
            }
        }
    }
}
