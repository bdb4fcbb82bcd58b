/// Turns accepted pairs into persons: applies them strongest first (shared NHS numbers before everything)
/// in a ``ConstrainedUnionFind``, then looks for *ambiguous* records — a record with no forename, say,
/// that fits twins equally well and was kept out of one twin only by the conflict between them — and
/// clusters again without such records' probabilistic links, which go to clerical review instead. A record with no date
/// of birth whose weak link (``PairScore/isWeak``) was refused for a conflict loses its weak links the same way.
struct PersonClustering {
    struct Outcome {
        var clusters: ConstrainedUnionFind
        var links: [PairScore]
        var refused: [RefusedLink]
        /// Links withheld from ambiguous records, for review.
        var withheld: [PairScore]
    }

    let count: Int
    let nhs: [UInt64]
    let doNotLink: [(Int32, Int32)]
    let conflicts: [(Int32, Int32)]

    /// Clusters `candidates`, which must be sorted strongest first; `prepare` may join records first.
    func cluster(_ candidates: [PairScore], prepare: (inout ConstrainedUnionFind) -> Void) -> Outcome {
        let first = pass(candidates, withholding: [], weakWithholding: [], prepare: prepare)
        var ambiguous = Set<Int32>()
        var weakAmbiguous = Set<Int32>()
        var clusters = first.clusters
        for refused in first.refused where refused.refusal == .conflictingRecords && !refused.pair.isDeterministic {
            let pair = refused.pair
            for (record, other) in [(pair.a, pair.b), (pair.b, pair.a)] {
                let x = Int(record)
                let y = Int(other)
                guard !clusters.hasConflictPartner(x, inClusterOf: y) else { continue }
                if pair.isWeak {
                    // A record whose name and address fit people in conflict (a mother and daughter of one name) and
                    // has no date of birth to choose between them joins neither on name and address
                    // (``IdentityRule/noDateOfBirthNeedsMoreThanNameAndAddress``).
                    weakAmbiguous.insert(record)
                    continue
                }
                let into = clusters.supportingLinks(from: x, intoClusterOf: y)
                let own = clusters.supportingLinks(from: x, intoClusterOf: x)
                if into >= own { ambiguous.insert(record) }
            }
        }
        guard !ambiguous.isEmpty || !weakAmbiguous.isEmpty else { return first }
        return pass(candidates, withholding: ambiguous, weakWithholding: weakAmbiguous, prepare: prepare)
    }

    private func pass(
        _ candidates: [PairScore], withholding ambiguous: Set<Int32>, weakWithholding weakAmbiguous: Set<Int32>,
        prepare: (inout ConstrainedUnionFind) -> Void
    ) -> Outcome {
        var edges: [PairScore] = []
        var withheld: [PairScore] = []
        edges.reserveCapacity(candidates.count)
        for pair in candidates {
            if !pair.isDeterministic && (ambiguous.contains(pair.a) || ambiguous.contains(pair.b)
                || (pair.isWeak && (weakAmbiguous.contains(pair.a) || weakAmbiguous.contains(pair.b)))) {
                withheld.append(pair)
            } else {
                edges.append(pair)
            }
        }
        var clusters = ConstrainedUnionFind(
            count: count, nhs: nhs, doNotLink: doNotLink, conflicts: conflicts,
            support: edges.compactMap { $0.isWeak ? nil : ($0.a, $0.b) })
        prepare(&clusters)
        var links: [PairScore] = []
        var refused: [RefusedLink] = []
        links.reserveCapacity(edges.count)
        for pair in edges {
            if let refusal = clusters.union(Int(pair.a), Int(pair.b), weak: pair.isWeak, twoNHSNumbers: pair.nhsNumbersDifferAtOneHome) {
                refused.append(RefusedLink(pair: pair, refusal: refusal))
            } else {
                links.append(pair)
            }
        }
        return Outcome(clusters: clusters, links: links, refused: refused, withheld: withheld)
    }
}
