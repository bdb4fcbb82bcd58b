import Foundation
import HubTestSupport
import Testing

@Suite("Health, readiness and metrics")
struct OperationsTests {
    @Test func healthAndReadiness() async throws {
        try await TestHub.run(seed: false) { (hub: TestHub) async throws in
            #expect(try await hub.request(.get, "/health").status == .ok)
            // A connection opened first, as a server's start-up (its migrations) leaves one: /ready's probe has 1.5 s,
            // and a new connection's start on a busy two-core machine is not what it measures.
            try await hub.environment.database.query("SELECT 1")
            let ready = try await hub.request(.get, "/ready")
            #expect(ready.status == .ok)
            #expect(ready.json["status"] as? String == "ready")
        }
    }

    @Test func metricsCountRequestsByRouteTemplateAndStatus() async throws {
        try await TestHub.run(seed: false) { (hub: TestHub) async throws in
            try await hub.request(.get, "/health")
            #expect(try await hub.request(.post, "/api/v1/users/someone/disable").status == .unauthorized)
            try await hub.environment.database.query("SELECT 1")  // whatever else ran in this process
            let metrics = try await hub.request(.get, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains("hub_http_requests_total{method=\"GET\",route=\"/health\",status=\"200\"}"))
            #expect(metrics.text.contains("hub_http_requests_total{method=\"POST\",route=\"/api/v1/users/{username}/disable\",status=\"401\"} 1"))
            #expect(metrics.text.contains("hub_http_request_duration_seconds_bucket"))
            #expect(metrics.text.contains("hub_db_query_duration_seconds"))
            #expect(!metrics.text.contains("someone"))
        }
    }
}
