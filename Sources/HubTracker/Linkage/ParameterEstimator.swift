/// What parameter estimation did: how many random pairs gave u, and each blocking rule's EM session.
public struct EstimationSummary: Sendable, Hashable, Codable {
    /// One EM session on the candidate pairs of one blocking rule.
    public struct Session: Sendable, Hashable, Codable {
        public var rule: BlockingRule
        /// Candidate pairs the session saw (whole blocks are sampled on large data).
        public var pairs: Int
        public var iterations: Int
        public var converged: Bool
        /// The estimated share of the rule's candidate pairs that match.
        public var matchProportion: Double
        /// The fields whose m this session estimated (those the rule does not condition on).
        public var estimatedFields: [LinkageField]
    }

    /// How λ, the prior, was estimated.
    public enum PriorMethod: String, Sendable, Hashable, Codable {
        /// From the share of matching pairs among records with a valid NHS number.
        case nhsNumbers
        /// By EM over all candidate pairs (when too few records carry NHS numbers).
        case expectationMaximisation
    }

    public var randomPairs: Int
    public var sessions: [Session]
    /// The expected number of matching pairs among all pairs of records (λ times the number of pairs).
    public var expectedMatchingPairs: Double
    public var priorMethod: PriorMethod
}

/// Estimates a ``LinkageModel`` from the records themselves, following the method of Splink:
/// u from comparisons of random pairs (almost all non-matches); m by one EM session per blocking rule on
/// that rule's candidate pairs, each leaving out the fields its rule conditions on, averaged across
/// sessions; λ from the expected number of matches among all candidate pairs, by EM with m and u fixed.
/// NHS-number agreement keeps its configured m and u (it links deterministically anyway).
struct ParameterEstimator: Sendable {
    let configuration: LinkageConfiguration

    /// Sessions with fewer candidate pairs than this are not used.
    static let minimumSessionPairs = 30

    func estimate(records: EncodedRecords, blocks: CandidateBlocks) -> (LinkageModel, EstimationSummary) {
        let standard = configuration.model ?? LinkageModel.standard
        let fields = LinkageField.allCases
        let (uHistogram, randomPairs) = randomPairHistogram(records)
        var u = fields.map { uHistogram.levelProportions($0) }
        u[LinkageField.nhsNumber.rawValue] = standard.parameters(.nhsNumber).u

        let (ruleHistograms, union) = blockedHistograms(records: records, blocks: blocks)
        let em = ExpectationMaximisation(maximumIterations: configuration.emMaximumIterations, tolerance: configuration.emTolerance)
        let initialM = standard.fields.map(\.m)
        var mSums = fields.map { [Double](repeating: 0, count: $0.levels.count) }
        var mSessions = [Int](repeating: 0, count: fields.count)
        var sessions: [EstimationSummary.Session] = []
        for (index, rule) in blocks.rules.enumerated() where rule != .nhsNumber {
            let histogram = ruleHistograms[index]
            let pairs = Int(histogram.total)
            guard pairs >= ParameterEstimator.minimumSessionPairs else { continue }
            let excluded = rule.conditionedFields
            let estimated = Set(fields).subtracting(excluded).subtracting([.nhsNumber])
            let outcome = em.run(
                histogram, u: u, initialM: initialM, initialLambda: 0.05, estimated: estimated, excluded: excluded)
            for field in estimated {
                for level in field.levels.indices { mSums[field.rawValue][level] += outcome.m[field.rawValue][level] }
                mSessions[field.rawValue] += 1
            }
            sessions.append(EstimationSummary.Session(
                rule: rule, pairs: pairs, iterations: outcome.iterations, converged: outcome.converged,
                matchProportion: outcome.lambda, estimatedFields: fields.filter { estimated.contains($0) }))
        }
        let m = fields.map { field -> [Double] in
            let count = mSessions[field.rawValue]
            guard count > 0 else { return standard.parameters(field).m }
            return ParameterEstimator.floored(mSums[field.rawValue].map { $0 / Double(count) })
        }
        let fieldParameters = fields.map { FieldParameters(field: $0, m: m[$0.rawValue], u: u[$0.rawValue]) }

        let allPairs = Double(records.count) * Double(max(records.count - 1, 1)) / 2
        let lambda: Double
        let method: EstimationSummary.PriorMethod
        if let fromNHS = ParameterEstimator.matchProbabilityFromNHSNumbers(records) {
            lambda = fromNHS
            method = .nhsNumbers
        } else {
            // Without enough NHS numbers: the expected matches among all candidate pairs, by EM with m and u
            // fixed. Blocked non-matches (relatives in one household) look more alike than random pairs, so
            // this errs high.
            let outcome = em.run(union, u: u, initialM: m, initialLambda: 0.05, estimated: [], excluded: [])
            lambda = outcome.lambda * union.total / max(allPairs, 1)
            method = .expectationMaximisation
        }
        let model = LinkageModel(
            probabilityTwoRandomRecordsMatch: min(max(lambda, 1e-12), 0.5), fields: fieldParameters,
            nameFrequencies: ParameterEstimator.nameFrequencies(records))
        return (model, EstimationSummary(
            randomPairs: randomPairs, sessions: sessions, expectedMatchingPairs: model.probabilityTwoRandomRecordsMatch * allPairs,
            priorMethod: method))
    }

