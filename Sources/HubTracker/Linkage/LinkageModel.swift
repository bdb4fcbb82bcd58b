import Foundation

/// The m and u probabilities of one field's comparison levels.
///
/// `m[i]` is the probability that two records of the same person compare at level `i`; `u[i]` the
/// probability that two records of different people do. Level `i` adds `log2(m[i] / u[i])` bits to a
/// pair's match weight.
public struct FieldParameters: Sendable, Hashable, Codable {
    public var field: LinkageField
    public var m: [Double]
    public var u: [Double]

    public init(field: LinkageField, m: [Double], u: [Double]) {
        precondition(m.count == field.levels.count && u.count == field.levels.count, "one m and u per level of \(field)")
        self.field = field
        self.m = m
        self.u = u
    }

    /// The match weight (bits) the level at `index` adds.
    public func weight(level index: Int) -> Double {
        log2(max(m[index], LinkageModel.probabilityFloor) / max(u[index], LinkageModel.probabilityFloor))
    }

    /// The match weight the named level adds; 0 for a missing value or a level the field does not have.
    public func weight(_ level: ComparisonLevel) -> Double {
        guard let index = field.levels.firstIndex(of: level) else { return 0 }
        return weight(level: index)
    }
}

/// A Fellegi–Sunter model: the prior probability that two random records match and every field's m and u
/// probabilities. Estimated from the data (see ``RecordLinker``) or supplied, e.g. one saved from an
/// earlier run for incremental linking; `Codable` so it can be stored.
public struct LinkageModel: Sendable, Hashable, Codable {
    /// λ: the probability that two records drawn at random belong to the same person.
    public var probabilityTwoRandomRecordsMatch: Double
    /// One entry per ``LinkageField``, in that order.
    public var fields: [FieldParameters]

    /// How common each name was in the data the model was estimated on, for term-frequency adjustment
    /// when linking a few records later (incremental linking); nil to measure it on the records being linked.
    public var nameFrequencies: NameFrequencies?

    public init(probabilityTwoRandomRecordsMatch: Double, fields: [FieldParameters], nameFrequencies: NameFrequencies? = nil) {
        precondition(fields.map(\.field) == LinkageField.allCases, "one FieldParameters per LinkageField, in order")
        self.probabilityTwoRandomRecordsMatch = probabilityTwoRandomRecordsMatch
        self.fields = fields
        self.nameFrequencies = nameFrequencies
    }

    /// The parameters of `field`.
    public func parameters(_ field: LinkageField) -> FieldParameters { fields[field.rawValue] }

    /// `log2(λ / (1 − λ))`: the match weight of a pair before any field is compared.
    public var priorWeight: Double {
        let lambda = min(max(probabilityTwoRandomRecordsMatch, 1e-15), 1 - 1e-9)
        return log2(lambda / (1 - lambda))
    }

    /// Converts a match weight to a match probability.
    public static func probability(weight: Double) -> Double {
        let odds = pow(2, weight)
        return odds.isInfinite ? 1 : odds / (1 + odds)
    }

    /// The smallest probability used in a weight, so that an unseen level cannot make it infinite.
    static let probabilityFloor = 1e-9

    /// Reasonable hand-set parameters for partner feeds of a region of about a million records: the
    /// starting point of estimation, and the model to use when there is too little data to estimate one.
    public static let standard = LinkageModel(
        probabilityTwoRandomRecordsMatch: 4e-6,
        fields: [
            FieldParameters(field: .forename, m: [0.86, 0.05, 0.04, 0.03, 0.02], u: [0.012, 0.002, 0.004, 0.03, 0.952]),
            FieldParameters(field: .surname, m: [0.90, 0.05, 0.02, 0.03], u: [0.004, 0.002, 0.03, 0.964]),
            FieldParameters(
                field: .dateOfBirth, m: [0.92, 0.02, 0.04, 0.01, 0.01], u: [0.00004, 0.000002, 0.0015, 0.035, 0.9635]),
            FieldParameters(field: .address, m: [0.60, 0.10, 0.08, 0.08, 0.14], u: [0.00002, 0.0004, 0.006, 0.06, 0.9336]),
            FieldParameters(field: .gender, m: [0.98, 0.02], u: [0.5, 0.5]),
            FieldParameters(field: .nhsNumber, m: [0.999, 0.001], u: [0.0000001, 0.9999999]),
        ])
}

/// The share of records bearing each forename and surname (names seen at least twice), and how many
/// records that was measured on. A name not listed counts as seen once.
public struct NameFrequencies: Sendable, Hashable, Codable {
    public var records: Int
    public var forenames: [String: Double]
    public var surnames: [String: Double]

    public init(records: Int, forenames: [String: Double], surnames: [String: Double]) {
        self.records = records
        self.forenames = forenames
        self.surnames = surnames
    }

    /// The frequency of a forename, `1 / records` when not listed.
    public func forename(_ name: String) -> Double { forenames[name] ?? 1 / Double(max(records, 1)) }

    /// The frequency of a surname, `1 / records` when not listed.
    public func surname(_ name: String) -> Double { surnames[name] ?? 1 / Double(max(records, 1)) }
}
