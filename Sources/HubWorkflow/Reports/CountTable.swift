/// A report's figures as the small-number rule sees them: every count (those shown in the table and any total the
/// table lets be worked out without showing it, such as the total behind a column of percentages), the relations
/// between them, and for each figure derived from counts (a percentage, a median, hours) the counts it is worked out
/// from.
public struct CountTable: Sendable, Hashable {
    public var counts: [Int]
    public var relations: [CountRelation<Int>]
    /// For each derived figure, the indexes in `counts` of the counts it depends on.
    public var derived: [[Int]]

    public init(counts: [Int], relations: [CountRelation<Int>] = [], derived: [[Int]] = []) {
        self.counts = counts
        self.relations = relations
        self.derived = derived
    }
}

/// How one count is published.
public enum CountDisclosure: String, Sendable, Hashable {
    /// As it is (zero, five or more, and not needed to protect a small count).
    case shown
    /// A count from 1 to 4 (primary suppression): shown as `<5`.
    case belowThreshold
    /// Withheld so that no small count can be worked back from the figures shown (secondary suppression), or a
    /// count from 1 to 4 whose `<5` would itself give one away: shown as `suppressed`. Never zero.
    case withheld

    public var isHidden: Bool { self != .shown }
}

/// What the rule decided: for each count how it is published, and for each derived figure whether it is shown.
public struct SuppressionDecision: Sendable, Hashable {
    public let counts: [CountDisclosure]
    public let derivedShown: [Bool]
}
