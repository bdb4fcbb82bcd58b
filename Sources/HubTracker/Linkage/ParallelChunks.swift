import Dispatch
import Foundation

/// Splits `0..<count` into contiguous chunks and runs them on up to `parallelism` threads, returning each
/// chunk's result in order. The linkage hot loops use it to spread work over the machine's cores.
enum ParallelChunks {
    /// The default parallelism: the machine's active processor count.
    static var defaultParallelism: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Runs `body` over `chunkCount` chunks of `0..<count` (at least one) and returns the results in order.
    static func map<T: Sendable>(
        count: Int, chunkCount requested: Int, parallelism: Int,
        _ body: @escaping @Sendable (Range<Int>) -> T
    ) -> [T] {
        let chunkCount = max(1, min(requested, max(count, 1)))
        let ranges = (0..<chunkCount).map { chunk -> Range<Int> in
            (count * chunk / chunkCount)..<(count * (chunk + 1) / chunkCount)
        }
        if parallelism <= 1 || chunkCount == 1 { return ranges.map(body) }
        var results = [T?](repeating: nil, count: chunkCount)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = ResultSlots(base: buffer.baseAddress!)
            let queue = DispatchQueue(label: "hub.tracker.parallel", attributes: .concurrent)
            let group = DispatchGroup()
            let gate = DispatchSemaphore(value: parallelism)
            for (index, range) in ranges.enumerated() {
                gate.wait()
                queue.async(group: group) {
                    slots.store(body(range), at: index)
                    gate.signal()
                }
            }
            group.wait()
        }
        return results.map { $0! }
    }
}

/// Result slots written by exactly one chunk each, read only after all chunks finished.
private struct ResultSlots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T?>
    func store(_ value: T, at index: Int) { (base + index).pointee = value }
}
