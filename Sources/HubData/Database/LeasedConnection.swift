import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// Leases a connection from the pool for the length of a body, with the bounds PostgresNIO's `withConnection` lacks:
/// the wait for a connection ends after a timeout (the pool would wait up to a minute for a server that is down),
/// and a connection still in use at the task's ``DatabaseDeadline``, or when the task is cancelled, is closed, which
/// ends a statement that would otherwise never return.
///
/// The lease is held by a task of its own (so the wait can be given up without waiting for the pool) that hands the
/// connection over and keeps it until the body is done. The body runs in a task of its own too, so that the caller can
/// stop waiting for it once its connection has closed (see ``use(_:deadline:on:retryAfterSeconds:_:)``).
enum LeasedConnection {
    /// How long a body may go on after its connection closed before the caller stops waiting for it. A statement in
    /// flight when the connection closes fails at once; only one issued afterwards is never answered.
    static let graceAfterClose = Duration.seconds(2)

    static func run<Result: Sendable>(
        client: PostgresClient, timeout: Duration, deadline: ContinuousClock.Instant?, retryAfterSeconds: Int,
        logger: Logger,
        _ body: sending @escaping (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let loop = PostgresClient.defaultEventLoopGroup.any()
        let until = ContinuousClock.now + timeout
        var (connection, handoff) = try await lease(client: client, timeout: timeout, on: loop, retryAfterSeconds: retryAfterSeconds)
        // A connection Hub closed (a deadline, a cancellation) goes back to the pool, which may hand it out again
        // before it has seen it close: a statement on it would fail at once, so another is leased instead.
        while connection.isClosed {
            handoff.giveBack()
            let left = until - ContinuousClock.now
            guard left > .zero else { throw DatabaseUnavailable(.noConnection, retryAfterSeconds: retryAfterSeconds) }
            (connection, handoff) = try await lease(client: client, timeout: left, on: loop, retryAfterSeconds: retryAfterSeconds)
        }
        defer { handoff.giveBack() }
        return try await use(connection, deadline: deadline, on: loop, retryAfterSeconds: retryAfterSeconds, logger: logger, body)
    }

    /// A connection from the pool within `timeout`, and the handoff that gives it back.
    private static func lease(
        client: PostgresClient, timeout: Duration, on loop: any EventLoop, retryAfterSeconds: Int
    ) async throws -> (PostgresConnection, Handoff) {
        let handoff = Handoff()
        // The holder is not a child task: PostgresNIO's pool was seen, around a server restart, never to answer a
        // lease request, cancelled or not; a child would then hold its parent (a worker, a request) for ever.
        let holder = Task {
            do {
                try await client.withConnection { connection in
                    guard handoff.deliver(connection) else { return }
                    await handoff.waitUntilReturned()
                }
            } catch {
                handoff.fail(error)
            }
        }
        let timer = loop.scheduleTask(in: TimeAmount(timeout)) {
            handoff.fail(DatabaseUnavailable(.noConnection, retryAfterSeconds: retryAfterSeconds))
        }
        do {
            let connection = try await withTaskCancellationHandler {
                try await handoff.connection()
            } onCancel: {
                handoff.fail(CancellationError())
            }
            timer.cancel()
            return (connection, handoff)
        } catch {
            timer.cancel()
            holder.cancel()
            if Task.isCancelled { throw CancellationError() }
            if error is DatabaseUnavailable { throw error }
            throw DatabaseUnavailable(.noConnection, cause: LoggedError(error).description, retryAfterSeconds: retryAfterSeconds)
        }
    }

    /// Runs `body` on the connection, closing it at the deadline or on cancellation.
    ///
    /// PostgresNIO never answers a statement issued on a connection that has already closed (it writes the statement
    /// to the closed channel without a promise, so nothing fails it): a body that issues one after the deadline closed
    /// its connection, after the server went away, or a `ROLLBACK` after a statement failed for either reason, would
    /// wait for ever, and its caller (a request, a worker) with it. So the body runs in a task of its own, and once the
    /// connection has closed the caller waits for it only ``graceAfterClose`` more; a body still running then is left
    /// behind (logged and counted: it holds nothing but its closed connection).
    private static func use<Result: Sendable>(
        _ connection: PostgresConnection, deadline: ContinuousClock.Instant?, on loop: any EventLoop, retryAfterSeconds: Int,
        logger: Logger,
        _ body: sending @escaping (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let expired = Atomic(false)
        let closedByHub = Atomic(false)
        let watchdog = deadline.map { deadline in
            loop.scheduleTask(in: TimeAmount(max(.zero, deadline - ContinuousClock.now))) {
                expired.store(true, ordering: .relaxed)
                closedByHub.store(true, ordering: .relaxed)
                let _: EventLoopFuture<Void> = connection.close()
            }
        }
        defer { watchdog?.cancel() }
        let outcome = OneShot<Result>()
        let work = Task {
            do {
                outcome.settle(.success(try await body(connection)))
            } catch {
                outcome.settle(.failure(error))
            }
        }
        // Checked once a second rather than by a callback on the connection's close future, which would pile up one
        // callback per lease on a connection the pool keeps for hours.
        let closedWatch = loop.scheduleRepeatedTask(initialDelay: .seconds(1), delay: .seconds(1)) { watch in
            guard connection.isClosed else { return }
            watch.cancel()
            loop.scheduleTask(in: TimeAmount(graceAfterClose)) {
                outcome.settle(.failure(BodyLeftBehind()))
            }
        }
        defer { closedWatch.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await outcome.value()
            } onCancel: {
                work.cancel()
                closedByHub.store(true, ordering: .relaxed)
                let _: EventLoopFuture<Void> = connection.close()
            }
        } catch {
            // A connection closed here goes back to the pool only once it has closed, so the pool has seen it go
            // (it would otherwise lease it again, and the next statement fail at once).
            if closedByHub.load(ordering: .relaxed) { try? await connection.closeFuture.get() }
            throw leaseError(error, expired: expired.load(ordering: .relaxed), connection: connection, logger: logger,
                             retryAfterSeconds: retryAfterSeconds)
        }
    }

    /// The error a failed lease's caller gets: a body left behind, or any error once the deadline closed the
    /// connection, is ``DatabaseUnavailable``; anything else is the body's own.
    private static func leaseError(
        _ error: any Error, expired: Bool, connection: PostgresConnection, logger: Logger, retryAfterSeconds: Int
    ) -> any Error {
        if let error = error as? BodyLeftBehind {
            DatabaseMetrics.bodiesLeftBehind.increment()
            logger.warning("database work left behind on a closed connection", metadata: ["connection": "\(connection.id)"])
            if Task.isCancelled { return CancellationError() }
            return DatabaseUnavailable(expired ? .deadlinePassed : .connectionLost, cause: error.description, retryAfterSeconds: retryAfterSeconds)
        }
        if expired {
            return DatabaseUnavailable(.deadlinePassed, cause: LoggedError(error).description, retryAfterSeconds: retryAfterSeconds)
        }
        return error
    }

    /// The body did not finish within ``graceAfterClose`` of its connection closing.
    struct BodyLeftBehind: Error, CustomStringConvertible {
        var description: String { "the work went on after its connection closed" }
    }

    /// A value handed over once from one task to another that waits for it: the first `settle` wins, later ones are
    /// ignored. The body's result (or the reason the caller stopped waiting for it), and the leased connection (or
    /// why there is none).
    final class OneShot<Value: Sendable>: Sendable {
        private enum State {
            case pending
            case waiting(CheckedContinuation<Value, any Error>)
            case settled(Result<Value, any Error>)
            case delivered
        }

        private let state = Mutex(State.pending)

        /// Hands `result` over; false when it came too late (another was handed over first), so it is not used.
        @discardableResult
        func settle(_ result: Result<Value, any Error>) -> Bool {
            let (first, waiting) = state.withLock { state -> (Bool, CheckedContinuation<Value, any Error>?) in
                switch state {
                case .pending:
                    state = .settled(result)
                    return (true, nil)
                case let .waiting(continuation):
                    state = .delivered
                    return (true, continuation)
                case .settled, .delivered:
                    return (false, nil)
                }
            }
            waiting?.resume(with: result)
            return first
        }

        /// The value, once handed over (waited for by one caller only).
        func value() async throws -> Value {
            try await withCheckedThrowingContinuation { continuation in
                let ready = state.withLock { state -> Result<Value, any Error>? in
                    switch state {
                    case .pending:
                        state = .waiting(continuation)
                        return nil
                    case let .settled(result):
                        state = .delivered
                        return result
                    case .waiting, .delivered:
                        return .failure(WaitedForTwice())
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
        }
    }

    /// A one-shot value was waited for a second time (a defect of the caller; never a crash).
    struct WaitedForTwice: Error {}

    /// The connection's way from the lease-holding task to the caller, and back.
    final class Handoff: Sendable {
        private let delivery = OneShot<PostgresConnection>()

        private struct Return {
            var returned = false
            var holder: CheckedContinuation<Void, Never>?
        }

        private let back = Mutex(Return())

        /// The caller's wait for the connection.
        func connection() async throws -> PostgresConnection { try await delivery.value() }

        /// The holder has a connection; false when the caller no longer wants it (it timed out), so it goes straight back.
        func deliver(_ connection: PostgresConnection) -> Bool { delivery.settle(.success(connection)) }

        /// No connection (the lease failed, or the timeout came first); ignored once the caller has one.
        func fail(_ error: any Error) { delivery.settle(.failure(error)) }

        /// The caller is done with the connection.
        func giveBack() {
            let holder = back.withLock { state -> CheckedContinuation<Void, Never>? in
                state.returned = true
                defer { state.holder = nil }
                return state.holder
            }
            holder?.resume()
        }

        func waitUntilReturned() async {
            await withCheckedContinuation { continuation in
                let done = back.withLock { state -> Bool in
                    if state.returned { return true }
                    state.holder = continuation
                    return false
                }
                if done { continuation.resume() }
            }
        }
    }
}
