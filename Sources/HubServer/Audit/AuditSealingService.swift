import HubData
import Logging
import ServiceLifecycle

/// Runs the audit sealer every `interval` until the server shuts down.
struct AuditSealingService: Service {
    let sealer: AuditSealer
    let interval: Duration
    let logger: Logger
    let gate: StartupGate

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await gate.wait()
            while !Task.isCancelled {
                do {
                    while try await sealer.sealPending() > 0 {}
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("audit sealing failed; will retry", metadata: ["error": "\(String(reflecting: error))"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
