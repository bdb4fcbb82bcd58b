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
    /// `sharedNHSNumbers`: valid NHS numbers known to be carried by clearly different people among records not given
    /// here (``nhsNumbersSharedByDifferentPeople(in:)`` of a wider set), set aside as those found among `records` are
    /// (``IdentityRule/nhsNumberSharedByDifferentPeople``).
    public func link(
        _ records: [CleansedRecord], doNotLink: DoNotLinkPairs = DoNotLinkPairs(), sharedNHSNumbers: Set<String> = []
    ) -> LinkageResult {
        let engine = LinkageEngine(configuration: configuration)
        var outcome = engine.run(
            records, firstNew: 0, model: configuration.model, doNotLink: doNotLink,
            sharedNHSNumbers: Set(sharedNHSNumbers.compactMap { UInt64($0) }))
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

    /// The valid NHS numbers that clearly different people among `records` carry
    /// (``IdentityRule/nhsNumberSharedByDifferentPeople``): what a full run sets aside.
    public func nhsNumbersSharedByDifferentPeople(in records: [CleansedRecord]) -> Set<String> {
        guard records.count > 1 else { return [] }
        let encoded = EncodedRecords(records, nicknames: configuration.nicknames)
        return Set(SharedNHSNumbers.find(in: encoded).map { number in
            let digits = String(number)
            return String(repeating: "0", count: max(0, 10 - digits.count)) + digits  // as NHS numbers are written
        })
    }
}
