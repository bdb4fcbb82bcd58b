/// A deadline for all the database work of a task: a connection is waited for only until then, and a connection
/// still in use then is closed, which ends a statement that would otherwise wait for ever (PostgresNIO's queries do
/// not stop when their task is cancelled). The background workers bound every pass with one; `/ready` its probe.
public enum DatabaseDeadline {
    @TaskLocal public static var current: ContinuousClock.Instant?

    /// Runs `body` with a deadline `duration` from now (or the one already set, when that is sooner).
    public static func within<Result>(
        _ duration: Duration, isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> Result
    ) async throws -> Result {
        let deadline = ContinuousClock.now + duration
        return try await $current.withValue(current.map { min($0, deadline) } ?? deadline) {
            try await body()
        }
    }
}
