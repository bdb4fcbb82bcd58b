import HubData
import Logging
import ServiceLifecycle

/// A background job that runs `pass` every `interval` once the database is migrated (`gate`), until the
/// server shuts down. A failing pass is logged (as ``LoggedError`` describes it) and retried next time; it never
/// stops the server.
struct PeriodicWorker: Service {
    let name: String
    let interval: Duration
    let gate: StartupGate
    let logger: Logger
    let pass: @Sendable () async throws -> Void

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await gate.wait()
            while !Task.isCancelled {
                do {
                    try await pass()
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("\(name) failed; will retry", metadata: LoggedError(error).metadata)
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
