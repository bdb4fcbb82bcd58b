import HubData
import HubWorkflow
import Logging
import ServiceLifecycle

/// Runs the SLA sweep every `interval`: warnings at 75% of a target and breaches at the due time, each emitted
/// once to the outbox and the timeline, however many `hub serve` processes run it.
struct SLASweepService: Service {
    let sweep: SLASweep
    let clock: any WallClock
    let interval: Duration
    let logger: Logger
    let gate: StartupGate

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await gate.wait()
            while !Task.isCancelled {
                do {
                    let result = try await sweep.run(now: clock.now())
                    if result.warnings + result.breaches > 0 {
                        logger.info("SLA sweep", metadata: ["warnings": "\(result.warnings)", "breaches": "\(result.breaches)"])
                    }
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("SLA sweep failed; will retry", metadata: ["error": "\(String(reflecting: error))"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
