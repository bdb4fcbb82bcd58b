/// The outcome of linking new records against existing ones.
public struct IncrementalLinkageResult: Sendable {
    /// The person of each new record, in the order given.
    public let personIDs: [PersonID]
    /// Persons created for new records that matched nobody existing.
    public let newPersons: [PersonID]
    /// Existing persons joined through new records (the survivor is the smallest id).
    public let merges: [PersonMerge]
    /// Applied links; record indices count existing records first (`0..<existing.count`), then new ones.
    public let links: [PairScore]
    public let reviews: [PairScore]
    public let refusedLinks: [RefusedLink]
    public let statistics: LinkageStatistics
    let model: LinkageModel
    let configuration: LinkageConfiguration

    /// The field-by-field explanation of a scored pair.
    public func explanation(for pair: PairScore) -> MatchExplanation {
        let ruling = LinkageEngine(configuration: configuration).ruling(for: pair)
        return model.explain(pair, decision: ruling.decision, rule: ruling.rule)
    }
}
