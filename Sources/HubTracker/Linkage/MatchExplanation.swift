import Foundation

/// What one field added to a pair's match weight.
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

    /// Several lines: decision and weight, then the prior and one line per field.
    public var description: String {
        var lines = [
            "\(decision.rawValue) records \(recordA) and \(recordB): match weight "
                + FieldContribution.signed(matchWeight) + String(format: " (probability %.4f)", matchProbability)
                + (isDeterministic ? ", same NHS number" : ""),
            "  prior " + FieldContribution.signed(priorWeight),
        ]
        lines += fields.map { "  " + $0.description }
        if !conflicts.isEmpty { lines.append("  conflicts: " + conflicts.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }
}

extension LinkageModel {
    /// Explains `score` field by field under this model.
    public func explain(_ score: PairScore, decision: LinkDecision) -> MatchExplanation {
        let contributions = LinkageField.allCases.map { field -> FieldContribution in
            let parameters = self.parameters(field)
            let level = score.pattern.level(field)
            let adjustment: Double
            switch field {
            case .forename: adjustment = Double(score.forenameAdjustment)
            case .surname: adjustment = Double(score.surnameAdjustment)
            default: adjustment = 0
            }
            return FieldContribution(
                field: field,
                level: score.level(field),
                m: level.map { parameters.m[$0] },
                u: level.map { parameters.u[$0] },
                weight: level.map { parameters.weight(level: $0) } ?? 0,
                termFrequencyAdjustment: adjustment)
        }
        var conflicts: [String] = []
        if score.conflicts.contains(.forenamesDiffer) { conflicts.append("forenames differ") }
        if score.conflicts.contains(.datesOfBirthDiffer) { conflicts.append("dates of birth differ") }
        if score.conflicts.contains(.gendersDiffer) { conflicts.append("genders differ") }
        if score.conflicts.contains(.nhsNumbersDiffer) { conflicts.append("NHS numbers differ") }
        return MatchExplanation(
            recordA: score.recordA, recordB: score.recordB, priorWeight: priorWeight, fields: contributions,
            matchWeight: score.matchWeight, matchProbability: score.matchProbability,
            isDeterministic: score.isDeterministic, conflicts: conflicts, decision: decision)
    }
}
