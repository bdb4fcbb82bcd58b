import HubData
import HubWorkflow
import Logging
import ServiceLifecycle

/// A background job that runs `pass` every `interval` once the database is migrated (`gate`), until the
/// server shuts down.
///
/// It never stops and never hangs: each pass is bounded by `limits.passTimeout` (its database work runs under a
/// ``DatabaseDeadline``, so a statement stuck on a dead connection is ended by closing it), and a pass still running 5 s
/// after that is abandoned (``AbandonedPass``) whatever it waits for; a failing pass is logged
/// at warning (as ``LoggedError`` describes it, with the failures in a row and the wait) and tried again after a
/// capped exponential back-off (``WorkerBackOff``), reset by a successful pass. Graceful shutdown (SIGINT, SIGTERM)
/// cancels it: the sleep ends, a wait for a connection is given up and a connection in use is closed.
public struct PeriodicWorker: Service {
    let name: String
    /// The worker's name in metrics and in `/ready`.
    let key: String
    let interval: Duration
    let limits: WorkerLimits
    let gate: StartupGate
    let health: WorkerHealth
    let logger: Logger
    let pass: @Sendable () async throws -> Void

    public init(
        name: String, key: String? = nil, interval: Duration, limits: WorkerLimits = WorkerLimits(), gate: StartupGate,
        health: WorkerHealth = WorkerHealth(), logger: Logger, pass: @escaping @Sendable () async throws -> Void
    ) {
        self.name = name
        self.key = key ?? name.lowercased().replacingOccurrences(of: " ", with: "_")
        self.interval = interval
        self.limits = limits
        self.gate = gate
        self.health = health
        self.logger = logger
        self.pass = pass
        health.register(self.key, stuckAfter: limits.stuckAfter)
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await gate.wait()
            health.started(key, at: .now)
            while !Task.isCancelled {
                let delay = await passOnce()
                try? await Task.sleep(for: delay)
            }
        }
    }

    /// One bounded pass; returns how long to wait before the next.
    func passOnce() async -> Duration {
        do {
            let (pass, timeout) = (self.pass, limits.passTimeout)
            try await AbandonedPass.bounded(timeout + .seconds(5)) {
                try await DatabaseDeadline.within(timeout) { try await pass() }
            }
            health.succeeded(key, at: .now)
            return interval
        } catch {
            if Task.isCancelled { return .zero }
            let failures = health.failed(key)
            let delay = limits.backOff.delay(afterFailures: failures)
            var metadata = LoggedError(error).metadata
            metadata["worker"] = "\(key)"
            metadata["failuresInARow"] = "\(failures)"
            metadata["retryInSeconds"] = "\(delay.seconds)"
            logger.warning("\(name) failed; will retry", metadata: metadata)
            return delay
        }
    }
}
