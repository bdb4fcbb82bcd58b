import Foundation
import HubData
@testable import HubServer
import HubTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// The background workers survive any failure: back-off, recovery, `/ready` when one is stuck, and shutdown that
/// ends while a pass is blocked on the database.
@Suite("Worker recovery")
struct WorkerRecoveryTests {
    @Test func backOffDoublesFromHalfASecondUpToTenSeconds() {
        let backOff = WorkerBackOff()
        #expect((1...7).map { backOff.delay(afterFailures: $0) } == [
            .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10),
        ])
        #expect(backOff.delay(afterFailures: 1000) == .seconds(10))
    }

    @Test func aFailingWorkerKeepsRunningLogsEachFailureAndRecovers() async throws {
        let log = CapturedLog()
        let gate = StartupGate()
        gate.open()
        let health = WorkerHealth()
        let passes = Mutex(0)
        let limits = WorkerLimits(passTimeout: .seconds(5), stuckAfter: .seconds(60), backOff: WorkerBackOff(first: .milliseconds(10), maximum: .milliseconds(40)))
        let worker = PeriodicWorker(
            name: "Flaky", key: "flaky", interval: .milliseconds(10), limits: limits, gate: gate, health: health, logger: log.logger()
        ) {
            let pass = passes.withLock { $0 += 1; return $0 }
            if pass <= 5 { throw DatabaseUnavailable(.noConnection, retryAfterSeconds: 5) }
        }
        let running = Task { try await worker.run() }
        for _ in 0..<500 where passes.withLock({ $0 }) < 8 { try await Task.sleep(for: .milliseconds(10)) }
        running.cancel()
        _ = await running.result

        let warnings = log.lines.filter { $0.message == "Flaky failed; will retry" }
        #expect(warnings.count == 5)
        #expect(warnings.allSatisfy { $0.level == .warning })
        #expect(warnings.map { $0.metadata["failuresInARow"] } == ["1", "2", "3", "4", "5"])
        #expect(warnings.map { $0.metadata["retryInSeconds"] } == ["0.01", "0.02", "0.04", "0.04", "0.04"])
        #expect(warnings.first?.metadata["error.type"] == "HubData.DatabaseUnavailable")
        #expect(warnings.first?.metadata["error.message"] == "database unavailable: no connection in time")
        let status = try #require(health.all.first)
        #expect(status.failuresInARow == 0)
        #expect(status.lastSuccess != nil)
        #expect(passes.withLock { $0 } >= 8)
    }

    @Test func readyIsUnavailableWhileAWorkerIsStuckPastItsLimit() async throws {
        try await TestHub.run(seed: false) { hub in
            let health = WorkerHealth()
            health.register("audit_sealing", stuckAfter: .seconds(30))
            health.register("referral_alerts", stuckAfter: .seconds(30))
            let now = ContinuousClock.now
            health.started("audit_sealing", at: now - .seconds(40))
            health.succeeded("audit_sealing", at: now - .seconds(5))
            health.started("referral_alerts", at: now - .seconds(40))  // and never a successful pass since
            try await hub.environment.database.query("SELECT 1")  // a connection open, as after a server's start-up
            let stores = Stores(database: hub.environment.database)
            let router = HubApplication.buildRouter(
                environment: hub.environment, stores: stores, useCases: UseCases(environment: hub.environment, stores: stores), workers: health)
            try await Application(router: router).test(.router) { client in
                let stuck = try await client.execute(uri: "/ready", method: .get)
                #expect(stuck.status == .serviceUnavailable)
                let body = try JSONSerialization.jsonObject(with: Data(stuck.body.readableBytesView)) as? [String: Any]
                #expect(body?["status"] as? String == "workers stuck")
                #expect(body?["stuckWorkers"] as? [String] == ["referral_alerts"])

                health.succeeded("referral_alerts", at: .now)
                let ready = try await client.execute(uri: "/ready", method: .get)
                #expect(ready.status == .ok)

                let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
                #expect(metrics.contains("hub_worker_seconds_since_success{worker=\"audit_sealing\"}"))
                #expect(metrics.contains("hub_audit_unsealed_events"))
                #expect(metrics.contains("hub_outbox_pending"))
                #expect(metrics.contains("hub_db_circuit_open 0"))
            }
        }
    }

    @Test func aPassPastItsTimeoutIsEndedAndRetried() async throws {
        try await TestCluster.shared.withFreshDatabase { database in
            let log = CapturedLog()
            let gate = StartupGate()
            gate.open()
            let limits = WorkerLimits(passTimeout: .milliseconds(300), stuckAfter: .seconds(60), backOff: WorkerBackOff(first: .seconds(30), maximum: .seconds(30)))
            let worker = PeriodicWorker(name: "Slow", key: "slow", interval: .seconds(1), limits: limits, gate: gate, logger: log.logger()) {
                try await database.query("SELECT pg_sleep(60)")
            }
            let began = ContinuousClock.now
            let delay = await worker.passOnce()
            #expect(ContinuousClock.now - began < .seconds(15))  // 0.3 s, and the pass's abandonment 5 s later at worst
            #expect(delay == .seconds(30))
            let warning = try #require(log.lines.first { $0.message == "Slow failed; will retry" })
            #expect(warning.metadata["error.message"]?.hasPrefix("database unavailable: deadline passed") == true)
        }
    }

    /// SIGINT starts graceful shutdown: a worker blocked in a statement (here one that sleeps a minute) must end at
    /// once. Before the fix it waited for the statement, and the server for the worker.
    @Test func gracefulShutdownEndsAWorkerBlockedInAStatement() async throws {
        try await TestCluster.shared.withFreshDatabase { database in
            let gate = StartupGate()
            gate.open()
            let started = Mutex(false)
            let limits = WorkerLimits(passTimeout: .seconds(120), stuckAfter: .seconds(600))
            let worker = PeriodicWorker(name: "Blocked", key: "blocked", interval: .seconds(1), limits: limits, gate: gate, logger: TestCluster.shared.logger) {
                started.withLock { $0 = true }
                try await database.query("SELECT pg_sleep(60)")
            }
            let group = ServiceGroup(configuration: .init(services: [worker], logger: TestCluster.shared.logger))
            let running = Task { try await group.run() }
            for _ in 0..<200 where !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
            try await Task.sleep(for: .milliseconds(200))
            let began = ContinuousClock.now
            await group.triggerGracefulShutdown()
            try await running.value
            #expect(ContinuousClock.now - began < .seconds(15))  // at once, not the statement's 60 s
        }
    }
}
