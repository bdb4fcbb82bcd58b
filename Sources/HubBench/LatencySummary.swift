import HubWorkflow

/// Latencies of one timed operation, in milliseconds: median and 95th percentile (the sample at ⌊n·p⌋ of the
/// sorted times, as the other benchmarks report them).
struct LatencySummary: Sendable {
    private(set) var milliseconds: [Double] = []

    mutating func record(_ duration: Duration) {
        milliseconds.append(duration.milliseconds)
    }

    /// Takes in another summary's latencies (one worker's, of several timing the same operation).
    mutating func add(_ other: LatencySummary) {
        milliseconds += other.milliseconds
    }

    var count: Int { milliseconds.count }
    var median: Double { percentile(0.5) }
    var p95: Double { percentile(0.95) }

    func percentile(_ p: Double) -> Double {
        guard !milliseconds.isEmpty else { return 0 }
        let sorted = milliseconds.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.down)))]
    }
}
