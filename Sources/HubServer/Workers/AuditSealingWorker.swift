import HubData
import Logging

/// Seals new audit events into the hash chain every `interval`.
enum AuditSealingWorker {
    static func worker(sealer: AuditSealer, interval: Duration, logger: Logger, gate: StartupGate) -> PeriodicWorker {
        PeriodicWorker(name: "audit sealing", interval: interval, gate: gate, logger: logger) {
            while try await sealer.sealPending() > 0 {}
        }
    }
}
