import Metrics
import Synchronization

/// What each background worker last managed: read by `/ready` (a worker with no successful pass for longer than its
/// limit is stuck) and by `/metrics` (seconds since each worker's last successful pass).
///
/// Times are monotonic instants passed in, so a test can ask about any moment.
public final class WorkerHealth: Sendable {
    public struct Status: Sendable, Hashable {
        /// The worker's name in metrics (`audit_sealing`).
        public let key: String
        public let stuckAfter: Duration
        /// When the worker started passes (after the start-up gate), and its last successful pass.
        public var startedAt: ContinuousClock.Instant?
        public var lastSuccess: ContinuousClock.Instant?
        public var failuresInARow = 0

        /// Time since the last successful pass (or since the start, before the first); nil before the start.
        public func sinceProgress(at now: ContinuousClock.Instant) -> Duration? {
            (lastSuccess ?? startedAt).map { now - $0 }
        }

        public func isStuck(at now: ContinuousClock.Instant) -> Bool {
            sinceProgress(at: now).map { $0 > stuckAfter } ?? false
        }
    }

    private let statuses = Mutex<[String: Status]>([:])

    public init() {}

    public func register(_ key: String, stuckAfter: Duration) {
        statuses.withLock { $0[key] = Status(key: key, stuckAfter: stuckAfter) }
    }

    public func started(_ key: String, at now: ContinuousClock.Instant) {
        statuses.withLock { $0[key]?.startedAt = now }
    }

    public func succeeded(_ key: String, at now: ContinuousClock.Instant) {
        statuses.withLock { statuses in
            statuses[key]?.lastSuccess = now
            statuses[key]?.failuresInARow = 0
        }
    }

    /// Records a failed pass; returns the failures in a row.
    @discardableResult
    public func failed(_ key: String) -> Int {
        statuses.withLock { statuses in
            statuses[key]?.failuresInARow += 1
            return statuses[key]?.failuresInARow ?? 1
        }
    }

    public var all: [Status] { statuses.withLock { Array($0.values) }.sorted { $0.key < $1.key } }

    /// The workers stuck at `now`, by key.
    public func stuck(at now: ContinuousClock.Instant) -> [String] {
        all.filter { $0.isStuck(at: now) }.map(\.key)
    }

    /// Sets `hub_worker_seconds_since_success{worker=…}` for each started worker.
    func recordGauges(at now: ContinuousClock.Instant) {
        for status in all {
            guard let since = status.sinceProgress(at: now) else { continue }
            Gauge(label: "hub_worker_seconds_since_success", dimensions: [("worker", status.key)]).record(since.seconds)
        }
    }
}
