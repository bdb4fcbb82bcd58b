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
/// connection over and keeps it until the body is done.
enum LeasedConnection {
    static func run<Result: Sendable>(
        client: PostgresClient, timeout: Duration, deadline: ContinuousClock.Instant?, retryAfterSeconds: Int,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
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
        let loop = PostgresClient.defaultEventLoopGroup.any()
        let timer = loop.scheduleTask(in: TimeAmount(timeout)) {
            handoff.fail(DatabaseUnavailable(.noConnection, retryAfterSeconds: retryAfterSeconds))
        }
        let connection: PostgresConnection
        do {
            connection = try await withTaskCancellationHandler {
                try await handoff.connection()
            } onCancel: {
                handoff.fail(CancellationError())
            }
            timer.cancel()
        } catch {
            timer.cancel()
            holder.cancel()
            if Task.isCancelled { throw CancellationError() }
            if error is DatabaseUnavailable { throw error }
            throw DatabaseUnavailable(.noConnection, cause: LoggedError(error).description, retryAfterSeconds: retryAfterSeconds)
        }
        defer { handoff.giveBack() }
        return try await use(connection, deadline: deadline, on: loop, retryAfterSeconds: retryAfterSeconds, body)
    }

    /// Runs `body` on the connection, closing it at the deadline or on cancellation.
    private static func use<Result: Sendable>(
        _ connection: PostgresConnection, deadline: ContinuousClock.Instant?, on loop: any EventLoop, retryAfterSeconds: Int,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let expired = Atomic(false)
        let watchdog = deadline.map { deadline in
            loop.scheduleTask(in: TimeAmount(max(.zero, deadline - ContinuousClock.now))) {
                expired.store(true, ordering: .relaxed)
                let _: EventLoopFuture<Void> = connection.close()
            }
        }
        defer { watchdog?.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await body(connection)
            } onCancel: {
                let _: EventLoopFuture<Void> = connection.close()
            }
        } catch {
            if expired.load(ordering: .relaxed) {
                throw DatabaseUnavailable(.deadlinePassed, cause: LoggedError(error).description, retryAfterSeconds: retryAfterSeconds)
            }
            throw error
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
