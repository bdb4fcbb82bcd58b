import HubData
import HubWorkflow
import Logging

/// The SLA sweep every `interval`: warnings at 75% of a target and breaches at the due time, each emitted
/// once to the outbox and the timeline, however many `hub serve` processes run it; then the same for referrers'
/// feedback clocks (``FeedbackSweep``).
enum SLASweepWorker {
    static func worker(
        sweep: SLASweep, feedback: FeedbackSweep, clock: any WallClock, interval: Duration, limits: WorkerLimits, logger: Logger, gate: StartupGate, health: WorkerHealth
    ) -> PeriodicWorker {
        PeriodicWorker(name: "SLA sweep", key: "sla_sweep", interval: interval, limits: limits, gate: gate, health: health, logger: logger) {
            let now = clock.now()
            let result = try await sweep.run(now: now)
            if result.warnings + result.breaches > 0 {
                logger.info("SLA sweep", metadata: ["warnings": "\(result.warnings)", "breaches": "\(result.breaches)"])
            }
            let fed = try await feedback.run(now: now)
            if fed.warnings + fed.breaches > 0 {
                logger.info("feedback sweep", metadata: ["warnings": "\(fed.warnings)", "breaches": "\(fed.breaches)"])
            }
        }
    }
}
