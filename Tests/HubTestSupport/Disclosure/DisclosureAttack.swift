import Foundation

/// The attacker of #16 item 13: given a report as published (JSON or CSV) and the definitions in docs/reports.md,
/// solves for every hidden count: the integer values each may take so that every relation the report's figures
/// obey holds (sums, totals, each shown percentage within its rounding, non-negativity, the ranges the markers state).
/// A hidden count with exactly one such value has been worked back.
public enum DisclosureAttack {
    public struct Finding: Sendable, CustomStringConvertible {
        public let report: String
        public let row: Int
        public let column: String
        public let value: Int
        /// True when the search ran out of budget rather than proving the value the only one.
        public let undecided: Bool

        public var description: String {
            "\(report) row \(row) \(column) = \(value)" + (undecided ? " (undecided)" : " is the only value the published figures allow")
        }
    }

    /// The hidden counts of `published` that can be worked back. `exact` is the same report unsuppressed: it gives
    /// each unknown's true value, to check that the relations hold (else the attacker's model would be wrong) and to
    /// look for any other value the figures allow.
    public static func recoverable(_ published: PublishedReport, exact: PublishedReport) throws -> [Finding] {
        var model = try AttackModel(published: published, exact: exact)
        try model.relate()
        for row in published.rows.indices {
            for (column, name) in published.columns.enumerated() where published.kinds[column] == "count" {
                if published.rows[row][column] == .small || published.rows[row][column] == .withheld { _ = try model.count(row, name) }
            }
        }
        for (number, inequality) in model.inequalities.enumerated() where inequality.value(model.truth) > 1e-6 {
            throw TestHubError("\(published.name): relation \(number) does not hold for the true figures: \(inequality)")
        }
        var findings: [Finding] = []
        for (unknown, place) in model.places.enumerated() {
            guard let place else { continue }
            let truth = model.truth[unknown]
            var solver = AttackSolver(model: model, around: unknown)
            let below = solver.feasible(narrowing: unknown, lower: model.lower[unknown], upper: Double(truth - 1))
            if below == true { continue }
            let above = solver.feasible(narrowing: unknown, lower: Double(truth + 1), upper: model.upper[unknown])
            if above == true { continue }
            findings.append(Finding(report: published.name, row: place.row, column: published.columns[place.column], value: truth,
                                    undecided: below == nil || above == nil))
        }
        return findings
    }
}

/// Integer feasibility of the model's inequalities: bounds propagation over real coefficients, then splitting ranges.
struct AttackSolver {
    let model: AttackModel
    /// The unknowns linked to the one solved for, and the inequalities between them: the rest cannot matter.
    let members: [Int]
    let inequalities: [AttackExpression]
    var budget = 200_000

    init(model: AttackModel, around unknown: Int) {
        self.model = model
        var found: Set<Int> = [unknown]
        var grew = true
        while grew {
            grew = false
            for inequality in model.inequalities where inequality.terms.keys.contains(where: found.contains) {
                let before = found.count
                found.formUnion(inequality.terms.keys)
                grew = grew || found.count > before
            }
        }
        members = found.sorted()
        inequalities = model.inequalities.filter { $0.terms.keys.contains(where: found.contains) }
    }

    mutating func feasible(narrowing unknown: Int, lower: Double, upper: Double) -> Bool? {
        var lows = model.lower, highs = model.upper
        lows[unknown] = max(lows[unknown], lower)
        highs[unknown] = min(highs[unknown], upper)
        budget = 200_000
        return search(lows, highs)
    }

    mutating func search(_ lows: [Double], _ highs: [Double]) -> Bool? {
        guard budget > 0 else { return nil }
        budget -= 1
        var (lows, highs) = (lows, highs)
        guard propagate(&lows, &highs) else { return false }
        let open = members.filter { lows[$0] < highs[$0] }
        guard let split = open.min(by: { highs[$0] - lows[$0] < highs[$1] - lows[$1] }) else { return true }
        let middle = highs[split].isFinite ? (lows[split] + ((highs[split] - lows[split]) / 2).rounded(.down)) : lows[split] * 2 + 4
        var (lowHighs, highLows) = (highs, lows)
        lowHighs[split] = middle
        highLows[split] = middle + 1
        let first = search(lows, lowHighs)
        if first == true { return true }
        let second = search(highLows, highs)
        return second == true ? true : (first == nil || second == nil ? nil : false)
    }

    /// Narrows the ranges until nothing changes; false when a range empties or an inequality cannot hold.
    func propagate(_ lows: inout [Double], _ highs: inout [Double]) -> Bool {
        for _ in 0..<5_000 {
            var changed = false
            for inequality in inequalities {
                // The least each term can be; a term with none (−∞) is counted apart.
                var least = inequality.constant
                var unbounded = 0
                for (unknown, coefficient) in inequality.terms {
                    let value = coefficient > 0 ? coefficient * lows[unknown] : coefficient * highs[unknown]
                    if value.isFinite { least += value } else { unbounded += 1 }
                }
                if unbounded == 0 && least > 1e-6 { return false }
                for (unknown, coefficient) in inequality.terms where coefficient != 0 {
                    let own = coefficient > 0 ? coefficient * lows[unknown] : coefficient * highs[unknown]
                    guard own.isFinite ? unbounded == 0 : unbounded == 1 else { continue }
                    let room = -(least - (own.isFinite ? own : 0))  // coefficient × x ≤ room
                    if coefficient > 0 {
                        let limit = (room / coefficient + 1e-6).rounded(.down)
                        if limit < highs[unknown] { highs[unknown] = limit; changed = true }
                    } else {
                        let limit = (room / coefficient - 1e-6).rounded(.up)
                        if limit > lows[unknown] { lows[unknown] = limit; changed = true }
                    }
                    if lows[unknown] > highs[unknown] { return false }
                }
            }
            if !changed { return true }
        }
        return true
    }
}
