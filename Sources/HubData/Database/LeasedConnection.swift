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
        let closedByHub = Flag()
        do {
            let result = try await use(
                connection, deadline: deadline, on: loop, retryAfterSeconds: retryAfterSeconds, logger: logger, closedByHub: closedByHub, body)
            handoff.giveBack()
            return result
        } catch {
            // A connection closed here goes back only once it has closed, so the pool has seen it go.
            if closedByHub.isSet { try? await connection.closeFuture.get() }
            handoff.giveBack()
            throw error
        }
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
        logger: Logger, closedByHub: Flag,
        _ body: sending @escaping (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let expired = Atomic(false)
        let watchdog = deadline.map { deadline in
            loop.scheduleTask(in: TimeAmount(max(.zero, deadline - ContinuousClock.now))) {
                expired.store(true, ordering: .relaxed)
                closedByHub.set()
                let _: EventLoopFuture<Void> = connection.close()
            }
        }
        defer { watchdog?.cancel() }
        let outcome = BodyOutcome<Result>()
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
                closedByHub.set()
                let _: EventLoopFuture<Void> = connection.close()
            }
        } catch let error as BodyLeftBehind {
            DatabaseMetrics.bodiesLeftBehind.increment()
            logger.warning("database work left behind on a closed connection", metadata: ["connection": "\(connection.id)"])
            if Task.isCancelled { throw CancellationError() }
            let reason: DatabaseUnavailable.Reason = expired.load(ordering: .relaxed) ? .deadlinePassed : .connectionLost
            throw DatabaseUnavailable(reason, cause: error.description, retryAfterSeconds: retryAfterSeconds)
        } catch {
            if expired.load(ordering: .relaxed) {
                throw DatabaseUnavailable(.deadlinePassed, cause: LoggedError(error).description, retryAfterSeconds: retryAfterSeconds)
            }
            throw error
        }
    }

    /// A flag set once, from any thread.
    final class Flag: Sendable {
        private let value = Atomic(false)
        func set() { value.store(true, ordering: .relaxed) }
        var isSet: Bool { value.load(ordering: .relaxed) }
    }

    /// The body did not finish within ``graceAfterClose`` of its connection closing.
    struct BodyLeftBehind: Error, CustomStringConvertible {
        var description: String { "the work went on after its connection closed" }
    }

    /// The body's result, or the reason the caller stopped waiting for it: whichever comes first.
    final class BodyOutcome<Value: Sendable>: Sendable {
        private enum State {
            case pending
            case waiting(CheckedContinuation<Value, any Error>)
            case settled(Result<Value, any Error>)
            case delivered
        }

        private let state = Mutex(State.pending)

        func settle(_ result: Result<Value, any Error>) {
            let waiting = state.withLock { state -> CheckedContinuation<Value, any Error>? in
                switch state {
                case .pending:
                    state = .settled(result)
                    return nil
                case let .waiting(continuation):
                    state = .delivered
                    return continuation
                case .settled, .delivered:
                    return nil
                }
            }
            waiting?.resume(with: result)
        }

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
                        return .failure(BodyLeftBehind())
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
        }
    }

    /// The connection's way from the lease-holding child to the caller, and back.
    final class Handoff: Sendable {
        private enum Delivery {
            case pending
            case callerWaiting(CheckedContinuation<PostgresConnection, any Error>)
            case ready(PostgresConnection)
            case failed(any Error)
            case taken
        }

        private struct State {
            var delivery = Delivery.pending
            var returned = false
            var holder: CheckedContinuation<Void, Never>?
        }

        private let state = Mutex(State())

        /// The caller's wait for the connection.
        func connection() async throws -> PostgresConnection {
            try await withCheckedThrowingContinuation { continuation in
                let outcome = state.withLock { state -> Result<PostgresConnection, any Error>? in
                    switch state.delivery {
                    case let .ready(connection):
                        state.delivery = .taken
                        return .success(connection)
                    case let .failed(error):
                        state.delivery = .taken
                        return .failure(error)
                    case .pending:
                        state.delivery = .callerWaiting(continuation)
                        return nil
                    case .callerWaiting, .taken:
                        return .failure(DatabaseUnavailable(.noConnection, retryAfterSeconds: 1))
                    }
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        }

        /// The child has a connection; false when the caller no longer wants it (it timed out), so it goes straight back.
        func deliver(_ connection: PostgresConnection) -> Bool {
            let waiting = state.withLock { state -> (Bool, CheckedContinuation<PostgresConnection, any Error>?) in
                switch state.delivery {
                case .pending:
                    state.delivery = .ready(connection)
                    return (true, nil)
                case let .callerWaiting(continuation):
                    state.delivery = .taken
                    return (true, continuation)
                case .ready, .failed, .taken:
                    return (false, nil)
                }
            }
            waiting.1?.resume(returning: connection)
            return waiting.0
        }

        /// No connection (the lease failed, or the timeout came first); ignored once the caller has one.
        func fail(_ error: any Error) {
            let waiting = state.withLock { state -> CheckedContinuation<PostgresConnection, any Error>? in
                switch state.delivery {
                case .pending:
                    state.delivery = .failed(error)
                    return nil
                case let .callerWaiting(continuation):
                    state.delivery = .taken
                    return continuation
                case .ready, .failed, .taken:
                    return nil
                }
            }
            waiting?.resume(throwing: error)
        }

        /// The caller is done with the connection.
        func giveBack() {
            let holder = state.withLock { state -> CheckedContinuation<Void, Never>? in
                state.returned = true
                defer { state.holder = nil }
                return state.holder
            }
            holder?.resume()
        }

        func waitUntilReturned() async {
            await withCheckedContinuation { continuation in
                let done = state.withLock { state -> Bool in
                    if state.returned { return true }
                    state.holder = continuation
                    return false
                }
                if done { continuation.resume() }
            }
        }
    }
}
