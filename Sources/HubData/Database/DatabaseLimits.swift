import PostgresNIO

/// How long Hub waits on PostgreSQL before it says the database is unavailable, and when it stops asking.
///
/// With the server unreachable, a connection attempt gives up after `connectTimeout`, a request for a connection
/// from the pool after `leaseTimeout` (the pool keeps retrying behind it), and after `failuresToOpen` such failures
/// in a row the circuit opens (``DatabaseCircuit``): every call then fails at once for `openInterval`, then one call
/// tries again. The HTTP answer to all of these is 503 with `Retry-After: retryAfterSeconds`.
///
/// ``serving`` is what `hub serve` uses. The plain `DatabaseLimits()` (one-off commands, benchmarks and tests, which
/// own their database and may share a loaded machine) waits up to a minute for a connection and opens the circuit
/// only after 20 failures.
public struct DatabaseLimits: Sendable, Hashable {
    public var connectTimeout: Duration = .seconds(10)
    public var leaseTimeout: Duration = .seconds(60)
    public var failuresToOpen = 20
    public var openInterval: Duration = .seconds(2)
    public var retryAfterSeconds = 5

    public init() {}

    /// `hub serve`'s limits: no request waits more than about 3 s for an unreachable database.
    public static let serving: DatabaseLimits = {
        var limits = DatabaseLimits()
        limits.connectTimeout = .seconds(2)
        limits.leaseTimeout = .seconds(3)
        limits.failuresToOpen = 3
        return limits
    }()

    /// Sets the connect timeout on a client's configuration.
    public func apply(to configuration: inout PostgresClient.Configuration) {
        configuration.options.connectTimeout = connectTimeout
    }
}
