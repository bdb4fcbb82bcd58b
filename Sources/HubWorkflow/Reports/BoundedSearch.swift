/// Whether a set of ±1 linear inequalities over non-negative integers has a solution within given ranges: the ranges
/// are narrowed by bounds propagation and then split, depth first, until every count has one value. `budget` caps
/// the ranges looked at; when it runs out the answer is nil (not known).
struct BoundedSearch {
    let inequalities: [CountInequality]
    var budget: Int

    mutating func feasible(_ ranges: [Int: CountRange]) -> Bool? {
        guard budget > 0 else { return nil }
        budget -= 1
        var ranges = ranges
        guard !ranges.values.contains(where: \.isEmpty), propagate(&ranges) else { return false }
        let open = ranges.filter { !$0.value.isSingle }
        guard let (cell, range) = open.min(by: { (Self.width($0.value), $0.key) < (Self.width($1.value), $1.key) }) else { return true }
        let middle = range.upper.map { range.lower + ($0 - range.lower) / 2 } ?? (range.lower * 2 + 4)
        var low = ranges, high = ranges
        low[cell] = CountRange(lower: range.lower, upper: middle)
        high[cell] = CountRange(lower: middle + 1, upper: range.upper)
        switch feasible(low) {
        case .some(true): return true
        case .some(false): return feasible(high)
        case .none: return feasible(high) == true ? true : nil
        }
    }

    static func width(_ range: CountRange) -> Int { range.upper.map { $0 - range.lower } ?? Int.max }

    /// Narrows every range to what the inequalities allow, until nothing changes; false when one becomes empty (or
    /// an inequality cannot hold).
    func propagate(_ ranges: inout [Int: CountRange]) -> Bool {
        var changed = true
        var rounds = 0
        while changed {
            changed = false
            rounds += 1
            guard rounds < 10_000 else { return true }
            for inequality in inequalities {
                guard let narrowed = narrow(inequality, &ranges) else { return false }
                changed = changed || narrowed
            }
        }
        return true
    }

    /// One inequality's narrowing: nil when it cannot hold, else whether a range changed.
    func narrow(_ inequality: CountInequality, _ ranges: inout [Int: CountRange]) -> Bool? {
        // The least each term can be, and how many terms have no least (a −count without an upper bound).
        var least = 0
        var unbounded = 0
        for term in inequality.terms {
            let range = ranges[term.cell]!
            if term.coefficient > 0 { least += range.lower } else if let upper = range.upper { least -= upper } else { unbounded += 1 }
        }
        if unbounded == 0 && least > inequality.bound { return nil }
        var changed = false
        for term in inequality.terms {
            var range = ranges[term.cell]!
            let own: Int? = term.coefficient > 0 ? range.lower : range.upper.map { -$0 }
            let rest: Int
            if let own { guard unbounded == 0 else { continue }; rest = least - own } else { guard unbounded == 1 else { continue }; rest = least }
            let limit = inequality.bound - rest
            if term.coefficient > 0, range.upper.map({ limit < $0 }) ?? true {
                range.upper = limit
            } else if term.coefficient < 0, -limit > range.lower {
                range.lower = -limit
            } else {
                continue
            }
            if range.isEmpty { return nil }
            ranges[term.cell] = range
            changed = true
        }
        return changed
    }
}
