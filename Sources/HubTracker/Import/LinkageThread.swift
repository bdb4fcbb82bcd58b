import HubData

/// Runs CPU-heavy linkage work on a ``DedicatedThread`` with a large stack, so it neither blocks Swift concurrency's
/// cooperative pool for minutes nor runs on that pool's small thread stacks.
enum LinkageThread {
    static let stackSize = 64 << 20

    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await DedicatedThread.run(stackSize: stackSize, body)
    }
}
