import Logging
import ServiceLifecycle

extension HubApplication {
    /// How long `hub serve` gives graceful shutdown (SIGINT, SIGTERM) before it cancels what is left, and how long
    /// cancellation then has before the process stops regardless: shutdown ends within these bounds even while the
    /// database is down (the workers' waits and statements end on cancellation anyway).
    public static let gracefulShutdownBound: Duration = .seconds(10)
    public static let cancellationBound: Duration = .seconds(5)

    /// Runs `app` until SIGINT or SIGTERM, then shuts it down within ``gracefulShutdownBound``.
    public static func runUntilSignalled(_ app: some Service, logger: Logger) async throws {
        var configuration = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = gracefulShutdownBound
        configuration.maximumCancellationDuration = cancellationBound
        try await ServiceGroup(configuration: configuration).run()
    }
}
