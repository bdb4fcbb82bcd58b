import HubWorkflow
import Testing

/// The small-number rule on hand-made tables whose decisions are worked out by hand in each test.
@Suite("Small-number suppression")
struct SuppressionRuleTests {
    typealias Mark = CountDisclosure

    func decide(_ counts: [Int], _ relations: [CountRelation<Int>], derived: [[Int]] = []) -> SuppressionDecision {
        SuppressionRule().decide(CountTable(counts: counts, relations: relations, derived: derived))
    }

    /// 20 = 3 + 7 + 10: the 3 alone would be 20 − 7 − 10, so the next smallest part, 7, is withheld with it (then the
    /// 3 may be anything from 1 to 4, the 7 from 6 to 9).
    @Test func aRowWithOneSmallCountWithholdsTheNextSmallest() {
        let decision = decide([20, 3, 7, 10], [.sum(total: 0, parts: [1, 2, 3])])
        #expect(decision.counts == [.shown, .belowThreshold, .withheld, .shown])
    }

    /// 15 = 3 + 6 + 6: of two equal candidates the earlier is withheld.
    @Test func aTieGoesToTheEarliest() {
        #expect(decide([15, 3, 6, 6], [.sum(total: 0, parts: [1, 2, 3])]).counts == [.shown, .belowThreshold, .withheld, .shown])
    }

    /// Zero is shown, and never withheld for another count: 12 = 0 + 3 + 9 withholds the 9.
    @Test func zeroIsShownAndNeverWithheld() {
        #expect(decide([12, 0, 3, 9], [.sum(total: 0, parts: [1, 2, 3])]).counts == [.shown, .shown, .belowThreshold, .withheld])
    }

    /// A 3 × 3 table with its margins and grand total: withholding for a row leaves a column with one hidden cell, and
    /// so on, until every row and column with a hidden cell has two or more.
    ///
    ///      3   8   9 | 20          <5   s   s | 20
    ///      6  12   7 | 25    →      s  12   s | 25
    ///     10  11  15 | 36           s   s  15 | 36
    ///     19  31  31 | 81          19  31  31 | 81
    @Test func secondarySuppressionRunsToAFixedPoint() {
        let cells = [3, 8, 9, 6, 12, 7, 10, 11, 15]
        let counts = cells + [20, 25, 36] + [19, 31, 31] + [81]
        var relations: [CountRelation<Int>] = []
        for row in 0..<3 { relations.append(.sum(total: 9 + row, parts: [3 * row, 3 * row + 1, 3 * row + 2])) }
        for column in 0..<3 { relations.append(.sum(total: 12 + column, parts: [column, 3 + column, 6 + column])) }
        relations += [.sum(total: 15, parts: [9, 10, 11]), .sum(total: 15, parts: [12, 13, 14])]
        let decision = decide(counts, relations)
        let s = Mark.withheld, o = Mark.shown
        #expect(decision.counts == [.belowThreshold, s, s, s, o, s, s, s, o] + Array(repeating: o, count: 7))
    }

    /// 12 = 1 + 1 + 10: two `<5` in a row are not enough when the total leaves exactly 2 for them (both would be 1),
    /// so the 10 is withheld too.
    @Test func twoSmallCountsTheTotalPinsDownTakeAThird() {
        #expect(decide([12, 1, 1, 10], [.sum(total: 0, parts: [1, 2, 3])]).counts == [.shown, .belowThreshold, .belowThreshold, .withheld])
    }

    /// Every count small: a `<5` total over four `<5` parts says each part is 1. The largest small count (the total)
    /// is shown as `suppressed` instead, which no longer says it is under 5.
    @Test func aSmallTotalOverFourSmallParts() {
        #expect(decide([4, 1, 1, 1, 1], [.sum(total: 0, parts: [1, 2, 3, 4])]).counts
                == [.withheld, .belowThreshold, .belowThreshold, .belowThreshold, .belowThreshold])
    }

    /// A 2 × 2 table of ones: row and column totals 2, grand total 4. Every count is small, and the grand total's `<5`
    /// would give every cell away; it alone becomes `suppressed`.
    @Test func aTableOfSmallCountsOnly() {
        let relations: [CountRelation<Int>] = [.sum(total: 4, parts: [0, 1]), .sum(total: 5, parts: [2, 3]), .sum(total: 6, parts: [0, 2]),
                                               .sum(total: 7, parts: [1, 3]), .sum(total: 8, parts: [4, 5]), .sum(total: 8, parts: [6, 7])]
        let decision = decide([1, 1, 1, 1, 2, 2, 2, 2, 4], relations)
        #expect(decision.counts == Array(repeating: .belowThreshold, count: 8) + [.withheld])
    }

    /// People open to children's (4) or adults' (4) social care, 8 in all: each is at most the total, which is at most
    /// their sum, so 8 says both are 4. The total is withheld.
    @Test func anOverlappingTotalIsARelationToo() {
        #expect(decide([8, 4, 4], [.covers(total: 0, parts: [1, 2])]).counts == [.withheld, .belowThreshold, .belowThreshold])
    }

    /// A derived figure is shown only when every count it is worked out from is.
    @Test func derivedFiguresNeedEveryCountShown() {
        let decision = decide([20, 3, 7, 10], [.sum(total: 0, parts: [1, 2, 3])], derived: [[1, 0], [2, 0], [3, 0], []])
        #expect(decision.derivedShown == [false, false, true, true])
    }

    /// Without relations a small count stands alone: nothing else is withheld.
    @Test func noRelationNoSecondarySuppression() {
        #expect(decide([3, 120, 0], []).counts == [.belowThreshold, .shown, .shown])
    }
}
