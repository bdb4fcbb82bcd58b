import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import Testing

/// Every operation of docs/openapi.yaml is driven through the router at least once, succeeds at least once, and
/// answers only statuses the document gives it. The drive is the API snapshot's walk (``SnapshotWalk``), plus what
/// the walk cannot reach: `/metrics`, and the test clock's routes, which exist only with `HUB_TEST_CLOCK` on. A new
/// operation in the document that nothing calls fails here by name; so does a status the document does not list
/// (it found five: a malformed id or query on three reads, and ratification's 404 and 422).
@Suite("Every documented operation is exercised")
struct OperationCoverageTests {
    typealias Call = (method: String, path: String, status: Int)

    @Test(.timeLimit(.minutes(5))) func everyOperationIsCalledSucceedsAndAnswersOnlyDocumentedStatuses() async throws {
        let operations = try OpenAPIOperations.load()
        var calls = try await TestHub.run { (hub: TestHub) async throws -> [Call] in
            let walk = SnapshotWalk(hub: hub)
            try await walk.run()
            try await walk.call(.get, "/metrics")
            // The walk's extracts leave no link review to decide: one put in the review band by hand, as
            // TrackerLinkReviewTests does, and confirmed.
            try await hub.environment.database.query(
                """
                INSERT INTO link_reviews (record_a, record_b, score, probability, explanation, created_at)
                SELECT min(id), max(id), 3.0, 0.9, '{}'::jsonb, now() FROM tracker_records
                WHERE source_record_id IN ('CSC0010670', 'M00412233')
                """)
            let triage = try await hub.signIn("triage")
            let reviews = try await hub.request(.get, "/api/v1/tracker/reviews", token: triage)
            let review = try #require((reviews.json["items"] as? [[String: Any]])?.first?["id"] as? Int)
            try await walk.call(.post, "/api/v1/tracker/reviews/\(review)", triage, json: ["decision": "confirm"])
            return walk.calls.withLock { $0 }
        }
        calls += try await TestHub.run(testClock: true) { (hub: TestHub) async throws -> [Call] in
            let walk = SnapshotWalk(hub: hub)
            let admin = try await hub.signIn("admin")
            try await walk.call(.get, "/api/v1/test-clock", admin)
            try await walk.call(.put, "/api/v1/test-clock", admin, json: ["advanceSeconds": 60])
            try await walk.call(.put, "/api/v1/test-clock", admin, json: ["advanceSeconds": -1])
            return walk.calls.withLock { $0 }
        }

        var driven: [String: [Int]] = [:]
        var unmatched: [String] = []
        for call in calls {
            guard let operation = operations.first(where: { $0.matches(method: call.method, path: call.path) }) else {
                unmatched.append("\(call.method) \(call.path)")
                continue
            }
            driven[operation.name, default: []].append(call.status)
        }
        let missing = operations.map(\.name).filter { driven[$0] == nil }
        #expect(missing.isEmpty, "operations no test drives: \(missing.joined(separator: ", "))")
        let neverSucceeded = operations.map(\.name).filter { name in !(driven[name] ?? []).contains { (200..<300).contains($0) } }
        #expect(neverSucceeded.isEmpty, "operations that never succeeded: \(neverSucceeded.joined(separator: ", "))")
        for operation in operations {
            let undocumented = Set(driven[operation.name] ?? []).subtracting(operation.statuses).sorted()
            #expect(undocumented.isEmpty, "\(operation.name) answered \(undocumented), which the document does not list (\(operation.statuses.sorted()))")
        }
        // The one request outside the document is the walk's route that does not exist.
        #expect(unmatched == ["GET /api/v1/nothing-here"])
        // All of the document's operations: the reading above missed none. Counted independently of it, as the
        // method keys (four spaces in, under a path) of the document's text.
        let text = try String(contentsOf: ProjectLayout.locate().docs.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        let methodKeys = text.split(separator: "\n").filter { line in
            ["get", "put", "post", "patch", "delete", "head", "options"].contains { line == "    \($0):" }
        }
        #expect(operations.count == methodKeys.count)
        #expect(operations.count >= 55)
    }
}
