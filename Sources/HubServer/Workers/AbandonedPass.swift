import HubData
import Synchronization

/// A pass that did not end within its timeout and a grace period, though its database work was bounded: the worker
/// goes on without it (the pass is cancelled and left to end by itself).
struct AbandonedPass: LoggableError {
    let after: Duration
    var description: String { "the pass did not end within \(after); abandoned" }

    /// Runs `operation` in a task of its own and waits for it at most `limit`: the caller never hangs, whatever the
    /// operation waits for. Cancelling the caller cancels the operation and returns at once.
    static func bounded(_ limit: Duration, _ operation: @escaping @Sendable () async throws -> Void) async throws {
        let task = Task { try await operation() }
        let outcome = Outcome()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                outcome.install(continuation)
                Task { outcome.finish(with: await task.result) }
                Task {
                    try? await Task.sleep(for: limit)
                    outcome.finish(with: .failure(AbandonedPass(after: limit)))
                    task.cancel()
                }
            }
        } onCancel: {
            task.cancel()
            outcome.finish(with: .failure(CancellationError()))
        }
    }

    /// The first result wins; the others are dropped.
    private final class Outcome: Sendable {
        private struct State {
            var continuation: CheckedContinuation<Void, any Error>?
            var early: Result<Void, any Error>?
            var done = false
        }

        private let state = Mutex(State())

        func install(_ continuation: CheckedContinuation<Void, any Error>) {
            let early = state.withLock { state -> Result<Void, any Error>? in
                if let early = state.early { return early }
                state.continuation = continuation
                return nil
            }
            if let early { continuation.resume(with: early) }
        }

        func finish(with result: Result<Void, any Error>) {
            let continuation = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                guard !state.done else { return nil }
                state.done = true
                guard let continuation = state.continuation else {
                    state.early = result
                    return nil
                }
                state.continuation = nil
                return continuation
            }
            continuation?.resume(with: result)
        }
    }
}
