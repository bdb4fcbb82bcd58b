import Foundation
import Logging
import Metrics
import PostgresNIO

/// Hub's handle on PostgreSQL: a connection pool plus the few ways our code talks to it.
///
/// Every store takes a `Database` (or a connection inside one of its transactions). Errors thrown inside a
/// transaction come back as the error the closure threw, not wrapped in `PostgresTransactionError`, so the HTTP
/// layer can map domain errors to problem responses.
public struct Database: Sendable {
    public let client: PostgresClient
    public let logger: Logger
    public let limits: DatabaseLimits
    /// Shared by every copy of this handle: the whole process sees the server as up or down together.
    public let circuit: DatabaseCircuit

    public init(client: PostgresClient, logger: Logger, limits: DatabaseLimits = DatabaseLimits()) {
        self.client = client
        self.logger = logger
        self.limits = limits
        self.circuit = DatabaseCircuit(limits: limits)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<Result: Sendable>(
        _ body: sending @escaping (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let started = ContinuousClock.now
        DatabaseMetrics.leasesInUse.increment()
        defer {
            DatabaseMetrics.leasesInUse.decrement()
            DatabaseMetrics.transactionDuration.recordInterval(since: started)
        }
        do {
            return try await guarded { connection in
                try await connection.withTransaction(logger: logger) { connection in
                    try await body(connection)
                }
            }
        } catch let error as PostgresTransactionError {
            DatabaseMetrics.errors.increment()
            throw error.underlying
        }
    }

    /// Runs `body` on one leased connection, outside a transaction (each statement commits by itself).
    public func withConnection<Result: Sendable>(
        _ body: sending @escaping (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        DatabaseMetrics.leasesInUse.increment()
        defer { DatabaseMetrics.leasesInUse.decrement() }
        return try await guarded { connection in try await body(connection) }
    }

    /// Runs one statement and collects its rows.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> [PostgresRow] {
        let started = ContinuousClock.now
        defer { DatabaseMetrics.queryDuration.recordInterval(since: started) }
        do {
            return try await guarded { connection in
                try await connection.query(query, logger: logger).collect()
            }
        } catch {
            DatabaseMetrics.errors.increment()
            throw error
        }
    }

    /// Whether calls are refused now because the server was found unreachable (``DatabaseCircuit``).
    public var isCircuitOpen: Bool { circuit.isOpen(at: .now) }

    /// Every way in goes through here: the circuit lets the call through (or it fails at once), the connection is
    /// leased within the lease timeout (and the task's ``DatabaseDeadline``), and a failure to reach the server is
    /// thrown as ``DatabaseUnavailable`` and counted by the circuit; anything else the server answered, the body threw
    /// or returned closes it.
    private func guarded<Result: Sendable>(
        _ body: sending @escaping (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let now = ContinuousClock.now
        do {
            try circuit.admit(at: now)
        } catch {
            DatabaseMetrics.unavailable.increment()
            throw error
        }
        let deadline = DatabaseDeadline.current
        var leaseTimeout = limits.leaseTimeout
        if let deadline {
            guard deadline > now else {
                throw DatabaseUnavailable(.deadlinePassed, retryAfterSeconds: limits.retryAfterSeconds)
            }
            leaseTimeout = min(leaseTimeout, deadline - now)
        }
        do {
            let result = try await LeasedConnection.run(
                client: client, timeout: leaseTimeout, deadline: deadline, retryAfterSeconds: limits.retryAfterSeconds,
                logger: logger, body)
            circuit.recordSuccess()
            return result
        } catch {
            // A cancelled task's connection is closed under it (``LeasedConnection``): not the server's failure.
            if Task.isCancelled { throw CancellationError() }
            guard let unavailable = ConnectionFailure.unavailable(error, retryAfterSeconds: limits.retryAfterSeconds) else {
                circuit.recordSuccess()
                throw error
            }
            DatabaseMetrics.unavailable.increment()
            if unavailable.reason == .noConnection && leaseTimeout < limits.leaseTimeout {
                // The deadline, not the lease timeout, ended the wait: the caller's bound, not the server's failure.
                throw DatabaseUnavailable(.deadlinePassed, cause: unavailable.cause, retryAfterSeconds: limits.retryAfterSeconds)
            }
            if unavailable.countsAsFailure { circuit.recordFailure(at: .now) }
            throw unavailable
        }
    }
}

extension PostgresTransactionError {
    /// The error that made the transaction fail, in the order that matters to a caller.
    public var underlying: any Error {
        closureError ?? beginError ?? commitError ?? rollbackError ?? self
    }
}

/// The database metrics Hub exports (see `/metrics`).
enum DatabaseMetrics {
    static let leasesInUse = Gauge.Tracking(label: "hub_db_connections_in_use")
    static let transactionDuration = Timer(label: "hub_db_transaction_duration_seconds")
    static let queryDuration = Timer(label: "hub_db_query_duration_seconds")
    static let errors = Counter(label: "hub_db_errors_total")
    static let unavailable = Counter(label: "hub_db_unavailable_total")
    /// Bodies still running a bounded time after their connection closed, which the caller stopped waiting for.
    static let bodiesLeftBehind = Counter(label: "hub_db_work_left_behind_total")
}

extension Timer {
    func recordInterval(since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let (seconds, attoseconds) = elapsed.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

extension Gauge {
    /// A gauge that counts up and down from zero (leases in use, requests in flight).
    final class Tracking: @unchecked Sendable {
        private let gauge: Gauge
        private let lock = NSLock()
        private var value = 0

        init(label: String) { gauge = Gauge(label: label) }

        func increment() { update(by: 1) }
        func decrement() { update(by: -1) }

        private func update(by delta: Int) {
            lock.lock()
            value += delta
            let current = value
            lock.unlock()
            gauge.record(current)
        }
    }
}
