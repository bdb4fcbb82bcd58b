/// Links cleansed records into persons: deterministically on a shared valid NHS number, then by
/// Fellegi–Sunter probabilistic matching of candidate pairs found by blocking, with the model estimated
/// from the data (or supplied), term-frequency adjustment for common names, an auto-link threshold and a
/// clerical review band; then clusters the links into persons with a union–find that honours do-not-link
/// pairs and identity conflicts transitively.
///
/// Pure and synchronous (it uses ``LinkageConfiguration/parallelism`` threads internally): call it off
/// the server's event loops.
public struct RecordLinker: Sendable {
    public let configuration: LinkageConfiguration

    public init(configuration: LinkageConfiguration = LinkageConfiguration()) {
        self.configuration = configuration
    }

    /// Links `records`. Person ids are numbered from 1 in the order of each person's first record.
    /// `nhsNumbersSetAside`: records (by index) whose valid NHS number is known to be set aside, found with records not
    /// given here (``nhsNumbersSetAside(in:)`` of a wider set); set aside as those found among `records` are
    /// (``IdentityRule/nhsNumberSharedByDifferentPeople``). `propertiesConnectedElsewhere`: pairs of households that
    /// someone whose records are not given here has records at (a household that moved together, ``HouseholdMoves``).
    public func link(
        _ records: [CleansedRecord], doNotLink: DoNotLinkPairs = DoNotLinkPairs(), nhsNumbersSetAside: Set<Int> = [],
        propertiesConnectedElsewhere: [(HouseholdKey, HouseholdKey)] = []
    ) -> LinkageResult {
        let engine = LinkageEngine(configuration: configuration)
        var outcome = engine.run(
            records, firstNew: 0, model: configuration.model, doNotLink: doNotLink, nhsNumbersSetAside: nhsNumbersSetAside,
            propertiesConnectedElsewhere: Set(propertiesConnectedElsewhere.map {
                HouseholdMoves.PropertyPair(HouseholdMoves.property(of: $0.0), HouseholdMoves.property(of: $0.1))
            }))
        var personOfRoot: [Int32: PersonID] = [:]
        var personIDs: [PersonID] = []
        personIDs.reserveCapacity(records.count)
        for index in 0..<records.count {
            let root = Int32(outcome.clusters.find(index))
            if let person = personOfRoot[root] {
                personIDs.append(person)
            } else {
                let person = PersonID(Int64(personOfRoot.count + 1))
                personOfRoot[root] = person
                personIDs.append(person)
            }
        }
        outcome.statistics.persons = personOfRoot.count
        return LinkageResult(
            personIDs: personIDs, links: outcome.links, reviews: outcome.reviews,
            refusedLinks: outcome.refused,
            model: outcome.model, statistics: outcome.statistics, configuration: configuration)
    }

    /// The records (by index) whose valid NHS number a full run of `records` sets aside as clearly different people
    /// carry it (``IdentityRule/nhsNumberSharedByDifferentPeople``).
    public func nhsNumbersSetAside(in records: [CleansedRecord]) -> Set<Int> {
        guard records.count > 1 else { return [] }
        let aside = SharedNHSNumbers.setAside(in: EncodedRecords(records, nicknames: configuration.nicknames))
        return Set(aside.indices.filter { aside[$0] })
    }
}
