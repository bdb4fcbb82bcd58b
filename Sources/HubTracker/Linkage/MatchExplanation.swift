import Foundation

/// What one field added to a pair's match weight. In JSON the field is named (`forename`, `date_of_birth`,
/// `nhs_number`: ``LinkageField/code``); explanations stored before issue #18 numbered it (0–5), and still decode.
public struct FieldContribution: Sendable, Hashable, Codable, CustomStringConvertible {
    public var field: LinkageField
    public var level: ComparisonLevel
    /// m and u of the level; nil for a missing value.
    public var m: Double?
    public var u: Double?
    /// `log2(m / u)`; 0 for a missing value.
    public var weight: Double
    /// The extra weight for agreeing on a rare (positive) or common (negative) name; 0 otherwise.
    public var termFrequencyAdjustment: Double
    /// The rules that fired on this field (``LinkRule`` codes): `same_nhs_number`, `nhs_numbers_differ`,
    /// `forenames_differ`, `dates_of_birth_differ`, `genders_differ`, `term_frequency_adjustment`; then the
    /// ``IdentityRule`` codes: `nhs_number_shared_by_different_people`, `nhs_numbers_differ_at_one_home` (NHS number); `nhs_shared_but_forenames_differ`, `twins`, `forename_keying_slip` (forename);
    /// `nhs_shared_but_dates_of_birth_differ`, `age_gap_adult_child`, `generation_gap_same_name`,
    /// `no_dob_needs_more_than_name_and_address`, `date_of_birth_day_month_swapped`, `date_of_birth_single_slip`
    /// (date of birth).
    public var rules: [String] = []

    init(field: LinkageField, level: ComparisonLevel, m: Double?, u: Double?, weight: Double, termFrequencyAdjustment: Double,
         rules: [String] = []) {
        self.field = field
        self.level = level
        self.m = m
        self.u = u
        self.weight = weight
        self.termFrequencyAdjustment = termFrequencyAdjustment
        self.rules = rules
    }

    enum CodingKeys: String, CodingKey {
        case field, level, m, u, weight, termFrequencyAdjustment, rules
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let code = try? container.decode(String.self, forKey: .field) {
            guard let field = LinkageField(code: code) else {
                throw DecodingError.dataCorruptedError(forKey: .field, in: container, debugDescription: "unknown field \(code)")
            }
            self.field = field
        } else {
            self.field = try container.decode(LinkageField.self, forKey: .field)  // before issue #18: its number
        }
        level = try container.decode(ComparisonLevel.self, forKey: .level)
        m = try container.decodeIfPresent(Double.self, forKey: .m)
        u = try container.decodeIfPresent(Double.self, forKey: .u)
        weight = try container.decode(Double.self, forKey: .weight)
        termFrequencyAdjustment = try container.decode(Double.self, forKey: .termFrequencyAdjustment)
        rules = try container.decodeIfPresent([String].self, forKey: .rules) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field.code, forKey: .field)
        try container.encode(level, forKey: .level)
        try container.encodeIfPresent(m, forKey: .m)
        try container.encodeIfPresent(u, forKey: .u)
        try container.encode(weight, forKey: .weight)
        try container.encode(termFrequencyAdjustment, forKey: .termFrequencyAdjustment)
        try container.encode(rules, forKey: .rules)
    }

    /// `surname: exact +8.94 (term frequency −1.20)`.
    public var description: String {
        var text = field.description + ": " + level.description + " " + FieldContribution.signed(weight)
        if termFrequencyAdjustment != 0 {
            text += " (term frequency " + FieldContribution.signed(termFrequencyAdjustment) + ")"
        }
        return text
    }

    static func signed(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        let text = String(format: "%.2f", abs(rounded))
        return (rounded < 0 ? "−" : "+") + text
    }
}

/// How linkage treated a scored pair.
public enum LinkDecision: String, Sendable, Hashable, Codable {
    /// Linked: the same valid NHS number, or a match weight at or above the auto-link threshold with no
    /// identity conflict.
    case link
    /// In the clerical review band, or above the threshold but with an identity conflict.
    case review
}

