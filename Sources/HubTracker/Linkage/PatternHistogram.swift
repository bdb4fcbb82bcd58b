/// How many compared pairs fell into each ``ComparisonPattern``. Estimation (u from random pairs, m by
/// EM from blocked pairs) works on histograms, never on pairs.
struct PatternHistogram: Sendable {
    var counts: [Double]

    init() {
        counts = [Double](repeating: 0, count: ComparisonPattern.count)
    }

    @inline(__always)
    mutating func add(_ pattern: ComparisonPattern, weight: Double = 1) {
        counts[Int(pattern.rawValue)] += weight
    }

    mutating func merge(_ other: PatternHistogram) {
        for index in counts.indices { counts[index] += other.counts[index] }
    }

    var total: Double { counts.reduce(0, +) }

    /// The share of pairs at each level of `field` among pairs where the field is not missing, with a
    /// half-count added to every level so that no level has probability zero.
    func levelProportions(_ field: LinkageField) -> [Double] {
        let levels = field.levels.count
        var tallies = [Double](repeating: 0.5, count: levels)
        for (raw, count) in counts.enumerated() where count > 0 {
            if let level = ComparisonPattern(rawValue: UInt16(raw)).level(field) { tallies[level] += count }
        }
        let sum = tallies.reduce(0, +)
        return tallies.map { $0 / sum }
    }
}
