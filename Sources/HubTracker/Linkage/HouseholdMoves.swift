/// A household that moved together (``LinkRule/householdMovedTogether``): a pair of records at two properties whose
/// weight fell short only because the addresses differ is linked when someone else's records are at both properties
/// too. A family moves as one: the mother's health record at the new home and her school record at the old one are
/// joined on her NHS number, and that says the old address of her daughter's records is the new one's old address too.
/// A namesake born the same day at another address has no such second person.
///
/// Which pairs: reviewed on weight alone (``LinkRule/reviewBand``, ``LinkRule/otherPostcodeReviewBand``: no conflict of
/// any kind, no NHS number set aside or shared), with both
/// names given (a record with no forename fits twins or siblings born the same day alike), at two different known
/// properties (the household key: UPRN, else postcode and address key), with both dates of birth known and agreeing or
/// a slip apart. What connects the two properties: a person other than the pair's two, after the links
/// of the run, with records at both (a person at more than ``widestPerson`` properties connects none), or another such
/// pair between the same two properties whose years of birth are at least two apart (two members of the household, both
/// seen only in the review band), or, when explaining one person, a person outside the records given
/// (``LinkageEngine/run(_:firstNew:model:doNotLink:nhsNumbersSetAside:propertiesConnectedElsewhere:prepare:)``).
///
/// On generated data (a million records), replayed on a run's review queue, the rule linked 929 pairs of one person and
/// none of two (with pairs lacking a forename it also joined a twin's record with no forename to the other twin).
public struct HouseholdMoves {
    /// A person at more properties than this connects none of them (a record keyed at a neighbour's or a hostel's
    /// address, many times over, says little about a move).
    public static let widestPerson = 6

    /// Two properties, unordered.
    struct PropertyPair: Hashable, Sendable {
        let low: Int
        let high: Int

        init(_ x: Int, _ y: Int) {
            low = min(x, y)
            high = max(x, y)
        }
    }

    let cleansed: [CleansedRecord]
    /// Each record's packed date of birth (``EncodedRecords/dateOfBirth``).
    let dateOfBirth: [UInt32]
    let configuration: LinkageConfiguration

    init(_ cleansed: [CleansedRecord], dateOfBirth: [UInt32], configuration: LinkageConfiguration) {
        self.cleansed = cleansed
        self.dateOfBirth = dateOfBirth
        self.configuration = configuration
    }

    /// The property of a household key: a hash of it.
    static func property(of key: HouseholdKey) -> Int { key.hashValue }

    /// The property of record `index`, nil without a household key.
    private func property(_ index: Int) -> Int? { cleansed[index].householdKey.map(Self.property(of:)) }

    /// Marks the reviewed pairs whose two properties someone else connects and links them in `clusters` (where the
    /// constraints allow: a refused pair stays for review). Returns the pairs linked and the reviews left.
    func link(
        _ reviews: [PairScore], clusters: inout ConstrainedUnionFind, connectedElsewhere: Set<PropertyPair>
    ) -> (linked: [PairScore], reviews: [PairScore]) {
        let engine = LinkageEngine(configuration: configuration)
        var eligible: [(index: Int, properties: PropertyPair)] = []
        for (index, pair) in reviews.enumerated() {
            guard let properties = movable(pair, engine: engine) else { continue }
            eligible.append((index, properties))
        }
        guard !eligible.isEmpty else { return ([], reviews) }
        let spans = spannedProperties(clusters: &clusters, wanted: Set(eligible.map(\.properties)))
        var byProperties: [PropertyPair: [Int]] = [:]
        for (index, properties) in eligible { byProperties[properties, default: []].append(index) }

        var moved: [(index: Int, pair: PairScore)] = []
        for (index, properties) in eligible {
            let pair = reviews[index]
            let a = clusters.find(pair.recordA)
            let b = clusters.find(pair.recordB)
            var connected = connectedElsewhere.contains(properties)
                || spans[properties, default: []].contains { $0 != a && $0 != b }
            if !connected {
                // Another member of the household, seen at both properties only in the review band.
                let year = IdentityRule.year(dateOfBirth[pair.recordA])
                connected = byProperties[properties, default: []].contains { other in
                    let them = reviews[other]
                    let c = clusters.find(them.recordA)
                    let d = clusters.find(them.recordB)
                    return c != a && c != b && d != a && d != b && abs(IdentityRule.year(dateOfBirth[them.recordA]) - year) >= 2
                }
            }
            if connected { moved.append((index, pair.movedTogether())) }
        }
        moved.sort { x, y in x.pair.weight != y.pair.weight ? x.pair.weight > y.pair.weight : (x.pair.a, x.pair.b) < (y.pair.a, y.pair.b) }
        var linked: [PairScore] = []
        var linkedIndices = Set<Int>()
        for (index, pair) in moved where clusters.union(pair.recordA, pair.recordB) == nil {
            linked.append(pair)
            linkedIndices.insert(index)
        }
        return (linked, reviews.indices.filter { !linkedIndices.contains($0) }.map { reviews[$0] })
    }

    /// The two properties of a pair the rule may link, nil for any other pair.
    private func movable(_ pair: PairScore, engine: LinkageEngine) -> PropertyPair? {
        guard !pair.isDeterministic, !pair.nhsNumberSetAside, pair.conflicts.isEmpty,
              pair.level(.forename) != .missing, pair.level(.surname) != .missing,
              LinkageEngine.datesAgree.contains(pair.level(.dateOfBirth)),
              pair.level(.address) != .sameProperty, pair.level(.address) != .missing,
              let x = property(pair.recordA), let y = property(pair.recordB), x != y,
              case let ruling = engine.ruling(for: pair), ruling.decision == .review, LinkageEngine.reviewedOnWeight.contains(ruling.rule)
        else { return nil }
        return PropertyPair(x, y)
    }

    /// For each wanted pair of properties, the clusters (roots) with records at both, up to three; a cluster at more
    /// than ``widestPerson`` properties in all connects none.
    private func spannedProperties(clusters: inout ConstrainedUnionFind, wanted: Set<PropertyPair>) -> [PropertyPair: [Int]] {
        // Worked out only here, when some pair may move: an incremental import passes every live record.
        let propertyOf = cleansed.indices.map { property($0) }
        let wantedProperties = Set(wanted.flatMap { [$0.low, $0.high] })
        var wantedOfCluster: [Int: [Int]] = [:]
        for (record, property) in propertyOf.enumerated() {
            guard let property, wantedProperties.contains(property) else { continue }
            let root = clusters.find(record)
            if !(wantedOfCluster[root]?.contains(property) ?? false) { wantedOfCluster[root, default: []].append(property) }
        }
        wantedOfCluster = wantedOfCluster.filter { $0.value.count >= 2 }
        guard !wantedOfCluster.isEmpty else { return [:] }
        var allOfCluster: [Int: Set<Int>] = [:]
        for (record, property) in propertyOf.enumerated() {
            guard let property else { continue }
            let root = clusters.find(record)
            if wantedOfCluster[root] != nil { allOfCluster[root, default: []].insert(property) }
        }
        var spans: [PropertyPair: [Int]] = [:]
        for (root, properties) in wantedOfCluster where allOfCluster[root, default: []].count <= HouseholdMoves.widestPerson {
            for i in properties.indices {
                for j in properties.indices where j > i {
                    let pair = PropertyPair(properties[i], properties[j])
                    guard wanted.contains(pair), spans[pair, default: []].count < 3 else { continue }
                    spans[pair, default: []].append(root)
                }
            }
        }
        return spans
    }
}
