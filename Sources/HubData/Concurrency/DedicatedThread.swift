import Foundation

/// Blocking work (a process waited for, `pg_ctl start` through crash recovery, a file read to its end) run on a
/// thread of its own rather than on one of the few threads Swift's concurrency shares among all tasks: two on a
/// two-core machine, so one blocked for a minute halves what every other task can do, and two stop them all.
public enum DedicatedThread {
    /// Runs `work` on a new thread (with `stackSize` bytes of stack, where given); the caller's task waits without
    /// holding a thread.
    public static func run<Result: Sendable>(
        stackSize: Int? = nil, _ work: @escaping @Sendable () throws -> Result
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, any Error>) in
            let thread = Thread { continuation.resume(with: Swift.Result { try work() }) }
            if let stackSize { thread.stackSize = stackSize }
            thread.start()
        }
    }

    /// ``run(stackSize:_:)`` for work that cannot fail.
    public static func run<Result: Sendable>(stackSize: Int? = nil, _ work: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { (continuation: CheckedContinuation<Result, Never>) in
            let thread = Thread { continuation.resume(returning: work()) }
            if let stackSize { thread.stackSize = stackSize }
            thread.start()
        }
    }
}

extension ExternalCommand {
    /// ``run(allowFailure:)`` on a ``DedicatedThread``: the way to run a command from a task.
    @discardableResult
    public func runOnItsOwnThread(allowFailure: Bool = false) async throws -> (status: Int32, output: String) {
        let command = self
        return try await DedicatedThread.run { try command.run(allowFailure: allowFailure) }
    }
}
