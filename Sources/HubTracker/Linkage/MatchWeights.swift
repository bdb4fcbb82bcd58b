import Foundation

/// A model turned into lookup tables for the scoring loop: the total weight of every comparison pattern
/// (prior included) and the term-frequency adjustment of every forename and surname code.
struct MatchWeights: Sendable {
    let model: LinkageModel
    /// Indexed by ``ComparisonPattern/rawValue``.
    let patternWeights: [Float]
    /// Indexed by forename / surname code: the adjustment for agreeing exactly on that name.
    let forenameAdjustments: [Float]
    let surnameAdjustments: [Float]
    /// The prior, and every field's weight per level (for bounding a pair's weight before comparing names).
    let prior: Float
    let fieldWeights: [[Float]]

    init(model: LinkageModel, records: EncodedRecords, configuration: LinkageConfiguration) {
        self.model = model
        let prior = model.priorWeight
        var weights = [Float](repeating: 0, count: ComparisonPattern.count)
        for raw in 0..<ComparisonPattern.count {
            let pattern = ComparisonPattern(rawValue: UInt16(raw))
            var total = prior
            for field in LinkageField.allCases {
                if let level = pattern.level(field) { total += model.parameters(field).weight(level: level) }
            }
            weights[raw] = Float(total)
        }
        patternWeights = weights
        self.prior = Float(prior)
        fieldWeights = LinkageField.allCases.map { field in
            field.levels.indices.map { Float(model.parameters(field).weight(level: $0)) }
        }
        let limit = configuration.maximumTermFrequencyAdjustment
        let forenameU = model.parameters(.forename).u[0]
        let surnameU = model.parameters(.surname).u[0]
        if !configuration.termFrequencyAdjustments {
            forenameAdjustments = [Float](repeating: 0, count: records.forenames.count)
            surnameAdjustments = [Float](repeating: 0, count: records.surnames.count)
        } else if let frequencies = model.nameFrequencies {
            forenameAdjustments = MatchWeights.adjustments(codes: records.forenames.count, exactU: forenameU, floor: 0, limit: limit) {
                frequencies.forename(records.forenames.string($0))
            }
            surnameAdjustments = MatchWeights.adjustments(codes: records.surnames.count, exactU: surnameU, floor: 0, limit: limit) {
                frequencies.surname(records.surnames.string($0))
            }
        } else if records.forenameTotal >= MatchWeights.minimumRecordsForFrequencies {
            forenameAdjustments = MatchWeights.adjustments(
                codes: records.forenames.count, exactU: forenameU, floor: 1 / Double(records.forenameTotal), limit: limit,
                frequency: records.forenameFrequency)
            surnameAdjustments = MatchWeights.adjustments(
                codes: records.surnames.count, exactU: surnameU, floor: 1 / Double(max(records.surnameTotal, 1)), limit: limit,
                frequency: records.surnameFrequency)
        } else {
            // Too few records to say how common a name is.
            forenameAdjustments = [Float](repeating: 0, count: records.forenames.count)
            surnameAdjustments = [Float](repeating: 0, count: records.surnames.count)
        }
    }

    /// Below this many records, name frequencies are not measured on the records being linked.
    static let minimumRecordsForFrequencies = 1_000

    /// `log2(u_exact / tf(name))`: agreeing on a name shared by a tenth of records is worth less than the
    /// average exact agreement, agreeing on a rare one more.
    private static func adjustments(
        codes: Int, exactU: Double, floor: Double, limit: Double, frequency: (Int32) -> Double
    ) -> [Float] {
        (0..<codes).map { code in
            let tf = max(frequency(Int32(code)), floor, 1e-12)
            return Float(min(max(log2(exactU / tf), -limit), limit))
        }
    }

    /// The weight a field adds at `level` (0 for missing).
    @inline(__always)
    func weight(_ field: LinkageField, _ level: UInt8) -> Float {
        level == ComparisonPattern.missing ? 0 : fieldWeights[field.rawValue][Int(level)]
    }

    /// The most a name field can add when the two names are known to differ: its best non-exact level.
    func bestInexactWeight(_ field: LinkageField) -> Float {
        max(fieldWeights[field.rawValue].dropFirst().max() ?? 0, 0)
    }

    /// The most a name field can add at all: exact agreement with the largest adjustment.
    func bestWeight(_ field: LinkageField) -> Float {
        let adjustments = field == .forename ? forenameAdjustments : surnameAdjustments
        return max(fieldWeights[field.rawValue][0] + (adjustments.max() ?? 0), bestInexactWeight(field))
    }

    /// The weight of a comparison, adjustments included.
    @inline(__always)
    func weight(of comparison: PairComparison) -> (total: Float, forename: Float, surname: Float) {
        var total = patternWeights[Int(comparison.pattern.rawValue)]
        let forename = comparison.sharedForename >= 0 ? forenameAdjustments[Int(comparison.sharedForename)] : 0
        let surname = comparison.sharedSurname >= 0 ? surnameAdjustments[Int(comparison.sharedSurname)] : 0
        total += forename + surname
        return (total, forename, surname)
    }
}
