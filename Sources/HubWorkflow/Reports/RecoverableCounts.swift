/// Which hidden counts of a table a reader could work back to one value from the counts shown, the relations and the
/// bounds the markers state (`<5`: 1 to 4; `suppressed`: 1 or more). The reader's knowledge is a set of linear
/// inequalities over the hidden counts; a hidden count is recoverable when no solution gives it a value other than its
/// true one. Solutions are looked for exactly (bounds propagation and splitting of ranges), within a budget: a count
/// whose other values could not be shown possible within it counts as recoverable, so that the rule hides more
/// rather than less.
struct RecoverableCounts {
    let table: CountTable
    let marks: [CountDisclosure]
    var budget = 20_000

    /// The first hidden count (by index) that a reader could work back, if any.
    func first() -> Int? {
        let system = CountInequalities(table: table, marks: marks)
        for cell in table.counts.indices where marks[cell].isHidden {
            let component = system.component(of: cell)
            let truth = table.counts[cell]
            var below = system.bounds(of: component, marks: marks)
            var above = below
            below[cell]?.upper = truth - 1
            above[cell]?.lower = truth + 1
            var search = BoundedSearch(inequalities: system.inequalities(in: component), budget: budget)
            if search.feasible(below) == true { continue }
            search.budget = budget
            if search.feasible(above) == true { continue }
            return cell
        }
        return nil
    }
}

/// Σ coefficient × count ≤ bound, over hidden counts (the shown ones are folded into the bound). Coefficients are ±1.
struct CountInequality: Sendable {
    var terms: [(cell: Int, coefficient: Int)]
    var bound: Int
}

/// A hidden count's possible values: `lower` to `upper` (no upper bound when nil).
struct CountRange: Sendable, Hashable {
    var lower: Int
    var upper: Int?

    var isEmpty: Bool { upper.map { $0 < lower } ?? false }
    var isSingle: Bool { upper == lower }
}

/// The relations of a table as inequalities over its hidden counts.
struct CountInequalities {
    let all: [CountInequality]

    init(table: CountTable, marks: [CountDisclosure]) {
        var inequalities: [CountInequality] = []
        func add(_ terms: [(Int, Int)]) {
            var hidden: [(cell: Int, coefficient: Int)] = []
            var bound = 0
            for (cell, coefficient) in terms {
                if marks[cell].isHidden { hidden.append((cell, coefficient)) } else { bound -= coefficient * table.counts[cell] }
            }
            if !hidden.isEmpty { inequalities.append(CountInequality(terms: hidden, bound: bound)) }
        }
        for relation in table.relations {
            switch relation {
            case let .sum(total, parts):
                add(parts.map { ($0, 1) } + [(total, -1)])
                add(parts.map { ($0, -1) } + [(total, 1)])
            case let .covers(total, parts):
                add(parts.map { ($0, -1) } + [(total, 1)])
                for part in parts { add([(part, 1), (total, -1)]) }
            case let .atMost(part, whole):
                add([(part, 1), (whole, -1)])
            }
        }
        all = inequalities
    }

    /// The hidden counts linked to `cell` through the inequalities.
    func component(of cell: Int) -> Set<Int> {
        var found: Set<Int> = [cell]
        var grew = true
        while grew {
            grew = false
            for inequality in all where inequality.terms.contains(where: { found.contains($0.cell) }) {
                for term in inequality.terms where !found.contains(term.cell) {
                    found.insert(term.cell)
                    grew = true
                }
            }
        }
        return found
    }

    func inequalities(in component: Set<Int>) -> [CountInequality] {
        all.filter { $0.terms.contains { component.contains($0.cell) } }
    }

    /// What the markers say of each hidden count of the component.
    func bounds(of component: Set<Int>, marks: [CountDisclosure]) -> [Int: CountRange] {
        var ranges: [Int: CountRange] = [:]
        for cell in component {
            ranges[cell] = marks[cell] == .belowThreshold ? CountRange(lower: 1, upper: SuppressionRule.threshold - 1)
                                                          : CountRange(lower: 1, upper: nil)
        }
        return ranges
    }
}
