/// When an import is a bulk load: it adds or changes so many records, against what the tracker already
/// holds, that dropping the search indexes for the load and building them again afterwards is cheaper than
/// keeping them up to date row by row (a first import, a partner's full re-send). A bulk load also keeps
/// other sessions from reading the records until it commits.
public struct BulkLoadPolicy: Sendable, Hashable {
    /// The fewest added or changed records that make a bulk load.
    public var minimumChanged: Int
    /// The smallest share of the records held afterwards that the added or changed ones must make up.
    public var minimumShare: Double

    /// Whether a source that holds nothing yet has its records and events copied straight into the tracker's
    /// tables (none can conflict with a held one) rather than through the staging tables that an update needs.
    /// Tests turn it off to compare the two ways.
    public var copiesNewSourcesDirectly: Bool

    public init(minimumChanged: Int = 50_000, minimumShare: Double = 0.25, copiesNewSourcesDirectly: Bool = true) {
        self.minimumChanged = minimumChanged
        self.minimumShare = minimumShare
        self.copiesNewSourcesDirectly = copiesNewSourcesDirectly
    }

    /// Whether `changed` added or changed records, with `held` records already in the tracker, make a bulk load.
    public func applies(changed: Int, held: Int) -> Bool {
        changed > 0 && changed >= minimumChanged && Double(changed) >= minimumShare * Double(held + changed)
    }
}