    /// The frequencies of the names seen at least twice (at most the 50,000 commonest of each kind).
    static func nameFrequencies(_ records: EncodedRecords) -> NameFrequencies {
        func table(_ pool: StringPool, total: Int) -> [String: Double] {
            let seen = pool.frequencies.enumerated().filter { $0.element >= 2 }.sorted { $0.element > $1.element }
            var table: [String: Double] = [:]
            for (code, count) in seen.prefix(50_000) { table[pool.string(Int32(code))] = Double(count) / Double(max(total, 1)) }
            return table
        }
        return NameFrequencies(
            records: records.count,
            forenames: table(records.forenames, total: records.forenameTotal),
            surnames: table(records.surnames, total: records.surnameTotal))
    }

    /// λ from the records with a valid NHS number: pairs sharing a number are matches, so the share of
    /// matching pairs among those records is known exactly, and estimates λ for all records as long as
    /// whether a record carries a number does not depend on who the person is. Nil when fewer than 50
    /// pairs share a number.
    static func matchProbabilityFromNHSNumbers(_ records: EncodedRecords) -> Double? {
        var numbers = records.nhs.filter { $0 != 0 }
        guard numbers.count >= 100 else { return nil }
        numbers.sort()
        var matchingPairs = 0.0
        var start = 0
        while start < numbers.count {
            var end = start + 1
            while end < numbers.count && numbers[end] == numbers[start] { end += 1 }
            let run = Double(end - start)
            matchingPairs += run * (run - 1) / 2
            start = end
        }
        guard matchingPairs >= 50 else { return nil }
        let count = Double(numbers.count)
        return matchingPairs / (count * (count - 1) / 2)
    }

    /// The smallest m a level keeps after estimation. EM drives a level that matches never show in the
    /// sample towards zero, which would let that one field veto any match; real feeds are messier.
    static let minimumM = 0.001

    /// Raises every probability to ``minimumM`` and renormalises.
    static func floored(_ probabilities: [Double]) -> [Double] {
        let raised = probabilities.map { max($0, minimumM) }
        let sum = raised.reduce(0, +)
        return raised.map { $0 / sum }
    }

    /// Compares random pairs (every pair when there are few records) into a histogram.
    private func randomPairHistogram(_ records: EncodedRecords) -> (PatternHistogram, Int) {
        let count = records.count
        guard count >= 2 else { return (PatternHistogram(), 0) }
        let allPairs = count * (count - 1) / 2
        if allPairs <= configuration.randomPairsForU {
            let histogram = PairComparator.withComparator(records) { comparator in
                var histogram = PatternHistogram()
                for b in 1..<count {
                    for a in 0..<b { histogram.add(comparator.compare(a, b).pattern) }
                }
                return histogram
            }
            return (histogram, allPairs)
        }
        let samples = configuration.randomPairsForU
        let workers = max(1, configuration.parallelism)
        let seed = configuration.seed
        // A fixed number of chunks, so the sample (and the model) does not depend on the thread count.
        let parts = ParallelChunks.map(count: samples, chunkCount: 16, parallelism: workers) { range in
            PairComparator.withComparator(records) { comparator in
                var generator = SplitMix64(seed: seed ^ SplitMix64.mix(UInt64(range.lowerBound)))
                var histogram = PatternHistogram()
                for _ in range {
                    let a = Int(generator.next() % UInt64(count))
                    var b = Int(generator.next() % UInt64(count - 1))
                    if b >= a { b += 1 }
                    histogram.add(comparator.compare(min(a, b), max(a, b)).pattern)
                }
                return histogram
            }
        }
        var histogram = PatternHistogram()
        for part in parts { histogram.merge(part) }
        return (histogram, samples)
    }

    /// Per rule: the histogram of all candidate pairs of its sampled blocks. And the histogram of the
    /// de-duplicated candidate pairs over all rules, each pair weighted by the inverse of its sampling rate.
    private func blockedHistograms(records: EncodedRecords, blocks: CandidateBlocks) -> ([PatternHistogram], PatternHistogram) {
        let ruleCount = blocks.rules.count
        var rulePairs = [Int](repeating: 0, count: ruleCount)
        for block in blocks.blocks { rulePairs[Int(block.rule)] += block.pairs }
        let rates = rulePairs.map { min(1, Double(configuration.maximumPairsForEstimation) / Double(max($0, 1))) }
        let selected = blocks.blocks.filter { block in
            let rate = rates[Int(block.rule)]
            guard rate < 1 else { return true }
            let hash = SplitMix64.mix(blocks.key(of: block) ^ (UInt64(block.rule) &* 0x9E37_79B9_7F4A_7C15))
            return Double(hash >> 11) / Double(1 << 53) < rate
        }
        let workers = max(1, configuration.parallelism)
        let parts = ParallelChunks.map(count: selected.count, chunkCount: workers * 8, parallelism: workers) { range in
            PairComparator.withComparator(records) { comparator in
                var perRule = [PatternHistogram](repeating: PatternHistogram(), count: ruleCount)
                var union = PatternHistogram()
                for block in selected[range] {
                    let ruleIndex = Int(block.rule)
                    let unionWeight = 1 / rates[ruleIndex]
                    blocks.forEachPair(in: block, deduplicate: false) { a, b in
                        let pattern = comparator.compare(a, b).pattern
                        perRule[ruleIndex].add(pattern)
                        if !blocks.isRepeat(a, b, in: block) { union.add(pattern, weight: unionWeight) }
                    }
                }
                return (perRule, union)
            }
        }
        var perRule = [PatternHistogram](repeating: PatternHistogram(), count: ruleCount)
        var union = PatternHistogram()
        for (partRules, partUnion) in parts {
            for index in 0..<ruleCount { perRule[index].merge(partRules[index]) }
            union.merge(partUnion)
        }
        return (perRule, union)
    }
}
