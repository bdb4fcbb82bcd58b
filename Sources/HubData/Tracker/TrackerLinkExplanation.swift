/// Why two records of a person are one person (issue #18, item 2): one link, how it was made, and per field the
/// comparison level, its weight and any rule that fired, by name. Built by HubTracker's `PersonLinkExplainer` from the
/// saved linkage model; shown in the person view, the review queue's terms, and `hub tracker export-links --explain`.
public struct TrackerLinkExplanation: Sendable, Hashable, Codable {
    /// The two records (ids), the lower first.
    public var recordA: Int64
    public var recordB: Int64
    public var kind: TrackerLinkKind
    /// The match weight in bits and its probability; nil for a reviewer's confirmation no comparison explains.
    public var matchWeight: Double?
    public var matchProbability: Double?
    /// The rules that decided the link: `same_nhs_number`, `auto_link_threshold`, `household_link_threshold`,
    /// `household_moved_together`, `confirmed_by_reviewer`.
    public var rules: [String]
    public var fields: [Field]

    /// One field's part.
    public struct Field: Sendable, Hashable, Codable {
        /// `forename`, `surname`, `date_of_birth`, `address`, `gender`, `nhs_number`.
        public var field: String
        /// The comparison level: `exact`, `nickname`, `jaroWinkler92`, `dayMonthSwapped`, `sameProperty`, `missing`, …
        public var level: String
        /// The weight (bits) the level adds, and the adjustment for a rare or common name.
        public var weight: Double
        public var termFrequencyAdjustment: Double
        /// Rules that fired on the field: `same_nhs_number`, `forenames_differ`, `term_frequency_adjustment`, …
        public var rules: [String]

        public init(field: String, level: String, weight: Double, termFrequencyAdjustment: Double, rules: [String]) {
            self.field = field
            self.level = level
            self.weight = weight
            self.termFrequencyAdjustment = termFrequencyAdjustment
            self.rules = rules
        }
    }

    public init(recordA: Int64, recordB: Int64, kind: TrackerLinkKind, matchWeight: Double?, matchProbability: Double?, rules: [String],
                fields: [Field]) {
        self.recordA = recordA
        self.recordB = recordB
        self.kind = kind
        self.matchWeight = matchWeight
        self.matchProbability = matchProbability
        self.rules = rules
        self.fields = fields
    }
}

/// How a link was made.
public enum TrackerLinkKind: String, Sendable, Hashable, Codable {
    /// The two records share a valid NHS number.
    case deterministic
    /// The match weight reached the auto-link threshold with no identity conflict.
    case auto
    /// A reviewer confirmed the pair.
    case confirmed
}

/// Why a person's records are one person: the links that join them, and the records no link of the current model
/// explains (joined under an earlier model or through a record since retired), which are shown, never hidden.
public struct TrackerPersonLinks: Sendable, Hashable, Codable {
    public var links: [TrackerLinkExplanation]
    public var unexplainedRecords: [Int64]

    public init(links: [TrackerLinkExplanation], unexplainedRecords: [Int64]) {
        self.links = links
        self.unexplainedRecords = unexplainedRecords
    }
}
