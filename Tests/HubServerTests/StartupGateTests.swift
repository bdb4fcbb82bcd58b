import HubServer
import Synchronization
import Testing

@Suite("Start-up gate")
struct StartupGateTests {
    @Test("Waiters go on once the gate opens, and at once after")
    func opens() async {
        let gate = StartupGate()
        async let first: Void = gate.wait()
        async let second: Void = gate.wait()
        try? await Task.sleep(for: .milliseconds(50))
        gate.open()
        _ = await (first, second)
        await gate.wait()
    }

    @Test("A cancelled waiter returns though the gate never opens (a worker stopped before start-up finished)")
    func cancelledWaiterReturns() async throws {
        let gate = StartupGate()
        let waiter = Task { await gate.wait() }
        try await Task.sleep(for: .milliseconds(50))
        waiter.cancel()
        // Bounded: if cancellation were ignored, the waiter would never return and this would fail, not hang.
        let returned = Flag()
        Task { await waiter.value; returned.set() }
        for _ in 0..<200 where !returned.isSet { try await Task.sleep(for: .milliseconds(50)) }
        #expect(returned.isSet)
    }

    @Test("A task cancelled before it waits does not wait")
    func alreadyCancelled() async {
        let gate = StartupGate()
        let waiter = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            await gate.wait()
        }
        await waiter.value
    }
}

/// Set once, read from any task.
private final class Flag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}
