import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import Testing
@testable import HubServer

@Suite("SLA warnings, breaches and the outbox")
struct SLAEscalationTests {
    typealias F = WorkflowFixtures

    /// Opens an incident rated `rag` and asks two agencies; returns the incident id.
    func openIncident(_ hub: TestHub, _ token: String, rag: String) async throws -> String {
        let created = try await hub.request(.post, "/api/v1/referrals", token: token, json: F.c1(receivedAt: hub.clock.now().addingTimeInterval(-60)))
        let id = try #require(created.json["id"] as? String)
        let decided = try await hub.request(.post, "/api/v1/referrals/\(id)/decision", token: token, json: [
            "kind": "meets_threshold", "rationale": "Share.", "ragRating": rag, "shareWith": ["piphire_police", "piphire_uhb"],
        ], headers: [.ifMatch: try #require(created.headers[.eTag])])
        return try #require((decided.json["incident"] as? [String: Any])?["id"] as? String)
    }

    @Test func concurrentSweepersEmitEachWarningAndBreachOnce() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            for _ in 0..<10 { _ = try await openIncident(hub, triage, rag: "red") }  // 20 clocks, due in 2 h
            let database = hub.environment.database
            hub.clock.advance(by: 3 * 3600)
            let now = hub.clock.now()
            let totals = try await withThrowingTaskGroup(of: SLASweep.Result.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        var total = SLASweep.Result()
                        for _ in 0..<5 {
                            let result = try await SLASweep(database: database).run(now: now, limit: 3)
                            total.warnings += result.warnings
                            total.breaches += result.breaches
                        }
                        return total
                    }
                }
                var sum = SLASweep.Result()
                for try await result in group { sum.warnings += result.warnings; sum.breaches += result.breaches }
                return sum
            }
            // Twenty passes of up to three each are enough for twenty clocks: a pass finds fewer than three only when
            // the rest are claimed (or locked by a pass that will claim them), so the passes between them emit every
            // warning and breach, each once, and a further pass finds nothing.
            #expect(totals == SLASweep.Result(warnings: 20, breaches: 20))
            #expect(try await SLASweep(database: database).run(now: now) == SLASweep.Result())
            let breaches = try await OutboxStore(database: database).messages(topic: "sla.breach")
            let warnings = try await OutboxStore(database: database).messages(topic: "sla.warning")
            #expect(breaches.count == 20)
            #expect(Set(breaches.map(\.dedupeKey)).count == 20)
            #expect(warnings.count == 20)
            #expect(Set(warnings.map(\.dedupeKey)).count == 20)
            let timelineBreaches = try await hub.superuser {
                try await $0.query("SELECT count(*) FROM timeline_events WHERE kind = 'breached'", logger: hub.environment.logger)
                    .collect().first!.decode(Int.self)
            }
            #expect(timelineBreaches == 20)
            // A second pass finds nothing new.
            #expect(try await SLASweep(database: database).run(now: now.addingTimeInterval(60)) == SLASweep.Result())
            // The board shows them as breached.
            let board = try await hub.request(.get, "/api/v1/incidents?breached=true", token: try await hub.signIn("triage"))
            #expect((board.json["items"] as? [Any])?.count == 10)
        }
    }

    @Test func warningAtThreeQuartersThenBreachAtDue() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let incidentId = try await openIncident(hub, triage, rag: "red")
            let sweep = SLASweep(database: hub.environment.database)
            hub.clock.advance(by: 89 * 60)  // 74%
            #expect(try await sweep.run(now: hub.clock.now()) == SLASweep.Result())
            hub.clock.advance(by: 60)  // 75%
            #expect(try await sweep.run(now: hub.clock.now()) == SLASweep.Result(warnings: 2, breaches: 0))
            hub.clock.advance(by: 29 * 60 + 59)  // one second before due
            #expect(try await sweep.run(now: hub.clock.now()) == SLASweep.Result())
            hub.clock.advance(by: 1)
            #expect(try await sweep.run(now: hub.clock.now()) == SLASweep.Result(warnings: 0, breaches: 2))
            let token = try await hub.signIn("triage")
            let timeline = try await hub.request(.get, "/api/v1/incidents/\(incidentId)/timeline", token: token)
            let kinds = (timeline.json["events"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
            #expect(kinds.filter { $0 == "warned" }.count == 2)
            #expect(kinds.filter { $0 == "breached" }.count == 2)
        }
    }

    @Test func reRatingRecomputesOpenClocksKeepingElapsedTime() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let opened = hub.clock.now()
            let incidentId = try await openIncident(hub, triage, rag: "amber")  // due in 24 h
            hub.clock.advance(by: 20 * 60)
            let token = try await hub.signIn("triage")
            let etag = try #require(try await hub.request(.get, "/api/v1/incidents/\(incidentId)", token: token).headers[.eTag])
            let reRated = try await hub.request(.patch, "/api/v1/incidents/\(incidentId)", token: token,
                                                json: ["rag": "red", "rationale": "Disclosure of injury."], headers: [.ifMatch: etag])
            #expect(reRated.status == .ok)
            let requests = try #require(reRated.json["shareRequests"] as? [[String: Any]])
            for request in requests {
                let dueText = try #require((request["request"] as? [String: Any])?["dueAt"] as? String)
                let due = try #require(HubDateFormat.date(from: dueText))
                #expect(abs(due.timeIntervalSince(opened.addingTimeInterval(2 * 3600))) < 1)  // red: 2 h from the start
            }
        }
    }

    /// docs/architecture.md: "Re-rating bumps the clock's generation so a new due time can warn and breach again."
    /// A red incident's two clocks warn and breach; re-rated amber two hours in, they run to the amber due time (24 h
    /// from the start, warning at 18 h) and warn and breach there again, each once, under a new outbox key.
    @Test func reRatedClocksWarnAndBreachAgainAtTheNewDueTime() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let started = hub.clock.now()
            let incidentId = try await openIncident(hub, triage, rag: "red")
            let sweep = SLASweep(database: hub.environment.database)
            hub.clock.advance(by: 2 * 3600)
            #expect(try await sweep.run(now: hub.clock.now()) == SLASweep.Result(warnings: 2, breaches: 2))
            #expect(try await sweep.run(now: hub.clock.now()) == SLASweep.Result())

            let token = try await hub.signIn("triage")
            let etag = try #require(try await hub.request(.get, "/api/v1/incidents/\(incidentId)", token: token).headers[.eTag])
            let reRated = try await hub.request(.patch, "/api/v1/incidents/\(incidentId)", token: token,
                                                json: ["rag": "amber", "rationale": "Injury seen by the GP was minor."], headers: [.ifMatch: etag])
            #expect(reRated.status == .ok, "\(reRated.text)")

            func sweepAt(hours: Double) async throws -> SLASweep.Result {
                hub.clock.set(started.addingTimeInterval(hours * 3600))
                return try await sweep.run(now: hub.clock.now())
            }
            #expect(try await sweepAt(hours: 18 - 1.0 / 3600) == SLASweep.Result())
            #expect(try await sweepAt(hours: 18) == SLASweep.Result(warnings: 2, breaches: 0))
            #expect(try await sweepAt(hours: 24 - 1.0 / 3600) == SLASweep.Result())
            #expect(try await sweepAt(hours: 24) == SLASweep.Result(warnings: 0, breaches: 2))
            #expect(try await sweepAt(hours: 30) == SLASweep.Result())

            // Each clock's warning and breach under generation 1 (red) and 2 (amber), with the amber deadlines.
            let outbox = OutboxStore(database: hub.environment.database)
            for (topic, amberDeadline) in [("sla.warning", 18.0), ("sla.breach", 24.0)] {
                let messages = try await outbox.messages(topic: topic)
                #expect(messages.count == 4, "\(topic)")
                #expect(messages.map { $0.dedupeKey.split(separator: ":").last.map(String.init) } == ["1", "1", "2", "2"])
                #expect(Set(messages.map { $0.dedupeKey.split(separator: ":")[1] }).count == 2)
                let payloads = try messages.map { try #require(JSONSerialization.jsonObject(with: Data($0.payload.utf8)) as? [String: Any]) }
                #expect(payloads.map { $0["rag"] as? String } == ["red", "red", "amber", "amber"])
                let deadline = WorkflowFixtures.instant(started.addingTimeInterval(amberDeadline * 3600))
                #expect(payloads.suffix(2).map { $0["deadline"] as? String } == [deadline, deadline])
            }
            let timeline = try await hub.request(.get, "/api/v1/incidents/\(incidentId)/timeline", token: try await hub.signIn("triage"))
            #expect(timeline.status == .ok)
            let kinds = (timeline.json["events"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
            #expect(kinds.filter { $0 == "warned" }.count == 4)
            #expect(kinds.filter { $0 == "breached" }.count == 4)
        }
    }

    @Test func deliversToTheWebhookWithRetries() async throws {
        // A real HTTP receiver that fails the first delivery of each message, then accepts.
        let received = Mutex<[String]>([])
        let seen = Mutex<Set<String>>([])
        let receiver = Router()
        receiver.post("hook") { request, _ -> HTTPResponse.Status in
            let delivery = request.headers[HTTPField.Name("X-Hub-Delivery")!] ?? ""
            let first = seen.withLock { $0.insert(delivery).inserted }
            if first { return .serviceUnavailable }
            received.withLock { $0.append(delivery) }
            return .noContent
        }
        let receiverApp = Application(router: receiver, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await receiverApp.test(.live) { client in
            let port = try #require(client.port)
            try await TestHub.run { (hub: TestHub) async throws in
                let triage = try await hub.signIn("triage")
                _ = try await openIncident(hub, triage, rag: "red")
                hub.clock.advance(by: 3 * 3600)
                _ = try await SLASweep(database: hub.environment.database).run(now: hub.clock.now())
                let service = OutboxDelivery(
                    outbox: OutboxStore(database: hub.environment.database), database: hub.environment.database,
                    target: WebhookTarget(url: "http://127.0.0.1:\(port)/hook", secret: "s3cret"), clock: hub.clock)
                #expect(try await service.deliverBatch() == 4)  // 2 warnings + 2 breaches, all refused once
                #expect(try await service.deliverBatch() == 0)  // not due again yet
                hub.clock.advance(by: 31)
                #expect(try await service.deliverBatch() == 4)
                #expect(received.withLock { $0.count } == 4)
                let pending = try await hub.superuser {
                    try await $0.query("SELECT count(*) FROM outbox WHERE delivered_at IS NULL", logger: hub.environment.logger)
                        .collect().first!.decode(Int.self)
                }
                #expect(pending == 0)
            }
        }
    }
}
