import HubWorkflow

/// The pipeline shared by full and incremental linking: encode, block, estimate (unless a model is
/// given), score candidate pairs, decide, and cluster with constraints.
struct LinkageEngine: Sendable {
    let configuration: LinkageConfiguration

    /// Everything a run produces before person ids are assigned.
    struct Outcome {
        var model: LinkageModel
        var links: [PairScore]
        var reviews: [PairScore]
        var refused: [RefusedLink]
        var clusters: ConstrainedUnionFind
        var statistics: LinkageStatistics
    }

    /// Links `records`; only pairs with at least one record at or after `firstNew` are compared.
    /// `prepare` may join records beforehand (the existing persons of incremental linking). `nhsNumbersSetAside`: the
    /// records (by index) whose NHS number is already known to be set aside, found among these and records not given
    /// here (``IdentityRule/nhsNumberSharedByDifferentPeople``). `propertiesConnectedElsewhere`: pairs of properties
    /// that records not given here connect (another person's, when one person's links are explained: ``HouseholdMoves``).
    func run(
        _ cleansed: [CleansedRecord], firstNew: Int, model fixedModel: LinkageModel?, doNotLink: DoNotLinkPairs,
        nhsNumbersSetAside: Set<Int> = [], propertiesConnectedElsewhere: Set<HouseholdMoves.PropertyPair> = [],
        prepare: (inout ConstrainedUnionFind) -> Void = { _ in }
    ) -> Outcome {
        var statistics = LinkageStatistics()
        statistics.records = cleansed.count
        let clock = ContinuousClock()

        var start = clock.now
        var records = EncodedRecords(cleansed, nicknames: configuration.nicknames)
        if let year = configuration.referenceYear { records.reckonAges(in: year) }
        // Before blocking and scoring: a number clearly different people carry is no evidence for any pair
        // (``IdentityRule/nhsNumberSharedByDifferentPeople``).
        statistics.nhsNumbersSetAside = records.setAsideSharedNHSNumbers(known: nhsNumbersSetAside)
        statistics.timings.encoding = LinkageEngine.seconds(since: start, clock)

        start = clock.now
        let blocks = CandidateBlocks(
            records: records, rules: configuration.blockingRules,
            maximumBlockSize: configuration.maximumBlockSize, firstNew: firstNew)
        statistics.oversizedBlocks = blocks.oversized.map { .init(rule: $0.rule, records: $0.size) }
        statistics.timings.blocking = LinkageEngine.seconds(since: start, clock)

        start = clock.now
        let model: LinkageModel
        if let fixedModel {
            model = fixedModel
        } else {
            let (estimated, summary) = ParameterEstimator(configuration: configuration).estimate(records: records, blocks: blocks)
            model = estimated
            statistics.estimation = summary
        }
        statistics.timings.estimation = LinkageEngine.seconds(since: start, clock)

        start = clock.now
        let weights = MatchWeights(model: model, records: records, configuration: configuration)
        let (scored, comparisonsByRule, namesakes) = score(records: records, blocks: blocks, weights: weights)
        statistics.comparisonsByRule = zip(configuration.blockingRules, comparisonsByRule).map {
            .init(rule: $0.0, comparisons: $0.1)
        }
        statistics.comparisons = comparisonsByRule.reduce(0, +)
        statistics.scoredPairs = scored.count
        statistics.timings.scoring = LinkageEngine.seconds(since: start, clock)

        start = clock.now
        var candidates: [PairScore] = []
        var reviews: [PairScore] = []
        // Namesakes of one household whose dates of birth differ (a mother and daughter of one name, a father and son)
        // are two people even when their pair scored too low to review: a record with no date of birth may not join
        // them together (``IdentityRule/noDateOfBirthNeedsMoreThanNameAndAddress``).
        var conflicts: [(Int32, Int32)] = namesakes
        let preventing = configuration.conflictsPreventingAutoLink.intersection(.identity)
        for pair in scored {
            if decision(for: pair) == .link {
                candidates.append(pair)
            } else {
                reviews.append(pair)
                // Records that look alike yet conflict (twins, a parent and child of the same name) should not
                // be joined through other records either, unless more links support it than conflicts oppose.
                if !pair.conflicts.isDisjoint(with: preventing) {
                    conflicts.append((pair.a, pair.b))
                }
            }
        }
        candidates.sort { x, y in
            if x.deterministic != y.deterministic { return x.deterministic }
            if x.weight != y.weight { return x.weight > y.weight }
            return (x.a, x.b) < (y.a, y.b)
        }
        let clustering = PersonClustering(
            count: records.count, nhs: records.nhs, doNotLink: doNotLink.indexPairs(in: cleansed), conflicts: conflicts)
        var clustered = clustering.cluster(candidates, prepare: prepare)
        var links = clustered.links
        let refused = clustered.refused
        reviews += clustered.withheld
        // Old addresses of a household that moved together: reviewed pairs whose two properties someone else connects.
        let moves = HouseholdMoves(cleansed, dateOfBirth: records.dateOfBirth, configuration: configuration)
            .link(reviews, clusters: &clustered.clusters, connectedElsewhere: propertiesConnectedElsewhere)
        links += moves.linked
        reviews = moves.reviews
        statistics.householdMoves = moves.linked.count
        links.sort { ($0.a, $0.b) < ($1.a, $1.b) }
        reviews.sort { ($0.a, $0.b) < ($1.a, $1.b) }
        statistics.links = links.count
        statistics.reviews = reviews.count
        statistics.refusedLinks = refused.count
        statistics.timings.clustering = LinkageEngine.seconds(since: start, clock)
        return Outcome(
            model: model, links: links, reviews: reviews, refused: refused, clusters: clustered.clusters,
            statistics: statistics)
    }

