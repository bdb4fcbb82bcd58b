/// PostgreSQL could not be reached, or stopped answering: the connection was refused, lost or timed out, the server
/// is shutting down or starting up, or the circuit is open after repeated failures (``DatabaseCircuit``). Ordinary
/// SQL errors (a constraint violated, a row locked) are never this. The HTTP answer is 503 with `Retry-After`.
public struct DatabaseUnavailable: LoggableError, Equatable {
    public enum Reason: String, Sendable {
        /// The circuit is open: recent attempts failed, so this one was not tried.
        case circuitOpen = "circuit open"
        /// The pool gave no connection in time (the server is down, or every connection is busy).
        case noConnection = "no connection in time"
        /// The connection broke while in use.
        case connectionLost = "connection lost"
        /// The server answered that it is shutting down, starting up or full.
        case serverUnavailable = "server unavailable"
        /// The caller's deadline (``DatabaseDeadline``) passed: the connection was closed to end the work.
        case deadlinePassed = "deadline passed"
    }

    public let reason: Reason
    /// How the failure was seen (``LoggedError``'s line for the driver's error), when there was one.
    public let cause: String?
    /// Seconds a client should wait before trying again.
    public let retryAfterSeconds: Int

    public init(_ reason: Reason, cause: String? = nil, retryAfterSeconds: Int) {
        self.reason = reason
        self.cause = cause
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Whether this failure says the server is unreachable (and so counts towards opening the circuit).
    var countsAsFailure: Bool {
        switch reason {
        case .noConnection, .connectionLost, .serverUnavailable: return true
        case .circuitOpen, .deadlinePassed: return false
        }
    }

    public var description: String {
        "database unavailable: \(reason.rawValue)" + (cause.map { " (\($0))" } ?? "")
    }
}
