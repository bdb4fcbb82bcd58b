import HubTracker
import HubWorkflow
import Logging

/// Runs the referral alert rules over new referrals every `interval`, in the background, so creating a referral
/// never waits for them; safe with several `hub serve` processes on one database.
enum ReferralAlertWorker {
    static func worker(scan: ReferralAlertScan, clock: any WallClock, interval: Duration, logger: Logger, gate: StartupGate) -> PeriodicWorker {
        PeriodicWorker(name: "Referral alerts", interval: interval, gate: gate, logger: logger) {
            let result = try await scan.run(now: clock.now())
            if result.alerts > 0 {
                logger.info("referral alerts", metadata: ["referrals": "\(result.referrals)", "alerts": "\(result.alerts)"])
            }
        }
    }
}
