/// The expectation–maximisation algorithm for the Fellegi–Sunter model, run on a histogram of comparison
/// patterns: it finds the match proportion λ and the m probabilities that best explain the observed
/// patterns, with u held fixed (estimated beforehand from random pairs).
///
/// Fields are in one of three roles: *estimated* (m re-estimated each round), *fixed* (in the likelihood
/// with their given m and u) or *excluded* (left out, because the blocking rule that produced the pairs
/// conditions on them: pairs blocked on date of birth say nothing about how often a match's dates agree).
struct ExpectationMaximisation: Sendable {
    var maximumIterations = 100
    /// Stop when no probability moves by more than this between rounds.
    var tolerance = 1e-6

    struct Outcome: Sendable {
        var m: [[Double]]
        var lambda: Double
        var iterations: Int
        var converged: Bool
    }

    /// Runs EM from `initialM` and `initialLambda`.
    func run(
        _ histogram: PatternHistogram, u: [[Double]], initialM: [[Double]], initialLambda: Double,
        estimated: Set<LinkageField>, excluded: Set<LinkageField>
    ) -> Outcome {
        let fields = LinkageField.allCases
        // Decode the patterns that occur once.
        var observed: [(count: Double, levels: [Int?])] = []
        for (raw, count) in histogram.counts.enumerated() where count > 0 {
            let pattern = ComparisonPattern(rawValue: UInt16(raw))
            observed.append((count, fields.map { excluded.contains($0) ? nil : pattern.level($0) }))
        }
        let total = observed.reduce(0) { $0 + $1.count }
        var m = initialM
        var lambda = min(max(initialLambda, 1e-6), 1 - 1e-6)
        guard total > 0 else { return Outcome(m: m, lambda: lambda, iterations: 0, converged: true) }

        for iteration in 1...maximumIterations {
            var matchTotal = 0.0
            var tallies = fields.map { [Double](repeating: 0, count: $0.levels.count) }
            for (count, levels) in observed {
                var pm = lambda
                var pu = 1 - lambda
                for (index, level) in levels.enumerated() {
                    guard let level else { continue }
                    pm *= max(m[index][level], LinkageModel.probabilityFloor)
                    pu *= max(u[index][level], LinkageModel.probabilityFloor)
                }
                let posterior = pm / (pm + pu)
                let weighted = count * posterior
                matchTotal += weighted
                for (index, level) in levels.enumerated() {
                    if let level { tallies[index][level] += weighted }
                }
            }
            var change = 0.0
            let newLambda = min(max(matchTotal / total, 1e-9), 1 - 1e-9)
            change = max(change, abs(newLambda - lambda))
            lambda = newLambda
            for field in estimated {
                let index = field.rawValue
                let sum = tallies[index].reduce(0, +)
                guard sum > 0 else { continue }
                let levelCount = Double(tallies[index].count)
                // A tiny pseudo-count keeps every level possible.
                let smoothed = tallies[index].map { ($0 + 1e-3) / (sum + 1e-3 * levelCount) }
                for level in smoothed.indices { change = max(change, abs(smoothed[level] - m[index][level])) }
                m[index] = smoothed
            }
            if change < tolerance { return Outcome(m: m, lambda: lambda, iterations: iteration, converged: true) }
        }
        return Outcome(m: m, lambda: lambda, iterations: maximumIterations, converged: false)
    }
}
