/// How long a background worker waits after a failed pass: `first` after one failure, doubling with each failure in a
/// row up to `maximum`; after a successful pass it waits its ordinary interval again.
public struct WorkerBackOff: Sendable, Hashable {
    public var first: Duration
    public var maximum: Duration

    public init(first: Duration = .milliseconds(500), maximum: Duration = .seconds(10)) {
        self.first = first
        self.maximum = maximum
    }

    /// The wait after `failures` failed passes in a row (at least one).
    public func delay(afterFailures failures: Int) -> Duration {
        var delay = first
        for _ in 1..<max(failures, 1) {
            delay *= 2
            if delay >= maximum { return maximum }
        }
        return min(delay, maximum)
    }
}

/// The bounds of a background worker: each pass ends within `passTimeout` (its connection is closed at the deadline,
/// ``DatabaseDeadline``), failures are retried after the ``WorkerBackOff``, and a worker with no successful pass for
/// longer than `stuckAfter` makes `/ready` answer 503.
public struct WorkerLimits: Sendable, Hashable {
    public var passTimeout: Duration
    public var stuckAfter: Duration
    public var backOff: WorkerBackOff

    public init(passTimeout: Duration = .seconds(60), stuckAfter: Duration = .seconds(120), backOff: WorkerBackOff = WorkerBackOff()) {
        self.passTimeout = passTimeout
        self.stuckAfter = stuckAfter
        self.backOff = backOff
    }

    /// Outbox delivery posts up to 20 messages a pass, each allowed 10 s, inside its transaction.
    public static let outbox = WorkerLimits(passTimeout: .seconds(300), stuckAfter: .seconds(600))
}
