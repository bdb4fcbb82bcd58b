/// The outcome of linking: a person id for every record, the links and review pairs with their scores,
/// the model used and the run's statistics.
public struct LinkageResult: Sendable {
    /// The person of each record, in the order the records were given.
    public let personIDs: [PersonID]
    /// Applied links, ordered by record indices.
    public let links: [PairScore]
    /// Pairs for clerical review: in the review band, or above the threshold with an identity conflict.
    public let reviews: [PairScore]
    /// Links refused by a do-not-link pair, an identity conflict or different NHS numbers.
    public let refusedLinks: [RefusedLink]
    /// The model used (estimated or supplied); save it for incremental linking.
    public let model: LinkageModel
    /// Volumes, blocking, decisions, estimation and time per phase.
    public let statistics: LinkageStatistics
    let configuration: LinkageConfiguration

    /// The number of distinct persons.
    public var personCount: Int { statistics.persons }

    /// Record indices grouped by person, each group in record order.
    public func recordsByPerson() -> [PersonID: [Int]] {
        var groups: [PersonID: [Int]] = [:]
        for (index, person) in personIDs.enumerated() { groups[person, default: []].append(index) }
        return groups
    }

    /// The field-by-field explanation of a scored pair.
    public func explanation(for pair: PairScore) -> MatchExplanation {
        let ruling = LinkageEngine(configuration: configuration).ruling(for: pair)
        return model.explain(pair, decision: ruling.decision, rule: ruling.rule)
    }
}
