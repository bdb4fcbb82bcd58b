import HubTracker
import HubWorkflow
import Logging

/// Runs the referral alert rules over new referrals every `interval`, in the background, so creating a referral
/// never waits for them; safe with several `hub serve` processes on one database.
enum ReferralAlertWorker {
    static func worker(
        scan: ReferralAlertScan, clock: any WallClock, interval: Duration, limits: WorkerLimits, logger: Logger, gate: StartupGate,
        health: WorkerHealth
    ) -> PeriodicWorker {
        PeriodicWorker(name: "Referral alerts", key: "referral_alerts", interval: interval, limits: limits, gate: gate, health: health, logger: logger) {
            let result = try await scan.run(now: clock.now())
            if result.alerts > 0 {
                logger.info("referral alerts", metadata: ["referrals": "\(result.referrals)", "alerts": "\(result.alerts)"])
            }
        }
    }
}
