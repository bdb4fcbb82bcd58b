import PostgresNIO

/// How long Hub waits on PostgreSQL before it says the database is unavailable, and when it stops asking.
///
/// With the server unreachable, a connection attempt gives up after `connectTimeout`, a request for a connection
/// from the pool after `leaseTimeout` (the pool keeps retrying behind it), and after `failuresToOpen` such failures
/// in a row the circuit opens (``DatabaseCircuit``): every call then fails at once for `openInterval`, then one call
/// tries again. The HTTP answer to all of these is 503 with `Retry-After: retryAfterSeconds`.
public struct DatabaseLimits: Sendable, Hashable {
    public var connectTimeout: Duration = .seconds(2)
    public var leaseTimeout: Duration = .seconds(3)
    public var failuresToOpen = 3
    public var openInterval: Duration = .seconds(2)
    public var retryAfterSeconds = 5

    public init() {}

    /// Sets the connect timeout on a client's configuration.
    public func apply(to configuration: inout PostgresClient.Configuration) {
        configuration.options.connectTimeout = connectTimeout
    }
}
