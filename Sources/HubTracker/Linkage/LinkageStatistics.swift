/// Figures from one linkage run: volumes, blocking, decisions, estimation and time per phase.
public struct LinkageStatistics: Sendable, Hashable, Codable {
    /// Candidate pairs first found by one blocking rule.
    public struct RuleComparisons: Sendable, Hashable, Codable {
        public var rule: BlockingRule
        public var comparisons: Int
    }

    /// A block skipped for being larger than ``LinkageConfiguration/maximumBlockSize``.
    public struct OversizedBlock: Sendable, Hashable, Codable {
        public var rule: BlockingRule
        public var records: Int
    }

    /// Seconds spent in each phase.
    public struct Timings: Sendable, Hashable, Codable {
        public var encoding = 0.0
        public var blocking = 0.0
        public var estimation = 0.0
        public var scoring = 0.0
        public var clustering = 0.0
        public var total: Double { encoding + blocking + estimation + scoring + clustering }
    }

    public var records = 0
    /// Records whose valid NHS number was set aside as carried by clearly different people
    /// (``IdentityRule/nhsNumberSharedByDifferentPeople``).
    public var nhsNumbersSetAside = 0
    /// Candidate pairs compared (each once, however many rules found it).
    public var comparisons = 0
    public var comparisonsByRule: [RuleComparisons] = []
    public var oversizedBlocks: [OversizedBlock] = []
    /// Pairs at or above the review threshold, or sharing an NHS number.
    public var scoredPairs = 0
    public var links = 0
    public var reviews = 0
    /// Of the links, pairs at two properties linked as a household that moved together (``HouseholdMoves``).
    public var householdMoves = 0
    /// Links not applied because of a do-not-link pair, an identity conflict or different NHS numbers.
    public var refusedLinks = 0
    public var persons = 0
    public var estimation: EstimationSummary?
    public var timings = Timings()
}
