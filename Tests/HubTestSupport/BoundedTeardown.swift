import Foundation
import Synchronization

/// Waits for a test's teardown (an application's graceful shutdown, a connection pool's `run()` returning after it is
/// cancelled) for a bounded time once the test's own work is done, and then goes on without it, saying so on standard
/// error. PostgresNIO's pool was seen not to finish shutting down when a lease was pending as it stopped (on a loaded
/// two-core machine): the test had passed, but the run never ended. A teardown left behind this way still fails
/// nothing by itself; the test's own expectations decide.
public enum BoundedTeardown {
    public static let limit: Duration = .seconds(15)

    /// Cancels `task` and waits for it at most `limit`.
    public static func cancel(_ task: Task<Void, Never>, what: String, limit: Duration = BoundedTeardown.limit) async {
        task.cancel()
        let ended = await first(limit) { await task.value }
        if !ended { leftBehind(what, limit) }
    }

    /// Runs `operation`, which calls `finished` with the test's result once its own work is done and then tears down;
    /// returns that result when the teardown ends too, or `limit` after `finished` at the latest.
    public static func run<Value: Sendable>(
        what: String, limit: Duration = BoundedTeardown.limit,
        _ operation: @escaping @Sendable (_ finished: @escaping @Sendable (Result<Value, any Error>) -> Void) async throws -> Void
    ) async throws -> Value {
        let outcome = Mutex<Result<Value, any Error>?>(nil)
        let bodyDone = Signal()
        let whole = Task {
            do {
                try await operation { result in
                    outcome.withLock { $0 = result }
                    bodyDone.fire()
                }
            } catch {
                // The set-up or the teardown failed: that is the outcome unless the body's own is known.
                outcome.withLock { if $0 == nil { $0 = .failure(error) } }
            }
        }
        await withTaskCancellationHandler {
            await bodyDone.wait(orUntil: whole)
        } onCancel: {
            whole.cancel()
        }
        if !(await first(limit) { await whole.value }) { leftBehind(what, limit) }
        guard let result = outcome.withLock({ $0 }) else { throw CancellationError() }
        return try result.get()
    }

    private static func leftBehind(_ what: String, _ limit: Duration) {
        FileHandle.standardError.write(Data("note: \(what) did not finish shutting down within \(limit); left behind\n".utf8))
    }

    /// Whether `work` ended within `limit`.
    private static func first(_ limit: Duration, _ work: @escaping @Sendable () async -> Void) async -> Bool {
        let signal = Signal()
        let done = Atomic(false)
        let worker = Task {
            await work()
            done.store(true, ordering: .sequentiallyConsistent)
            signal.fire()
        }
        let timer = Task {
            try? await Task.sleep(for: limit)
            signal.fire()
        }
        await signal.wait()
        timer.cancel()
        _ = worker
        return done.load(ordering: .sequentiallyConsistent)
    }
}

/// Fires once; waiters wait for it (or for a task to end).
final class Signal: Sendable {
    private struct State {
        var fired = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    func fire() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.fired else { return [] }
            state.fired = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                if state.fired { return true }
                state.waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Waits for the signal, or for `task` to end (whichever first).
    func wait(orUntil task: Task<Void, Never>) async {
        let watcher = Task {
            await task.value
            self.fire()
        }
        await wait()
        _ = watcher
    }
}
