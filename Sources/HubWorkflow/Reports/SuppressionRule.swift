/// Small-number suppression for the board's reports (docs/reports.md, "Small numbers"), so that no count from 1 to 4
/// can be read or worked back from what a report shows:
///
/// 1. **Primary**: every count from 1 to `threshold − 1` is shown as `<5`. Zero is shown.
/// 2. **Secondary**: a sum relation (a total row, a row's total, a group total its percentages imply) with exactly one
///    hidden cell gives that cell away, so one more of its cells is withheld: the smallest non-zero part shown (the
///    earliest in the table on a tie), or the total when every part is hidden. Repeated over every relation until
///    none has exactly one hidden cell (a cell withheld for a row may leave its column with one).
/// 3. **Check**: a reader who knows the relations, that `<5` is 1–4 and that `suppressed` is at least 1, could still
///    pin a hidden count down (two `<5` in a row whose shown total leaves 2 for them, a `<5` total over four `<5`
///    parts). For each hidden count, ``RecoverableCounts`` looks for a value other than the true one that every
///    relation allows; where there is none, one more cell of its relations is withheld (as in 2), else one of a relation
///    linked to them, or, when every count linked to it is hidden already, the largest `<5` among them is shown as
///    `suppressed` instead, which no longer says it is below 5. Then 2 and 3 again, until no hidden count can be
///    worked back.
/// 4. **Derived figures** (percentages, medians, hours) are shown only when every count they are worked out from is.
///
/// Pure: the same table gives the same decision.
public struct SuppressionRule: Sendable {
    /// Counts from 1 to `threshold − 1` are small.
    public static let threshold = 5

    public init() {}

    public func decide(_ table: CountTable) -> SuppressionDecision {
        var marks = table.counts.map { (1..<Self.threshold).contains($0) ? CountDisclosure.belowThreshold : .shown }
        while true {
            complement(&marks, in: table)
            guard let recoverable = RecoverableCounts(table: table, marks: marks).first() else { break }
            guard protect(recoverable, &marks, in: table) else { break }
        }
        let derived = table.derived.map { inputs in inputs.allSatisfy { marks[$0] == .shown } }
        return SuppressionDecision(counts: marks, derivedShown: derived)
    }

    /// Step 2: until no sum relation has exactly one hidden cell, withhold one more cell of each that has.
    func complement(_ marks: inout [CountDisclosure], in table: CountTable) {
        var changed = true
        while changed {
            changed = false
            for relation in table.relations {
                guard case .sum = relation, relation.cells.filter({ marks[$0].isHidden }).count == 1,
                      let next = nextToWithhold(among: [relation], marks, table) else { continue }
                marks[next] = .withheld
                changed = true
            }
        }
    }

    /// Step 3: protects a count a reader could work back: withholds one more cell of its relations (as in step 2), else
    /// of any relation linked to it (through a chain of relations: a row whose hidden cells all lie in hidden columns
    /// is pinned by the counts shown further away), else shows the largest `<5` linked to it as `suppressed`. False
    /// when nothing more can be hidden.
    func protect(_ cell: Int, _ marks: inout [CountDisclosure], in table: CountTable) -> Bool {
        let component = linked(to: cell, in: table)
        for relations in [table.relations.filter { $0.cells.contains(cell) }, table.relations.filter { $0.cells.contains(where: component.contains) }] {
            if let next = nextToWithhold(among: relations, marks, table) {
                marks[next] = .withheld
                return true
            }
        }
        let small = component.filter { marks[$0] == .belowThreshold }
        guard let largest = small.max(by: { (table.counts[$0], -$0) < (table.counts[$1], -$1) }) else { return false }
        marks[largest] = .withheld
        return true
    }

    /// Every count linked to `cell` through the relations.
    func linked(to cell: Int, in table: CountTable) -> Set<Int> {
        var found: Set<Int> = [cell]
        var grew = true
        while grew {
            grew = false
            for relation in table.relations where relation.cells.contains(where: found.contains) {
                let before = found.count
                found.formUnion(relation.cells)
                grew = grew || found.count > before
            }
        }
        return found
    }

    /// The smallest non-zero part still shown of these relations (the earliest on a tie), else the smallest total.
    func nextToWithhold(among relations: [CountRelation<Int>], _ marks: [CountDisclosure], _ table: CountTable) -> Int? {
        func smallest(_ cells: [Int]) -> Int? {
            cells.filter { marks[$0] == .shown && table.counts[$0] > 0 }
                .min { (table.counts[$0], $0) < (table.counts[$1], $1) }
        }
        return smallest(relations.flatMap(\.parts)) ?? smallest(relations.map(\.total))
    }
}