    /// Compares every candidate pair once, in parallel; keeps pairs sharing an NHS number or scoring at or
    /// above the review threshold. Also counts comparisons per rule.
    /// Also returns the namesakes of one household in conflict (see ``PairComparator/householdNamesakesApart(_:_:)``)
    /// among the pairs not kept.
    private func score(records: EncodedRecords, blocks: CandidateBlocks, weights: MatchWeights) -> ([PairScore], [Int], [(Int32, Int32)]) {
        let workers = max(1, configuration.parallelism)
        let ranges = blocks.balancedRanges(parts: workers * 16)
        let ruleCount = blocks.rules.count
        let review = Float(configuration.reviewThreshold)
        let bounds = NameWeightBounds(weights)
        let parts = ParallelChunks.map(count: ranges.count, chunkCount: ranges.count, parallelism: workers) { chunk in
            PairComparator.withComparator(records) { comparator in
                var kept: [PairScore] = []
                var namesakes: [(Int32, Int32)] = []
                var compared = [Int](repeating: 0, count: ruleCount)
                for rangeIndex in chunk {
                    for blockIndex in ranges[rangeIndex] {
                        let block = blocks.blocks[blockIndex]
                        let ruleIndex = Int(block.rule)
                        blocks.forEachPair(in: block, deduplicate: true) { a, b in
                            compared[ruleIndex] += 1
                            guard let comparison = comparator.compare(a, b, reaching: review, bounds: bounds, weights: weights)
                            else {
                                if comparator.householdNamesakesApart(a, b) { namesakes.append((Int32(a), Int32(b))) }
                                return
                            }
                            let deterministic = records.nhs[a] != 0 && records.nhs[a] == records.nhs[b]
                            let weight = weights.weight(of: comparison)
                            guard deterministic || weight.total >= review else {
                                if comparator.householdNamesakesApart(a, b) { namesakes.append((Int32(a), Int32(b))) }
                                return
                            }
                            kept.append(PairScore(
                                a: Int32(a), b: Int32(b), weight: weight.total, forenameAdjustment: weight.forename,
                                surnameAdjustment: weight.surname, pattern: comparison.pattern,
                                conflicts: comparison.conflicts, deterministic: deterministic,
                                nhsNumberSetAside: records.nhsSetAside[a] || records.nhsSetAside[b],
                                nhsNumbersDifferAtOneHome: comparison.nhsNumbersDifferAtOneHome))
                        }
                    }
                }
                return (kept, compared, namesakes)
            }
        }
        var scored: [PairScore] = []
        scored.reserveCapacity(parts.reduce(0) { $0 + $1.0.count })
        var compared = [Int](repeating: 0, count: ruleCount)
        var namesakes: [(Int32, Int32)] = []
        for (kept, counts, apart) in parts {
            scored.append(contentsOf: kept)
            namesakes.append(contentsOf: apart)
            for index in 0..<ruleCount { compared[index] += counts[index] }
        }
        return (scored, compared, namesakes)
    }

