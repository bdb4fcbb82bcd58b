import Synchronization

/// A circuit breaker in front of PostgreSQL: after `failuresToOpen` connection failures in a row it opens, and every
/// call fails at once (no waiting on a server that is down) for `openInterval`; then one call is let through as a
/// probe (half-open): its success closes the circuit, its failure opens it again. Any success closes it. Only
/// connection-level failures count (``DatabaseUnavailable``), never an ordinary SQL error.
///
/// Times are passed in (a monotonic instant), so the states can be tested on a clock the test moves.
public final class DatabaseCircuit: Sendable {
    public enum State: Equatable, Sendable {
        case closed(failures: Int)
        case open(until: ContinuousClock.Instant)
        case halfOpen(probeSince: ContinuousClock.Instant)
    }

    private let limits: DatabaseLimits
    private let state = Mutex(State.closed(failures: 0))

    public init(limits: DatabaseLimits) {
        self.limits = limits
    }

    public var current: State { state.withLock { $0 } }

    /// Whether calls are being refused now (open, or half-open with its probe under way).
    public func isOpen(at now: ContinuousClock.Instant) -> Bool {
        switch current {
        case .closed: return false
        case let .open(until): return now < until
        case let .halfOpen(since): return now < since + probeAllowance
        }
    }

    /// Lets a call through, or throws ``DatabaseUnavailable`` (`circuitOpen`) when the circuit is open. When the open
    /// interval has passed, the call let through is the probe; a probe that has not finished within the lease timeout
    /// and a little more is given up, and another call probes.
    public func admit(at now: ContinuousClock.Instant) throws {
        try state.withLock { state in
            switch state {
            case .closed:
                return
            case let .open(until) where now >= until:
                state = .halfOpen(probeSince: now)
            case let .halfOpen(since) where now >= since + probeAllowance:
                state = .halfOpen(probeSince: now)
            case .open, .halfOpen:
                throw DatabaseUnavailable(.circuitOpen, retryAfterSeconds: limits.retryAfterSeconds)
            }
        }
    }

    public func recordSuccess() {
        state.withLock { state in
            if state != .closed(failures: 0) { state = .closed(failures: 0) }
        }
    }

    public func recordFailure(at now: ContinuousClock.Instant) {
        state.withLock { state in
            switch state {
            case let .closed(failures) where failures + 1 >= limits.failuresToOpen:
                state = .open(until: now + limits.openInterval)
            case let .closed(failures):
                state = .closed(failures: failures + 1)
            case .halfOpen:
                state = .open(until: now + limits.openInterval)
            case .open:
                return
            }
        }
    }

    private var probeAllowance: Duration { limits.leaseTimeout + .seconds(1) }
}
