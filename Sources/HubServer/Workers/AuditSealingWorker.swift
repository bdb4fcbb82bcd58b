import HubData
import Logging

/// Seals new audit events into the hash chain every `interval`.
enum AuditSealingWorker {
    static func worker(
        sealer: AuditSealer, interval: Duration, limits: WorkerLimits, logger: Logger, gate: StartupGate, health: WorkerHealth
    ) -> PeriodicWorker {
        PeriodicWorker(name: "Audit sealing", key: "audit_sealing", interval: interval, limits: limits, gate: gate, health: health, logger: logger) {
            while try await sealer.sealPending() > 0 {}
        }
    }
}
