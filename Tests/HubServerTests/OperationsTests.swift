import Foundation
import HubTestSupport
import Testing

@Suite("Health, readiness and metrics")
struct OperationsTests {
    @Test func healthAndReadiness() async throws {
        try await TestHub.run(seed: false) { (hub: TestHub) async throws in
            #expect(try await hub.request(.get, "/health").status == .ok)
            // A connection opened first, as a server's start-up (its migrations) leaves one: /ready's probe is short (1.5 s by default),
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
            // The metrics are the process's, shared with every test that ran before or runs beside this one (the
            // OpenAPI walkers call this route unauthenticated too): the count is read before and after.
            let series = "hub_http_requests_total{method=\"POST\",route=\"/api/v1/users/{username}/disable\",status=\"401\"}"
            let before = Self.value(of: series, in: try await hub.request(.get, "/metrics").text) ?? 0
            #expect(try await hub.request(.post, "/api/v1/users/someone/disable").status == .unauthorized)
            try await hub.environment.database.query("SELECT 1")  // whatever else ran in this process
            let metrics = try await hub.request(.get, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains("hub_http_requests_total{method=\"GET\",route=\"/health\",status=\"200\"}"))
            let after = try #require(Self.value(of: series, in: metrics.text), "no \(series) in /metrics")
            #expect(after >= before + 1, "the refused request was not counted under its route template")
            #expect(metrics.text.contains("hub_http_request_duration_seconds_bucket"))
            #expect(metrics.text.contains("hub_db_query_duration_seconds"))
            #expect(!metrics.text.contains("someone"))
        }
    }

    /// The value of one series of a Prometheus text exposition, nil when it is not there.
    static func value(of series: String, in text: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }
}