/// A pair's score explained: the prior, each field's level and weight, the total, the probability and why
/// the pair was or was not linked.
public struct MatchExplanation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var recordA: Int
    public var recordB: Int
    public var priorWeight: Double
    public var fields: [FieldContribution]
    public var matchWeight: Double
    public var matchProbability: Double
    public var isDeterministic: Bool
    public var conflicts: [String]
    public var decision: LinkDecision
    /// The decision's rules (``LinkRule`` codes): `same_nhs_number` (linked on a shared valid NHS number),
    /// `auto_link_threshold` (linked on weight), `identity_conflict` or `review_band` (sent to review); then the
    /// family-safe ``IdentityRule``s that fired (`nhs_number_shared_by_different_people`, `nhs_shared_but_forenames_differ`, `twins`, `age_gap_adult_child`,
    /// `generation_gap_same_name`, `no_dob_needs_more_than_name_and_address`, …).
    public var rules: [String] = []

    init(recordA: Int, recordB: Int, priorWeight: Double, fields: [FieldContribution], matchWeight: Double,
         matchProbability: Double, isDeterministic: Bool, conflicts: [String], decision: LinkDecision, rules: [String] = []) {
        self.recordA = recordA
        self.recordB = recordB
        self.priorWeight = priorWeight
        self.fields = fields
        self.matchWeight = matchWeight
        self.matchProbability = matchProbability
        self.isDeterministic = isDeterministic
        self.conflicts = conflicts
        self.decision = decision
        self.rules = rules
    }

    enum CodingKeys: String, CodingKey {
        case recordA, recordB, priorWeight, fields, matchWeight, matchProbability, isDeterministic, conflicts, decision, rules
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        recordA = try container.decode(Int.self, forKey: .recordA)
        recordB = try container.decode(Int.self, forKey: .recordB)
        priorWeight = try container.decode(Double.self, forKey: .priorWeight)
        fields = try container.decode([FieldContribution].self, forKey: .fields)
        matchWeight = try container.decode(Double.self, forKey: .matchWeight)
        matchProbability = try container.decode(Double.self, forKey: .matchProbability)
        isDeterministic = try container.decode(Bool.self, forKey: .isDeterministic)
        conflicts = try container.decode([String].self, forKey: .conflicts)
        decision = try container.decode(LinkDecision.self, forKey: .decision)
        rules = try container.decodeIfPresent([String].self, forKey: .rules) ?? []  // none stored before issue #18
    }

    /// Several lines: decision and weight, then the prior and one line per field.
    public var description: String {
        var lines = [
            "\(decision.rawValue) records \(recordA) and \(recordB): match weight "
                + FieldContribution.signed(matchWeight) + String(format: " (probability %.4f)", matchProbability)
                + (isDeterministic ? ", same NHS number" : ""),
            "  prior " + FieldContribution.signed(priorWeight),
        ]
        if !rules.isEmpty { lines.append("  rules: " + rules.joined(separator: ", ")) }
        lines += fields.map { "  " + $0.description }
        if !conflicts.isEmpty { lines.append("  conflicts: " + conflicts.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }
}

extension LinkageModel {
    /// Explains `score` field by field under this model, with the decision and the rule that made it
    /// (``LinkageEngine/ruling(for:)``).
    func explain(_ score: PairScore, decision: LinkDecision, rule: LinkRule) -> MatchExplanation {
        let identityRules = IdentityRule.fired(on: score)
        let contributions = LinkageField.allCases.map { field -> FieldContribution in
            let parameters = self.parameters(field)
            let level = score.pattern.level(field)
            let adjustment: Double
            switch field {
            case .forename: adjustment = Double(score.forenameAdjustment)
            case .surname: adjustment = Double(score.surnameAdjustment)
            default: adjustment = 0
            }
            var rules: [LinkRule] = []
            switch field {
            case .nhsNumber:
                if score.isDeterministic { rules.append(.sameNHSNumber) }
                if score.conflicts.contains(.nhsNumbersDiffer) { rules.append(.nhsNumbersDiffer) }
            case .forename:
                if score.conflicts.contains(.forenamesDiffer) { rules.append(.forenamesDiffer) }
            case .dateOfBirth:
                if score.conflicts.contains(.datesOfBirthDiffer) { rules.append(.datesOfBirthDiffer) }
            case .gender:
                if score.conflicts.contains(.gendersDiffer) { rules.append(.gendersDiffer) }
            case .surname, .address:
                break
            }
            if adjustment != 0 { rules.append(.termFrequencyAdjustment) }
            return FieldContribution(
                field: field,
                level: score.level(field),
                m: level.map { parameters.m[$0] },
                u: level.map { parameters.u[$0] },
                weight: level.map { parameters.weight(level: $0) } ?? 0,
                termFrequencyAdjustment: adjustment,
                rules: rules.map(\.rawValue) + (identityRules[field] ?? []).map(\.rawValue))
        }
        var conflicts: [String] = []
        if score.conflicts.contains(.forenamesDiffer) { conflicts.append("forenames differ") }
        if score.conflicts.contains(.datesOfBirthDiffer) { conflicts.append("dates of birth differ") }
        if score.conflicts.contains(.gendersDiffer) { conflicts.append("genders differ") }
        if score.conflicts.contains(.nhsNumbersDiffer) { conflicts.append("NHS numbers differ") }
        // The family-safe rules that decided the pair, as the decision's rules too (typo tolerance stays on its field).
        let deciding = LinkageField.allCases.flatMap { identityRules[$0] ?? [] }.filter(\.keepsPeopleApart)
        return MatchExplanation(
            recordA: score.recordA, recordB: score.recordB, priorWeight: priorWeight, fields: contributions,
            matchWeight: score.matchWeight, matchProbability: score.matchProbability,
            isDeterministic: score.isDeterministic, conflicts: conflicts, decision: decision,
            rules: [rule.rawValue] + deciding.map(\.rawValue))
    }
}

/// The rules of linkage an explanation names, by code (stable: stored in explanations and exported).
public enum LinkRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// The two records share a valid NHS number: linked on that alone, unless the rest of the pair disputes it.
    case sameNHSNumber = "same_nhs_number"
    /// The match weight reached the auto-link threshold with no identity conflict.
    case autoLinkThreshold = "auto_link_threshold"
    /// At one property, both dates of birth known and agreeing or a slip apart, no conflict: the match weight reached
    /// the lower household threshold (``LinkageConfiguration/householdLinkThreshold``).
    case householdLinkThreshold = "household_link_threshold"
    /// At two properties, both dates of birth known and agreeing or a slip apart, no conflict, in the review band, and
    /// someone else's records are at both properties: a household that moved together (``HouseholdMoves``).
    case householdMovedTogether = "household_moved_together"
    /// A reviewer confirmed the pair is one person.
    case confirmedByReviewer = "confirmed_by_reviewer"
    /// The weight fell in the clerical review band.
    case reviewBand = "review_band"
    /// At two postcodes, the weight reached the auto-link threshold but not the higher one for pairs at two postcodes
    /// (``LinkageConfiguration/otherPostcodeLinkThreshold``): reviewed, as a namesake elsewhere is as likely as a move.
    case otherPostcodeReviewBand = "other_postcode_review_band"
    /// Above the threshold, or sharing an NHS number, but with an identity conflict: sent to review.
    case identityConflict = "identity_conflict"
    /// Field rules: the conflicts seen on one field.
    case forenamesDiffer = "forenames_differ"
    case datesOfBirthDiffer = "dates_of_birth_differ"
    case gendersDiffer = "genders_differ"
    case nhsNumbersDiffer = "nhs_numbers_differ"
    /// Agreeing on a rare name counted for more, on a common one for less.
    case termFrequencyAdjustment = "term_frequency_adjustment"
}