    /// The decision a scored pair gets under this configuration (before constraints).
    ///
    /// A shared valid NHS number is evidence, not proof (``IdentityRule``): it links on its own unless the rest of
    /// the pair disputes it — forenames that differ beyond a nickname, alias or slip
    /// (``IdentityRule/nhsSharedButForenamesDiffer``), dates of birth that differ beyond a slip, partial dates
    /// included (``IdentityRule/nhsSharedButDatesOfBirthDiffer``, with ``IdentityRule/ageGapAdultChild`` or
    /// ``IdentityRule/generationGapSameName``) — or a total weight below the review threshold: a number that passes the
    /// check can be a parent's on a child's record, so such pairs go to review. Genders alone may be miskeyed and do
    /// not stop it. Other pairs link at or above the auto-link threshold when free of the configured conflicts (at two
    /// postcodes, at or above ``LinkageConfiguration/otherPostcodeLinkThreshold``), or, at one
    /// property with both dates of birth known and agreeing or a slip apart, at or above the household threshold
    /// (``LinkageConfiguration/householdLinkThreshold``).
    func decision(for pair: PairScore) -> LinkDecision { ruling(for: pair).decision }

    /// ``decision(for:)`` with the rule that made it, as the pair's explanation names it: a link on
    /// ``LinkRule/sameNHSNumber``, ``LinkRule/autoLinkThreshold`` or ``LinkRule/householdLinkThreshold``; a review for
    /// ``LinkRule/identityConflict`` or in the ``LinkRule/reviewBand``.
    func ruling(for pair: PairScore) -> (decision: LinkDecision, rule: LinkRule) {
        let review: (decision: LinkDecision, rule: LinkRule) = (
            .review,
            pair.conflicts.isDisjoint(with: LinkConflicts.identity.union(.noDateOfBirthAgainstChild)) ? .reviewBand : .identityConflict)
        if pair.isDeterministic {
            return pair.conflicts.isDisjoint(with: LinkageEngine.disputingSharedNHSNumber)
                && pair.matchWeight >= configuration.reviewThreshold ? (.link, .sameNHSNumber) : review
        }
        let preventing = configuration.conflictsPreventingAutoLink
        // A record whose NHS number was set aside as a family member's, with no forename on one side, has nothing
        // left to tell a child from a sibling (or a twin) at the same address; and a family member's number explains
        // a disagreement only within one home: away from it (another postcode), a namesake born the same day is as
        // likely. Either is reviewed, not linked.
        let address = pair.level(.address)
        let indistinct = pair.nhsNumberSetAside
            && (pair.level(.forename) == .missing || (address != .sameProperty && address != .samePostcode))
        guard pair.conflicts.isDisjoint(with: preventing) && !pair.conflicts.contains(.noDateOfBirthAgainstChild) && !indistinct
        else { return review }
        // At two postcodes a namesake born the same day is as likely as a house move: a higher threshold.
        let otherPostcode = LinkageEngine.otherPostcodes.contains(address)
        if pair.matchWeight >= configuration.autoLinkThreshold
            && (!otherPostcode || pair.matchWeight >= configuration.otherPostcodeLinkThreshold) {
            return (.link, .autoLinkThreshold)
        }
        // At one home, with both dates of birth known and at most a slip apart, the family-safe rules have had their
        // say: what is left below the threshold is a changed surname, a slip in a name or a date.
        if pair.matchWeight >= configuration.householdLinkThreshold && address == .sameProperty
            && LinkageEngine.datesAgree.contains(pair.level(.dateOfBirth)) && !pair.conflicts.contains(.dateOfBirthOnOneSideOnly) {
            return (.link, .householdLinkThreshold)
        }
        // Someone else's records are at both properties (``HouseholdMoves``, which marks such pairs after clustering).
        if pair.isHouseholdMove { return (.link, .householdMovedTogether) }
        if otherPostcode && pair.matchWeight >= configuration.autoLinkThreshold { return (.review, .otherPostcodeReviewBand) }
        return review
    }

    /// The rules of a review on weight alone (no conflict).
    static let reviewedOnWeight: Set<LinkRule> = [.reviewBand, .otherPostcodeReviewBand]

    /// Address levels of two postcodes.
    static let otherPostcodes: Set<ComparisonLevel> = [.samePostcodeSector, .samePostcodeDistrict, .different]

    /// Date-of-birth levels that agree or differ by a slip.
    static let datesAgree: Set<ComparisonLevel> = [.exact, .dayMonthSwapped, .oneComponentDiffers, .yearWithinOne]

    /// The conflicts a shared valid NHS number cannot outweigh.
    static let disputingSharedNHSNumber: LinkConflicts = [.forenamesDiffer, .datesOfBirthDiffer, .ageGap, .generationGap]

    static func seconds(since start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double {
        (clock.now - start).seconds
    }
}
